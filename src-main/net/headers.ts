/** Response headers as Node and undici hand them over: lower-case names, repeated ones as arrays. */
export type HeaderMap = Record<string, string | string[] | undefined>;

/** The first value of a header, looked up case-insensitively. */
export function header(headers: HeaderMap, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
