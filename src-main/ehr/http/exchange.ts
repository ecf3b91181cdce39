/** One HTTP exchange: send, read the whole (size-capped) body, parse JSON if it is JSON. */
import type { Dispatcher } from 'undici';
import type { HeaderMap } from '../../net';

export interface ExchangeRequest {
  url: URL;
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface ExchangeResponse {
  status: number;
  headers: HeaderMap;
  /** The parsed body; undefined when the body is empty or not JSON. */
  json: unknown;
  /** A non-empty body that did not parse as JSON. */
  invalidJson: boolean;
  bytes: number;
}

export async function exchange(dispatcher: Dispatcher, req: ExchangeRequest): Promise<ExchangeResponse> {
  const res = await dispatcher.request({
    origin: req.url.origin,
    path: `${req.url.pathname}${req.url.search}`,
    method: req.method,
    headers: req.headers,
    body: req.body,
    signal: req.signal,
  });
  const text = await res.body.text();
  const response: ExchangeResponse = { status: res.statusCode, headers: res.headers, json: undefined, invalidJson: false, bytes: Buffer.byteLength(text) };
  if (text.trim() === '') return response;
  try {
    response.json = JSON.parse(text);
  } catch {
    // V8's message quotes the body, which may hold PHI or a token: keep only the fact.
    response.invalidJson = true;
  }
  return response;
}
