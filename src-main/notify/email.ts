/**
 * E-mail over SMTP with nodemailer: a plain-text message per alert event.
 * One SMTP session per message (alerts are rare, and a pooled session would
 * hold a socket to the relay all day), with the password read from the
 * keychain for that session only.
 */
import { createHash } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import nodemailer, { type NodemailerError, type SendMailOptions } from 'nodemailer';
import type { EmailChannel } from './channels';
import { headline, readableTime, respondWithinMinutes, severityMeaning, urgencyLine, type Notice } from './notice';
import { hideSecrets, missingSecret, networkOutcome, permanent, retryable, type SendContext, type SendOutcome } from './send-outcome';

// Without an SMTP reply code to go by, the failures that the same message on a new session would meet again.
const FINAL_CODES = new Set(['EAUTH', 'ENOAUTH', 'EENVELOPE', 'EMESSAGE', 'ECONFIG', 'ETLS', 'EREQUIRETLS']);
const NETWORK_CODES = new Set(['ECONNECTION', 'ESOCKET', 'EDNS', 'ETIMEDOUT', 'EABORT']);

/**
 * Every message of one alert names the same thread root in References, so
 * mail clients group triggered, acknowledged and resolved; each message keeps
 * its own Message-ID, since servers drop a second message with a seen one.
 */
function threadRoot(n: Notice, from: string): string {
  const domain = from.split('@')[1]?.replace(/>.*$/, '') || 'vigil.invalid';
  return `<alert.${createHash('sha256').update(n.dedupKey).digest('hex').slice(0, 32)}@${domain}>`;
}

function body(n: Notice): string {
  const c = n.connection;
  const lines = [n.summary, '', urgencyLine(n), ''];
  if (!n.test) {
    lines.push(
      `Severity:     ${n.severity}, ${severityMeaning(n.severity)}: respond within ${respondWithinMinutes(n.severity)} minutes`,
      `Connection:   ${c.name}${c.vendor ? ` (${c.vendor})` : ''}${c.host ? `, ${c.host}` : ''}`,
      `State:        ${n.event}`,
      `Rule:         ${n.rule}`,
      `Opened:       ${readableTime(n.openedAt)}`,
    );
    if (n.acknowledgedAt !== undefined) lines.push(`Acknowledged: ${readableTime(n.acknowledgedAt)}${n.acknowledgedBy ? ` by ${n.acknowledgedBy}` : ''}`);
    if (n.resolvedAt !== undefined) lines.push(`Resolved:     ${readableTime(n.resolvedAt)}`);
    for (const [k, v] of Object.entries(n.details ?? {})) lines.push(`${`${k}:`.padEnd(13)} ${String(v)}`);
    lines.push('');
  }
  lines.push(`Alert ${n.alertId} · ${n.dedupKey}`, '-- ', 'Sent by Vigil');
  return lines.join('\n');
}

export function emailMessage(n: Notice, channel: EmailChannel): SendMailOptions {
  const root = threadRoot(n, channel.from);
  return {
    from: channel.from,
    to: channel.to,
    subject: `[Vigil] ${headline(n)}`,
    text: body(n),
    priority: !n.test && n.event === 'triggered' && n.severity === 'SEV1' ? 'high' : 'normal',
    references: root,
    inReplyTo: root,
    headers: {
      'X-Vigil-Alert-Id': n.alertId,
      'X-Vigil-Dedup-Key': n.dedupKey,
      'X-Vigil-Severity': n.severity,
      'X-Vigil-Event': n.test ? 'test' : n.event,
      // Out-of-office replies to an alert only add noise to the on-call inbox.
      'Auto-Submitted': 'auto-generated',
    },
  };
}

function transport(channel: EmailChannel, password: string | null, timeoutMs: number) {
  return nodemailer.createTransport({
    host: channel.host,
    port: channel.port,
    secure: channel.security === 'tls',
    requireTLS: channel.security === 'starttls',
    ignoreTLS: channel.security === 'none',
    ...(channel.user ? { auth: { user: channel.user, pass: password ?? '' } } : {}),
    ...(channel.caCert ? { tls: { ca: [...rootCertificates, channel.caCert] } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    // The message is built here from text; nothing should make nodemailer read files or fetch URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  });
}

function classify(err: NodemailerError, password: string | null, ctx: SendContext): SendOutcome {
  const code = err.code ?? '';
  if (NETWORK_CODES.has(code)) return networkOutcome({ code: err.originalCode ?? code }, ctx);
  const text = `${code || 'SMTP error'}: ${hideSecrets(err.message, [password])}`;
  // A reply code settles it (RFC 5321: 5yz final, 4yz transient), so a greylisting 451 is retried.
  if (err.permanent ?? FINAL_CODES.has(code)) return permanent(text, err.responseCode);
  return retryable(text, err.responseCode === undefined ? {} : { status: err.responseCode });
}

/**
 * nodemailer sends to whichever recipients the relay accepted and calls that
 * success. An alert counts as delivered only when every recipient has it: a
 * transient refusal (a greylisting 451) is retried even though the others
 * may get a second copy, since a duplicate beats a missed alert; refusals
 * that are all final fail the notification, so Settings shows the bad address.
 */
function refusedRecipients(info: { rejected: string[]; rejectedErrors?: NodemailerError[] }, password: string | null): SendOutcome {
  const errors = info.rejectedErrors ?? [];
  const first = errors[0];
  const why = first ? ` (${hideSecrets(first.response ?? first.message, [password])})` : '';
  const text = `the relay refused ${info.rejected.join(', ')}${why}; the other recipients were sent the message`;
  const transient = errors.length === 0 || errors.some((e) => e.permanent !== true);
  return transient ? retryable(text, first?.responseCode === undefined ? {} : { status: first.responseCode }) : permanent(text, first?.responseCode);
}

export async function sendEmail(n: Notice, channel: EmailChannel, ctx: SendContext): Promise<SendOutcome> {
  if (channel.user && !ctx.secret) return missingSecret('password');
  if (channel.user && channel.security === 'none') return permanent('refusing to send the SMTP password over an unencrypted connection: choose TLS or STARTTLS');
  try {
    // nodemailer resolves the relay's name itself, so the outbound rules look first.
    await ctx.outbound.checkResolved(channel.host);
  } catch (err) {
    return networkOutcome(err, ctx);
  }
  const mailer = transport(channel, ctx.secret, ctx.timeoutMs);
  try {
    const info = await mailer.sendMail({ ...emailMessage(n, channel), signal: ctx.signal });
    return info.rejected.length === 0 ? { ok: true } : refusedRecipients(info, ctx.secret);
  } catch (err) {
    return classify(err as NodemailerError, ctx.secret, ctx);
  } finally {
    mailer.close();
  }
}
