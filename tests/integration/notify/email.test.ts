/** E-mail through a real SMTP server (smtp-server) with STARTTLS and AUTH on 127.0.0.1. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EmailChannel } from '../../../src-main/notify/channels';
import { trapUnhandledRejections } from '../ehr/harness';
import { alert, OPENED_AT, rig, startSmtpReceiver, type Rig, type SmtpReceiver } from './harness';

trapUnhandledRejections();

const PASSWORD = 'smtp-Pa55word-that-must-stay-hidden';
let smtp: SmtpReceiver;
let r: Rig | undefined;

beforeAll(async () => {
  smtp = await startSmtpReceiver({ user: 'vigil-alerts', password: PASSWORD });
});
afterEach(async () => {
  await r?.notifier.close();
  r = undefined;
});
afterAll(() => smtp.close());

function channel(extra: Partial<EmailChannel> = {}): EmailChannel {
  return {
    id: 'mail',
    kind: 'email',
    name: 'NOC mailbox',
    host: '127.0.0.1',
    port: smtp.port,
    security: 'starttls',
    user: 'vigil-alerts',
    from: 'Vigil <vigil@hospital.example>',
    to: ['noc@hospital.example', 'ehr-oncall@hospital.example'],
    caCert: smtp.caCert,
    ...extra,
  };
}

function start(c: EmailChannel = channel(), password: string | null = PASSWORD): Rig {
  r = rig([c], password === null ? {} : { 'notify:mail:password': password });
  return r;
}

describe('e-mail over SMTP', () => {
  it('logs in over STARTTLS and delivers a plain-text alert with Vigil headers', async () => {
    const { notifier, deliveries } = start();
    const before = smtp.mails.length;
    notifier.enqueue('mail', alert());
    const mail = (await smtp.waitFor(before + 1))[before];
    await notifier.idle();
    expect(mail).toMatchObject({ from: 'vigil@hospital.example', to: ['noc@hospital.example', 'ehr-oncall@hospital.example'], user: 'vigil-alerts', secure: true });
    const h = mail?.headers;
    expect(h?.get('subject')).toBe('[Vigil] [SEV1 triggered] Epic Production: CapabilityStatement failed 3 times: HTTP 503 from the FHIR endpoint');
    expect(h?.get('from')).toBe('Vigil <vigil@hospital.example>');
    expect(h?.get('to')).toBe('noc@hospital.example, ehr-oncall@hospital.example');
    expect(h?.get('x-vigil-alert-id')).toBe('42');
    expect(h?.get('x-vigil-dedup-key')).toBe('vigil/7/health');
    expect(h?.get('x-vigil-severity')).toBe('SEV1');
    expect(h?.get('x-vigil-event')).toBe('triggered');
    expect(h?.get('auto-submitted')).toBe('auto-generated');
    expect(h?.get('x-priority')).toMatch(/^1/);
    expect(h?.get('references')).toMatch(/^<alert\.[0-9a-f]{32}@hospital\.example>$/);
    expect(h?.get('in-reply-to')).toBe(h?.get('references'));
    expect(h?.get('content-type')).toMatch(/^text\/plain; charset=utf-8/);
    expect(mail?.text).toContain('CapabilityStatement failed 3 times: HTTP 503 from the FHIR endpoint\n\nSEV1: Patient-safety risk or system down. Respond within 15 minutes.\n');
    expect(mail?.text).toContain('Connection:   Epic Production (epic), fhir.epic.example.org\n');
    expect(mail?.text).toContain('Opened:       2026-03-14 03:07:00 UTC\n');
    expect(mail?.text).toContain('failures:     3\n');
    expect(mail?.text).toContain('Alert 42 · vigil/7/health\n-- \nSent by Vigil');
    expect(deliveries.entries).toEqual([{ channelId: 'mail', alertId: '42', event: 'triggered', attempt: 1, at: expect.any(Number), outcome: 'delivered' }]);
  });

  it('threads acknowledged and resolved under the same alert, each with its own Message-ID', async () => {
    const { notifier } = start();
    const before = smtp.mails.length;
    notifier.enqueue('mail', alert({ alertId: '77' }));
    notifier.enqueue('mail', alert({ alertId: '77', event: 'acknowledged', acknowledgedAt: OPENED_AT + 60_000, acknowledgedBy: 'dana.noc' }));
    notifier.enqueue('mail', alert({ alertId: '77', event: 'resolved', resolvedAt: OPENED_AT + 900_000 }));
    const mails = (await smtp.waitFor(before + 3)).slice(before);
    expect(mails.map((m) => m.headers.get('subject'))).toEqual([
      '[Vigil] [SEV1 triggered] Epic Production: CapabilityStatement failed 3 times: HTTP 503 from the FHIR endpoint',
      '[Vigil] [SEV1 acknowledged] Epic Production: CapabilityStatement failed 3 times: HTTP 503 from the FHIR endpoint',
      '[Vigil] [SEV1 resolved] Epic Production: CapabilityStatement failed 3 times: HTTP 503 from the FHIR endpoint',
    ]);
    expect(new Set(mails.map((m) => m.headers.get('references'))).size).toBe(1);
    expect(new Set(mails.map((m) => m.headers.get('message-id'))).size).toBe(3);
    expect(mails[1]?.text).toContain('Acknowledged by dana.noc at 2026-03-14 03:08:00 UTC.');
    expect(mails[1]?.text).toContain('Acknowledged: 2026-03-14 03:08:00 UTC by dana.noc\n');
    expect(mails[2]?.text).toContain('Resolved at 2026-03-14 03:22:00 UTC.');
    // Only a triggered SEV1 is marked urgent.
    expect(mails[2]?.headers.get('x-priority')).toBeUndefined();
  });

  it('sends a clearly labelled test message', async () => {
    const { notifier } = start();
    const before = smtp.mails.length;
    expect(await notifier.sendTest('mail')).toEqual({ outcome: 'delivered', attempts: 1 });
    const mail = smtp.mails[before];
    expect(mail?.headers.get('subject')).toBe('[Vigil] [TEST] Vigil test notification: Test notification for channel "NOC mailbox" sent from Vigil. No action is needed.');
    expect(mail?.headers.get('x-vigil-event')).toBe('test');
    expect(mail?.text).toContain('This is a test. No action is needed.');
  });

  it('does not retry a rejected login, and never shows the password', async () => {
    const { notifier, deliveries, log } = start(channel(), 'wrong-password');
    const result = await notifier.sendTest('mail');
    expect(result).toMatchObject({ outcome: 'failed', attempts: 1, status: 535 });
    expect(result.error).toMatch(/^EAUTH: /);
    expect(deliveries.entries).toHaveLength(1);
    expect(notifier.health('mail')).toMatchObject({ status: 'failing', consecutiveFailures: 1 });
    const everything = JSON.stringify([log.lines, deliveries.entries, notifier.health('mail'), result]);
    expect(everything).not.toContain('wrong-password');
    expect(everything).not.toContain(PASSWORD);
  });

  it('retries a relay that greylists a recipient, since that recipient has no copy yet', async () => {
    const { notifier, deliveries } = start();
    const before = smtp.mails.length;
    smtp.greylist = 1;
    expect(await notifier.sendTest('mail')).toEqual({ outcome: 'delivered', attempts: 2 });
    expect(deliveries.entries[0]).toMatchObject({
      outcome: 'retrying',
      status: 451,
      error: expect.stringMatching(/^the relay refused noc@hospital\.example \(451 .*Greylisted.*\); the other recipients were sent the message$/),
    });
    // The one accepted recipient of the first try gets a second copy: a duplicate beats a missed alert.
    expect(smtp.mails.slice(before).map((m) => m.to)).toEqual([['ehr-oncall@hospital.example'], ['noc@hospital.example', 'ehr-oncall@hospital.example']]);
  });

  it('fails plainly when the keychain has no password for a channel that logs in', async () => {
    const { notifier } = start(channel(), null);
    expect(await notifier.sendTest('mail')).toEqual({ outcome: 'failed', attempts: 1, error: 'no SMTP password in the keychain for this channel' });
  });

  it('refuses to send a password without TLS', async () => {
    const { notifier } = start(channel({ security: 'none' }));
    const before = smtp.mails.length;
    const result = await notifier.sendTest('mail');
    expect(result).toMatchObject({ outcome: 'failed', attempts: 1 });
    expect(result.error).toMatch(/unencrypted/);
    expect(smtp.mails).toHaveLength(before);
  });

  it('also speaks TLS from the first byte (port 465 style)', async () => {
    const tlsSmtp = await startSmtpReceiver({ user: 'vigil-alerts', password: PASSWORD }, true);
    try {
      const { notifier } = start(channel({ port: tlsSmtp.port, caCert: tlsSmtp.caCert, security: 'tls' }));
      expect(await notifier.sendTest('mail')).toEqual({ outcome: 'delivered', attempts: 1 });
      expect(tlsSmtp.mails).toEqual([expect.objectContaining({ user: 'vigil-alerts', secure: true })]);
    } finally {
      await tlsSmtp.close();
    }
  });

  it('does not trust a relay certificate from an unknown CA', async () => {
    const { notifier } = start(channel({ caCert: undefined }));
    const result = await notifier.sendTest('mail');
    expect(result).toMatchObject({ outcome: 'failed', attempts: 1 });
    expect(result.error).toBe('TLS handshake failed (UNABLE_TO_VERIFY_LEAF_SIGNATURE)');
  });
});
