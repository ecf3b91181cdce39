/**
 * Notification channels through the real dispatcher: the store, the
 * keychain, the audit log and receivers on 127.0.0.1 are all real. Secrets
 * go to the keychain and nowhere else; every refusal carries its code; "Send
 * test" reports what a receiver really did and leaves it in the health and
 * the delivery log.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../src-shared/contract';
import type { ChannelSettingsInput } from '../../../src-shared/contract';
import { useTestKeychain } from '../store/fixtures';
import { startHttpReceiver, type HttpReceiver } from './harness';
import { startNotifyRig, type NotifyRig } from './service-rig';

const { secrets } = useTestKeychain();

const ROUTING_KEY = 'R0utingKeyNotifyTest0000000000aa';
const SMTP_PASSWORD = 'smtp-Password-Notify-7731';
let receiver: HttpReceiver;
let rig: NotifyRig;
/** Every secret given in this file, to look for afterwards. */
const given: string[] = [ROUTING_KEY, SMTP_PASSWORD];

function hookUrl(path: string): string {
  const url = receiver.url(`/hooks/${path}/Sg7Xq2LeakCheck${given.length}`);
  given.push(url);
  return url;
}

const webhook = (name: string, extra: Partial<ChannelSettingsInput> = {}): ChannelSettingsInput => ({ kind: 'webhook', name, ...extra }) as ChannelSettingsInput;

async function create(input: ChannelInput<'notify.channels.create'>) {
  return rig.ok('notify.channels.create', input);
}

async function listed(id: string) {
  return (await rig.ok('notify.channels.list', {})).channels.find((c) => c.id === id);
}

/** A port nothing listens on: bound once, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function auditRows(): Array<{ action: string; target: string | null; outcome: string; detail: string | null }> {
  return rig.store.db.prepare('SELECT action, target, outcome, detail FROM audit_log ORDER BY seq').all() as never;
}

beforeAll(async () => {
  receiver = await startHttpReceiver();
  rig = await startNotifyRig(secrets);
});

afterAll(async () => {
  await rig?.close();
  await receiver?.close();
});

describe('listing', () => {
  it('lists the desktop channel a fresh console starts with', async () => {
    expect(await listed('desktop')).toEqual({
      id: 'desktop',
      settings: { kind: 'desktop', name: "This console's desktop", enabled: true, minSeverity: 'SEV3', fromLevel: 1, safetyOfficers: false },
      hasSecret: false,
      health: { status: 'unknown', lastSuccessAt: null, lastFailureAt: null, lastError: null, consecutiveFailures: 0, pending: 0 },
    });
  });

  it('skips a stored row that no longer fits the contract, and says so in the log', async () => {
    const insert = rig.store.db.prepare('INSERT INTO notify_channels (id, settings, created_at, updated_at) VALUES (?, ?, 1, 1)');
    insert.run('broken-json', '{"kind":');
    insert.run('unknown-kind', '{"kind":"fax","name":"Fax"}');
    const ids = (await rig.ok('notify.channels.list', {})).channels.map((c) => c.id);
    expect(ids).toContain('desktop');
    expect(ids).not.toContain('broken-json');
    expect(ids).not.toContain('unknown-kind');
    // Once per bad row, though the list is read on every poll.
    await rig.ok('notify.channels.list', {});
    expect(rig.log.lines.filter((l) => l.includes('broken-json') || l.includes('unknown-kind'))).toHaveLength(2);
    rig.store.db.prepare("DELETE FROM notify_channels WHERE id IN ('broken-json', 'unknown-kind')").run();
  });
});

describe('creating', () => {
  it('puts the webhook URL in the keychain and reports only that there is one', async () => {
    const url = hookUrl('created');
    const channel = await create({ settings: webhook('Ops webhook', { minSeverity: 'SEV2' }), secret: url });
    expect(channel).toMatchObject({ settings: { kind: 'webhook', name: 'Ops webhook', minSeverity: 'SEV2', fromLevel: 1, enabled: true }, hasSecret: true });
    expect(channel.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await secrets.get(`notify:${channel.id}:webhookUrl`)).toBe(url);
    expect(await listed(channel.id)).toEqual(channel);
  });

  it('keeps a pasted URL or routing key without surrounding white space', async () => {
    const url = hookUrl('pasted');
    const hook = await create({ settings: webhook('Pasted'), secret: `  ${url}\n` });
    expect(await secrets.get(`notify:${hook.id}:webhookUrl`)).toBe(url);
    const pd = await create({ settings: { kind: 'pagerduty', name: 'On call' }, secret: `${ROUTING_KEY}\n` });
    expect(await secrets.get(`notify:${pd.id}:routingKey`)).toBe(ROUTING_KEY);
  });

  it('needs a password for an e-mail channel only when it signs in', async () => {
    const mail = { kind: 'email' as const, host: 'smtp.example.org', port: 587, security: 'starttls' as const, from: 'vigil@example.org', to: ['noc@example.org'] };
    const relay = await create({ settings: { ...mail, name: 'Open relay' } });
    expect(relay.hasSecret).toBe(false);
    const signed = await create({ settings: { ...mail, name: 'Signed in', user: 'vigil' }, secret: SMTP_PASSWORD });
    expect(signed.hasSecret).toBe(true);
    expect(await secrets.get(`notify:${signed.id}:password`)).toBe(SMTP_PASSWORD);
  });

  it.each([
    ['slack', { kind: 'slack', name: 'No URL' }],
    ['webhook', { kind: 'webhook', name: 'No URL' }],
    ['pagerduty', { kind: 'pagerduty', name: 'No key' }],
    ['email with a user', { kind: 'email', name: 'No password', host: 'smtp.example.org', port: 465, security: 'tls', user: 'vigil', from: 'a@example.org', to: ['b@example.org'] }],
  ] as Array<[string, ChannelSettingsInput]>)('refuses a %s channel without its secret, naming the field', async (_kind, settings) => {
    const before = (await rig.ok('notify.channels.list', {})).channels.length;
    const reply = await rig.call('notify.channels.create', { settings });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: ['secret'] }] } });
    expect((await rig.ok('notify.channels.list', {})).channels).toHaveLength(before);
  });

  it.each([
    ['a webhook URL that is not http(s)', webhook('ftp'), 'ftp://files.example.org/hook'],
    ['a webhook URL that is not a URL', webhook('words'), 'not a url'],
    ['a routing key of 31 characters', { kind: 'pagerduty', name: 'short' }, ROUTING_KEY.slice(1)],
    ['a routing key with punctuation', { kind: 'pagerduty', name: 'dash' }, `${ROUTING_KEY.slice(1)}-`],
    ['a secret for the desktop', { kind: 'desktop', name: 'desk' }, 'anything'],
    ['a password for a relay used without a user', { kind: 'email', name: 'relay', host: 'h', port: 25, security: 'none', from: 'a@example.org', to: ['b@example.org'] }, 'pw'],
  ] as Array<[string, ChannelSettingsInput, string]>)('refuses %s', async (_what, settings, secret) => {
    // Long enough to look for in the database bytes later without matching by chance.
    if (secret.length >= 12) given.push(secret);
    const accounts = (await secrets.list()).length;
    const reply = await rig.call('notify.channels.create', { settings, secret });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: ['secret'] }] } });
    if (!reply.ok) expect(reply.error.message).not.toContain(secret);
    expect((await secrets.list()).length).toBe(accounts);
  });

  it('takes the keychain entry back when the row cannot be written', async () => {
    const accounts = await secrets.list();
    rig.store.db.pragma('query_only = ON');
    try {
      const reply = await rig.call('notify.channels.create', { settings: webhook('Read-only'), secret: hookUrl('readonly') });
      expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    } finally {
      rig.store.db.pragma('query_only = OFF');
    }
    expect((await secrets.list()).sort()).toEqual(accounts.sort());
  });
});

describe('updating', () => {
  it('keeps the stored secret when none is given and the kind stays', async () => {
    const url = hookUrl('keep');
    const { id } = await create({ settings: webhook('Before'), secret: url });
    const updated = await rig.ok('notify.channels.update', { id, settings: webhook('After', { fromLevel: 2, enabled: false }) });
    expect(updated).toMatchObject({ id, settings: { name: 'After', fromLevel: 2, enabled: false }, hasSecret: true });
    expect(await secrets.get(`notify:${id}:webhookUrl`)).toBe(url);
  });

  it('replaces the stored secret with a given one', async () => {
    const { id } = await create({ settings: webhook('Replace'), secret: hookUrl('old') });
    const url = hookUrl('new');
    await rig.ok('notify.channels.update', { id, settings: webhook('Replace'), secret: url });
    expect(await secrets.get(`notify:${id}:webhookUrl`)).toBe(url);
  });

  it('needs a new secret when the kind changes, and drops the one no longer used', async () => {
    const { id } = await create({ settings: webhook('Changing'), secret: hookUrl('changing') });
    const slack = await rig.call('notify.channels.update', { id, settings: { kind: 'slack', name: 'Changing' } });
    expect(slack).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: ['secret'] }] } });
    const pd = await rig.call('notify.channels.update', { id, settings: { kind: 'pagerduty', name: 'Changing' } });
    expect(pd).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: ['secret'] }] } });
    // Refused changes left everything as it was.
    expect((await listed(id))?.settings.kind).toBe('webhook');

    const changed = await rig.ok('notify.channels.update', { id, settings: { kind: 'pagerduty', name: 'Changing' }, secret: ROUTING_KEY });
    expect(changed).toMatchObject({ settings: { kind: 'pagerduty' }, hasSecret: true });
    expect(await secrets.get(`notify:${id}:routingKey`)).toBe(ROUTING_KEY);
    expect(await secrets.get(`notify:${id}:webhookUrl`)).toBeNull();
  });

  it("needs the new user's password when an e-mail channel signs in as someone else", async () => {
    const mail = { kind: 'email' as const, name: 'Mail', port: 587, security: 'starttls' as const, from: 'vigil@example.org', to: ['noc@example.org'] };
    const { id } = await create({ settings: { ...mail, host: 'smtp.example.org', user: 'vigil' }, secret: SMTP_PASSWORD });
    const moved = await rig.ok('notify.channels.update', { id, settings: { ...mail, host: 'smtp2.example.org', user: 'vigil' } });
    expect(moved.hasSecret).toBe(true);
    const otherUser = await rig.call('notify.channels.update', { id, settings: { ...mail, host: 'smtp2.example.org', user: 'someone.else' } });
    expect(otherUser).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: ['secret'] }] } });
    // Without a user there is no password to keep.
    const open = await rig.ok('notify.channels.update', { id, settings: { ...mail, host: 'smtp2.example.org' } });
    expect(open.hasSecret).toBe(false);
    expect(await secrets.get(`notify:${id}:password`)).toBeNull();
  });

  it('refuses an unknown channel with NOT_FOUND', async () => {
    const reply = await rig.call('notify.channels.update', { id: 'no-such-channel', settings: webhook('Ghost'), secret: hookUrl('ghost') });
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('send test', () => {
  it('delivers a labelled test to a webhook receiver and logs it', async () => {
    const { id } = await create({ settings: webhook('Test me'), secret: hookUrl('test-me') });
    const path = new URL((await secrets.get(`notify:${id}:webhookUrl`))!).pathname;
    expect(await rig.ok('notify.channels.test', { id })).toEqual({ outcome: 'delivered', attempts: 1, status: 200 });
    const [got] = receiver.received(path);
    expect(got?.headers['x-vigil-event']).toBe('test');
    expect(got?.json).toMatchObject({ schema: 'vigil.alert.v1', test: true });
    expect((await listed(id))?.health).toMatchObject({ status: 'ok', consecutiveFailures: 0 });
    expect(await rig.ok('notify.deliveries', { channelId: id })).toEqual({
      deliveries: [{ channelId: id, alertId: expect.stringMatching(/^test-/), event: 'test', attempt: 1, at: expect.any(Number), outcome: 'delivered', status: 200 }],
    });
  });

  it('reports a dead receiver as failed, the channel as failing, and every try in the delivery log', async () => {
    const url = `http://127.0.0.1:${await deadPort()}/hooks/dead`;
    given.push(url);
    const { id } = await create({ settings: webhook('Dead'), secret: url });
    const result = await rig.ok('notify.channels.test', { id });
    expect(result).toMatchObject({ outcome: 'failed', attempts: 3, error: expect.stringContaining('connection refused') });
    expect((await listed(id))?.health).toMatchObject({ status: 'failing', consecutiveFailures: 3, lastError: expect.stringContaining('connection refused'), pending: 0 });
    const { deliveries } = await rig.ok('notify.deliveries', { channelId: id });
    expect(deliveries.map((d) => [d.attempt, d.outcome])).toEqual([
      [3, 'failed'],
      [2, 'retrying'],
      [1, 'retrying'],
    ]);
    expect(deliveries.every((d) => d.event === 'test' && d.channelId === id)).toBe(true);
  });

  it('shows the desktop test to browser consoles as a notify.desktop event', async () => {
    expect(await rig.ok('notify.channels.test', { id: 'desktop' })).toEqual({ outcome: 'delivered', attempts: 1 });
    const pushed = rig.events.filter((e) => e.event === 'notify.desktop');
    expect(pushed).toEqual([{ event: 'notify.desktop', payload: { title: '[TEST] Vigil test notification', body: expect.stringContaining('This is a test'), urgency: 'low', tag: expect.stringMatching(/^vigil\/test\//) } }]);
  });

  it('refuses an unknown channel with NOT_FOUND', async () => {
    expect(await rig.call('notify.channels.test', { id: 'no-such-channel' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('lists the newest deliveries first across channels, up to the limit', async () => {
    const { deliveries } = await rig.ok('notify.deliveries', { limit: 2 });
    expect(deliveries).toHaveLength(2);
    expect(deliveries[0]).toMatchObject({ channelId: 'desktop', event: 'test', outcome: 'delivered' });
  });
});

describe('deleting', () => {
  it('removes the row and its keychain entry', async () => {
    const { id } = await create({ settings: webhook('Doomed'), secret: hookUrl('doomed') });
    expect(await secrets.get(`notify:${id}:webhookUrl`)).not.toBeNull();
    expect(await rig.ok('notify.channels.delete', { id })).toEqual({});
    expect(await listed(id)).toBeUndefined();
    expect((await secrets.list()).filter((a) => a.startsWith(`notify:${id}:`))).toEqual([]);
  });

  it('refuses an unknown channel with NOT_FOUND', async () => {
    expect(await rig.call('notify.channels.delete', { id: 'no-such-channel' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('secrets go to the keychain and nowhere else', () => {
  it('audits every change by channel and kind', () => {
    const rows = auditRows();
    const created = rows.find((r) => r.action === 'notify.channels.create' && r.outcome === 'ok');
    expect(created?.target).toMatch(/^notify-channel:/);
    expect(JSON.parse(created!.detail!)).toEqual({ name: 'Ops webhook', kind: 'webhook', secret: 'webhookUrl' });
    const changedKind = rows.find((r) => r.action === 'notify.channels.update' && r.detail?.includes('secretRemoved'));
    expect(JSON.parse(changedKind!.detail!)).toEqual({ name: 'Changing', kind: 'pagerduty', changed: ['kind'], secretReplaced: 'routingKey', secretRemoved: 'webhookUrl' });
    expect(rows.filter((r) => r.outcome === 'INVALID_INPUT').length).toBeGreaterThan(0);
    expect(rows.some((r) => r.action === 'notify.channels.test' && r.detail?.includes('"outcome":"failed"'))).toBe(true);
  });

  it('no secret is in the audit log, the decrypted tables, the raw file and WAL, any log call or any reply', () => {
    const dump = JSON.stringify(
      (rig.store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as Array<{ name: string }>).map(({ name }) =>
        rig.store.db.prepare(`SELECT * FROM "${name}"`).all(),
      ),
    );
    expect(dump).toContain('Ops webhook');
    const raw = Buffer.concat([rig.store.path, `${rig.store.path}-wal`].filter(existsSync).map((f) => readFileSync(f)));
    const audit = JSON.stringify(auditRows());
    const outputs = [...rig.log.lines, ...rig.replies, JSON.stringify(rig.events)].join('\n');
    expect(outputs).toContain('Ops webhook');
    for (const secret of given) {
      // The URL's credential part is its path; the host and port alone are no secret.
      const pieces = secret.startsWith('http') ? [secret, new URL(secret).pathname] : [secret];
      for (const piece of pieces) {
        expect(audit.includes(piece), `audit log holds ${piece}`).toBe(false);
        expect(dump.includes(piece), `database holds ${piece}`).toBe(false);
        expect(raw.includes(Buffer.from(piece)), `raw database holds ${piece}`).toBe(false);
        expect(outputs.includes(piece), `a log line, reply or event holds ${piece}`).toBe(false);
      }
    }
  });
});
