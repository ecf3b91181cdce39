/**
 * One JSON POST to a receiver (Slack, a webhook, PagerDuty) and what its
 * answer means for delivery: 2xx delivered; 408, 429 and 5xx worth another
 * try, after Retry-After when the receiver sent one; any other status final.
 */
import { header, parseRetryAfter } from '../net';
import { VERSION } from '../version';
import { hideSecrets, networkOutcome, permanent, retryable, type SendContext, type SendOutcome } from './send-outcome';

const SNIPPET_CHARS = 200;

function target(url: string): URL | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/**
 * `secrets` are the values that must not appear in an error, the URL among
 * them when it is the credential. Redirects are not followed: a receiver that
 * moves should be reconfigured, not handed the payload wherever it points.
 */
export async function postJson(url: string, body: unknown, ctx: SendContext, opts: { secrets: Array<string | null>; headers?: Record<string, string> }): Promise<SendOutcome> {
  const u = target(url);
  if (!u) return permanent('the receiver URL is not a valid http(s) URL');
  let status: number;
  let text: string;
  let retryAfter: string | undefined;
  try {
    const res = await ctx.http.request({
      origin: u.origin,
      path: `${u.pathname}${u.search}`,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': `Vigil/${VERSION}`, ...opts.headers },
      body: JSON.stringify(body),
      signal: ctx.signal,
    });
    status = res.statusCode;
    retryAfter = header(res.headers, 'retry-after');
    // Past the status line the verdict is known; an oversized or cut-off body only loses the snippet.
    text = await res.body.text().catch(() => '');
  } catch (err) {
    return networkOutcome(err, ctx);
  }
  if (status >= 200 && status <= 299) return { ok: true, status };
  // Hidden before cutting, so a secret split at the cut cannot leave half of itself behind.
  const snippet = hideSecrets(text, opts.secrets).trim().slice(0, SNIPPET_CHARS);
  const error = `HTTP ${status}${snippet ? `: ${snippet}` : ''}`;
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(retryAfter, ctx.now);
    return retryable(error, { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }
  return permanent(error, status);
}
