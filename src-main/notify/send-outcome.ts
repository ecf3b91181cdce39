/**
 * What one delivery attempt came to, and the context a channel sends in.
 * Error texts built here end up in the delivery log, the log file and the
 * Settings screen, so they never quote a secret or a request URL.
 */
import type { Dispatcher } from 'undici';
import { OutboundRefusedError, type OutboundGuard } from '../net';
import { secretLabel, type ChannelSecretKind } from './channels';
import type { DesktopNotifier } from './desktop';

export type SendOutcome =
  | { ok: true; status?: number }
  | { ok: false; retryable: boolean; status?: number; retryAfterMs?: number; error: string };

export interface SendContext {
  /** The channel's secret from the keychain, when its kind has one. */
  secret: string | null;
  /** Aborts on the attempt's timeout or when the notifier stops. */
  signal: AbortSignal;
  timeoutMs: number;
  /** Stays the same across the retries of one notification, so receivers can drop duplicates. */
  deliveryId: string;
  now: number;
  /** Applies the outbound rules before any byte is sent. */
  http: Dispatcher;
  /** For senders that resolve and connect on their own (SMTP). */
  outbound: OutboundGuard;
  desktop?: DesktopNotifier;
}

export function retryable(error: string, extra: { status?: number; retryAfterMs?: number } = {}): SendOutcome {
  return { ok: false, retryable: true, error, ...extra };
}

export function permanent(error: string, status?: number): SendOutcome {
  return { ok: false, retryable: false, error, ...(status === undefined ? {} : { status }) };
}

/** Final: an admin has to put the secret in the keychain (Settings) before this channel can send. */
export function missingSecret(kind: ChannelSecretKind): SendOutcome {
  return permanent(`no ${secretLabel(kind)} in the keychain for this channel`);
}

/**
 * Replaces each secret wherever a receiver echoed it back: as given,
 * URL-encoded, and for a URL its path and query alone, which are the
 * credential part of a Slack or webhook URL.
 */
export function hideSecrets(text: string, secrets: ReadonlyArray<string | null | undefined>): string {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (!s) continue;
    forms.add(s).add(encodeURIComponent(s));
    const url = URL.canParse(s) ? new URL(s) : null;
    if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.pathname.length > 1) forms.add(`${url.pathname}${url.search}`);
  }
  // Longest first, so a whole URL goes before the path inside it.
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join('[hidden]');
  return out;
}

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the receiver',
  UND_ERR_SOCKET: 'connection closed by the receiver',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

// As the EHR client classifies them (ehr/classify.ts): a refused certificate
// or a failed handshake is a setting to fix, not a hiccup to wait out.
const TLS_CODE = /CERT|^ERR_TLS_|^ERR_SSL_|^EPROTO$|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

function errorCode(err: unknown): string {
  if (typeof err !== 'object' || err === null) return '';
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Happy-eyeballs connects report every address tried in an AggregateError.
  if (err instanceof AggregateError) return errorCode(err.errors[0]);
  return errorCode((err as { cause?: unknown }).cause);
}

/**
 * A transport failure as an outcome, worded from its code only: undici's and
 * Node's messages can name the URL, which for Slack is the credential itself.
 */
export function networkOutcome(err: unknown, ctx: Pick<SendContext, 'signal' | 'timeoutMs'>): SendOutcome {
  const timedOut = `no response within ${ctx.timeoutMs} ms`;
  // The attempt's signal joins its own timeout and the notifier's stop; the reason tells which fired.
  if (ctx.signal.aborted) return retryable((ctx.signal.reason as Error | undefined)?.name === 'TimeoutError' ? timedOut : 'cancelled');
  // A refusal by the outbound rules is final: trying again would be refused again.
  if (err instanceof OutboundRefusedError) return permanent(err.message);
  const code = errorCode(err);
  if (TLS_CODE.test(code)) return permanent(`TLS handshake failed (${code})`);
  if (/TIME_?D?OUT/.test(code)) return retryable(timedOut);
  return retryable(NETWORK_WORDS[code] ?? `network error (${code || (err as Error | undefined)?.name || 'unknown'})`);
}
