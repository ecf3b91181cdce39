/**
 * One POST to an OAuth token endpoint and the reading of its answer. OAuth
 * error bodies become AUTH (or SCOPE for invalid_scope) with the error code in
 * the message; Epic sends `"error_description": null`, so the code may be all
 * there is.
 */
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { transportError } from '../classify';
import { FhirError, safeUrl } from '../errors';
import { header, parseRetryAfter } from '../../net';
import { exchange } from '../http/exchange';

export interface TokenResponse {
  accessToken: string;
  /** Seconds, when the server said. */
  expiresIn?: number;
  scope?: string;
}

const tokenBody = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  // Some servers send the number as a string.
  expires_in: z.coerce.number().positive().optional(),
  scope: z.string().optional(),
});

const oauthErrorBody = z.object({ error: z.string().min(1), error_description: z.string().nullish() });

/** Removes any of `secrets` from text a server echoed back. */
function scrub(text: string, secrets: string[]): string {
  return secrets.filter((s) => s.length >= 4).reduce((t, s) => t.split(s).join('[secret]'), text);
}

export interface TokenRequest {
  endpoint: string;
  form: Record<string, string>;
  headers?: Record<string, string>;
  maxResponseBytes: number;
  /** Secrets the request carried, kept out of any error text. */
  secrets: string[];
  nowMs: number;
}

export async function requestToken(dispatcher: Dispatcher, req: TokenRequest): Promise<TokenResponse> {
  const url = new URL(req.endpoint);
  const where = safeUrl(url);
  let res;
  try {
    res = await exchange(dispatcher, {
      url,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...req.headers },
      body: new URLSearchParams(req.form).toString(),
    });
  } catch (err) {
    throw transportError(err, url, { maxResponseBytes: req.maxResponseBytes });
  }
  const s = res.status;
  const oauth = oauthErrorBody.safeParse(res.json);
  if (s >= 400 && oauth.success) {
    const { error, error_description: description } = oauth.data;
    const kind = error === 'invalid_scope' ? 'SCOPE' : 'AUTH';
    throw new FhirError(kind, `token endpoint ${url.host} refused the request: ${error}${description ? '' : ' (no description)'}`, {
      status: s,
      oauthError: error,
      url: where,
      ...(description ? { serverText: scrub(description.slice(0, 200), req.secrets) } : {}),
    });
  }
  if (s === 429) {
    const retryAfterMs = parseRetryAfter(header(res.headers, 'retry-after'), req.nowMs);
    throw new FhirError('RATE_LIMITED', `token endpoint ${url.host} is rate limiting this client (429)`, { status: s, retryAfterMs, url: where });
  }
  if (s >= 500) throw new FhirError('SERVER', `token endpoint ${url.host} answered with a server error (${s})`, { status: s, url: where });
  if (s === 404) throw new FhirError('NOT_FOUND', `token endpoint ${where} not found (404): check the token endpoint URL`, { status: s, url: where });
  if (s >= 300) throw new FhirError('AUTH', `token endpoint ${url.host} refused the request (${s})`, { status: s, url: where });
  const token = tokenBody.safeParse(res.json);
  if (!token.success) {
    throw new FhirError('MALFORMED_RESPONSE', `token endpoint ${url.host} answered ${s} without a usable access_token`, { status: s, url: where });
  }
  const type = token.data.token_type;
  if (type !== undefined && type.toLowerCase() !== 'bearer') {
    throw new FhirError('AUTH', `token endpoint ${url.host} issued a "${type.slice(0, 20)}" token; only bearer tokens are supported`, { status: s, url: where });
  }
  return { accessToken: token.data.access_token, expiresIn: token.data.expires_in, scope: token.data.scope };
}
