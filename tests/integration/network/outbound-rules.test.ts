/**
 * The outbound rules and the https rule through the real host over HTTP:
 * what an operator or an admin may point Vigil at, refused by validation
 * before any request. Names resolve through a table (tests/helpers/fake-dns):
 * the refused ones to addresses nothing connects to, the others to servers
 * on 127.0.0.1, so no request ever leaves loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../src-shared/contract';
import type { Envelope } from '../../../src-shared/errors';
import { fakeDns } from '../../helpers/fake-dns';
import { startFhirTestServer, type FhirTestServer } from '../../helpers/fhir-test-server';
import { startTestHost, type TestHost } from '../../helpers/start-host';
import { postApi } from '../../unit/host/raw-http';

const ADMIN = { username: 'admin', displayName: 'Ada Admin', password: 'correct horse battery' };
const OPERATOR = { username: 'olive', displayName: 'Olive Operator', role: 'operator' as const, password: 'staple battery horse' };

const dns = fakeDns({
  // An EHR by name, on this machine: plain http to it is "off the machine" by name, so the https rule applies.
  'ehr.hospital.test': '127.0.0.1',
  // A name that resolves into the link-local range: refused before any socket opens.
  'imds.hospital.test': '169.254.169.254',
  // A metadata service's own name, pointed here so that an admin's exception can be seen to work.
  metadata: '127.0.0.1',
});

let host: TestHost;
let ehr: FhirTestServer;
let admin: string;
let operator: string;

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>, token: string | null): Promise<Envelope<ChannelOutput<C>>> {
  const res = await postApi(host.url, channel, input, token ? { token } : {});
  return res.json() as Envelope<ChannelOutput<C>>;
}

async function ok<C extends ChannelName>(channel: C, input: ChannelInput<C>, token: string | null): Promise<ChannelOutput<C>> {
  const reply = await call(channel, input, token);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
  return reply.data;
}

/** The field an INVALID_INPUT reply names, and its message. */
function refusal(reply: Envelope<unknown>): { path: string; message: string } {
  expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  const details = (reply as { error: { details: Array<{ path: string[]; message: string }> } }).error.details;
  return { path: details[0]!.path.join('.'), message: details[0]!.message };
}

const connection = (name: string, baseUrl: string, extra: Record<string, unknown> = {}) => ({
  config: { name, vendor: 'generic' as const, baseUrl, authMode: 'none' as const, ...extra },
});

beforeAll(async () => {
  ehr = await startFhirTestServer({ auth: 'none' });
  host = await startTestHost({ vigilOptions: { sandbox: false, resolve: dns, monitor: { workstation: false } } });
  await ok('setup.createAdmin', ADMIN, null);
  admin = (await ok('session.login', { username: ADMIN.username, password: ADMIN.password }, null)).token;
  await ok('users.create', OPERATOR, admin);
  operator = (await ok('session.login', { username: OPERATOR.username, password: OPERATOR.password }, null)).token;
});

afterAll(async () => {
  await host?.close();
  await ehr?.close();
});

describe('the https rule for EHR connections', () => {
  it('refuses plain http:// off this machine at save, on the field, for the base and token URLs', async () => {
    const port = new URL(ehr.baseUrl).port;
    const base = refusal(await call('connections.create', connection('Plain EHR', `http://ehr.hospital.test:${port}/fhir`), admin));
    expect(base).toEqual({ path: 'config.baseUrl', message: expect.stringMatching(/^Use https:\/\//) });
    const token = refusal(
      await call('connections.create', connection('Plain token', 'https://ehr.hospital.test/fhir', { authMode: 'client_secret_basic', clientId: 'vigil', tokenEndpoint: 'http://ehr.hospital.test/token' }), admin),
    );
    expect(token.path).toBe('config.tokenEndpoint');
    // To this machine it stays allowed: the sandbox and on-box test servers use it.
    expect(await ok('connections.create', connection('Loopback EHR', ehr.baseUrl, { enabled: false }), admin)).toMatchObject({ config: { allowPlainHttp: false } });
  });

  it('lets an admin allow plain http for one connection: audited, and the tile says so', async () => {
    const port = new URL(ehr.baseUrl).port;
    const created = await ok('connections.create', connection('Legacy EHR', `http://ehr.hospital.test:${port}/fhir`, { allowPlainHttp: true }), admin);
    const audit = await ok('audit.list', { action: 'connections.create' }, admin);
    expect(audit.entries.find((e) => e.target === `connection:${created.id}`)?.detail).toMatchObject({ allowPlainHttp: true, baseUrl: `http://ehr.hospital.test:${port}/fhir` });
    // The requests really go (to the test server, through the name table) …
    expect((await ok('connections.test', { id: created.id }, admin)).status).not.toBe('fail');
    // … and the board warns about it.
    const tile = (await ok('monitor.board', {}, operator)).tiles.find((t) => t.targetId === `conn:${created.id}`);
    expect(tile).toMatchObject({ plainHttp: true });

    // A connection saved before https was required (no allowPlainHttp) still reads, but nothing is sent to it.
    host.vigil.store.db.prepare("UPDATE connections SET config = json_remove(config, '$.allowPlainHttp') WHERE id = ?").run(created.id);
    const sent = ehr.fhirRequests.length;
    const run = await ok('connections.test', { id: created.id }, admin);
    expect(run.checks[0]).toMatchObject({ check: 'capability', status: 'fail', error: { kind: 'TLS' } });
    expect(run.checks[0]!.error!.message).toMatch(/plain http:\/\/ to ehr\.hospital\.test:\d+ is refused/);
    expect(ehr.fhirRequests.length).toBe(sent);
    await ok('connections.delete', { id: created.id }, admin);
  });
});

describe('the outbound rules', () => {
  it('refuses a link-local or metadata host for a connection at save', async () => {
    expect(refusal(await call('connections.create', connection('IMDS', 'https://169.254.169.254/fhir'), admin))).toEqual({
      path: 'config.baseUrl',
      message: expect.stringMatching(/does not send requests to 169\.254\.169\.254: a link-local address/),
    });
    expect(refusal(await call('connections.create', connection('GCP', 'https://metadata.google.internal/fhir'), admin)).message).toMatch(/cloud metadata service/);
  });

  it('refuses a name that resolves into the link-local range when the connection is used: nothing is sent', async () => {
    const created = await ok('connections.create', connection('Resolves badly', 'https://imds.hospital.test/fhir', { enabled: false }), admin);
    const before = dns.asked.length;
    const run = await ok('connections.test', { id: created.id }, admin);
    expect(run.status).toBe('fail');
    expect(run.checks[0]).toMatchObject({ check: 'capability', status: 'fail', error: { kind: 'NETWORK' } });
    expect(run.checks[0]!.error!.message).toMatch(/imds\.hospital\.test.*resolves to 169\.254\.169\.254/);
    expect(dns.asked.slice(before)).toContain('imds.hospital.test');
  });

  it("keeps an operator's metrics endpoint on the connection's host and off link-local; an admin may choose another host, and the URL is audited", async () => {
    const created = await ok('connections.create', connection('Metrics EHR', ehr.baseUrl, { enabled: true }), admin);
    const targetId = `conn:${created.id}`;
    const settings = (url: string) => ({
      targetId,
      settings: {
        plan: { intervalMs: 3_600_000, timeoutMs: 10_000, retries: 0, retryIntervalMs: 10_000 },
        latencyThresholdMs: 2_000,
        dependsOn: [],
        metrics: { url, selectors: [{ name: 'model_accuracy_score' }] },
      },
    });
    const imds = refusal(await call('monitor.configure', settings('http://169.254.169.254/latest/meta-data/'), operator));
    expect(imds).toEqual({ path: 'settings.metrics.url', message: expect.stringMatching(/link-local/) });
    const elsewhere = refusal(await call('monitor.configure', settings('http://127.0.0.2:9100/metrics'), operator));
    expect(elsewhere.message).toMatch(/must be on the connection's host \(127\.0\.0\.1\)/);
    const sameHost = `http://127.0.0.1:${new URL(ehr.baseUrl).port}/ai/metrics`;
    await ok('monitor.configure', settings(sameHost), operator);
    await ok('monitor.configure', settings('http://127.0.0.2:9100/metrics'), admin);
    const audit = await ok('audit.list', { action: 'monitor.configure' }, admin);
    expect(audit.entries.map((e) => [e.actor, e.outcome, e.detail?.metricsUrl])).toEqual([
      ['admin', 'ok', 'http://127.0.0.2:9100/metrics'],
      ['olive', 'ok', sameHost],
      ['olive', 'INVALID_INPUT', 'http://127.0.0.2:9100/metrics'],
      ['olive', 'INVALID_INPUT', 'http://169.254.169.254/latest/meta-data/'],
    ]);
    await ok('connections.delete', { id: created.id }, admin);
  });

  it('refuses a webhook to a refused host or over plain http off this machine, on the secret field', async () => {
    const webhook = { kind: 'webhook' as const, name: 'Hook' };
    expect(refusal(await call('notify.channels.create', { settings: webhook, secret: 'https://169.254.169.254/hook' }, admin))).toEqual({
      path: 'secret',
      message: expect.stringMatching(/link-local/),
    });
    expect(refusal(await call('notify.channels.create', { settings: webhook, secret: 'http://hooks.hospital.test/vigil' }, admin)).message).toMatch(/must use https:\/\//);
    const email = { kind: 'email' as const, name: 'Mail', host: 'metadata.google.internal', port: 587, security: 'starttls' as const, from: 'vigil@hospital.test', to: ['noc@hospital.test'] };
    expect(refusal(await call('notify.channels.create', { settings: email }, admin)).path).toBe('settings.host');
  });

  it('lets an admin allow a refused host, audited, after which it is used like any other; and take it back', async () => {
    const port = new URL(ehr.baseUrl).port;
    const viaMetadata = connection('Behind metadata', `http://metadata:${port}/fhir`, { allowPlainHttp: true, enabled: false });
    expect(refusal(await call('connections.create', viaMetadata, admin)).message).toMatch(/cloud metadata service/);
    expect((await call('network.setOutbound', { exceptions: [{ host: 'metadata', note: 'lab EHR answers on this name' }] }, operator))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const set = await ok('network.setOutbound', { exceptions: [{ host: 'Metadata', note: 'lab EHR answers on this name' }] }, admin);
    expect(set.exceptions).toEqual([{ host: 'metadata', note: 'lab EHR answers on this name', addedBy: 'admin', addedAt: expect.any(Number) }]);
    const created = await ok('connections.create', viaMetadata, admin);
    const fhirBefore = ehr.fhirRequests.length;
    expect((await ok('connections.test', { id: created.id }, admin)).checks[0]).toMatchObject({ check: 'capability', status: 'pass' });
    expect(ehr.fhirRequests.length).toBeGreaterThan(fhirBefore);

    await ok('network.setOutbound', { exceptions: [] }, admin);
    const fhirAfter = ehr.fhirRequests.length;
    expect((await ok('connections.test', { id: created.id }, admin)).checks[0]).toMatchObject({ status: 'fail', error: { kind: 'NETWORK' } });
    expect(ehr.fhirRequests.length).toBe(fhirAfter);
    const audit = await ok('audit.list', { action: 'network.setOutbound' }, admin);
    expect(audit.entries.map((e) => [e.actor, e.outcome, e.target, e.detail])).toEqual([
      ['admin', 'ok', 'network:outbound', { added: [], removed: ['metadata'] }],
      ['admin', 'ok', 'network:outbound', { added: ['metadata'], removed: [] }],
      ['olive', 'FORBIDDEN', null, null],
    ]);
  });
});
