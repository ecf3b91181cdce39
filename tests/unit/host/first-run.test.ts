/**
 * First-run setup against the real host over HTTP (issue 10, item 6): from
 * this computer as it is, from anywhere else only with the setup code, and
 * of parallel setups exactly one wins. 127.0.0.2 plays a remote computer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../../helpers/start-host';
import { postApi } from './raw-http';
import { onlyFirstLoopbackIsLocal, REMOTE_A } from './remote-peers';

const ADMIN = { username: 'admin', displayName: 'Ada Admin', password: 'correct horse battery' };
const PARALLEL = 20;

interface Reply {
  ok: boolean;
  data?: Record<string, unknown>;
  error?: { code: string; message: string; details?: unknown };
}

let host: TestHost;

async function post(channel: string, input: unknown, from?: string): Promise<Reply> {
  return (await postApi(host.url, channel, input, { localAddress: from })).json() as Reply;
}

beforeEach(async () => {
  host = await startTestHost({ isLocalAddress: onlyFirstLoopbackIsLocal });
});

afterEach(async () => {
  await host?.close();
});

describe('first-run setup', () => {
  it(`of ${PARALLEL} parallel setups from this computer, exactly one creates an administrator`, async () => {
    const replies = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => post('setup.createAdmin', { ...ADMIN, username: i === 0 ? ADMIN.username : `admin${i}` })),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    const refused = replies.filter((r) => !r.ok);
    expect(refused).toHaveLength(PARALLEL - 1);
    for (const r of refused) expect(r.error).toMatchObject({ code: 'CONFLICT', message: 'Setup is already complete. Sign in with an existing account.' });
    const winner = replies.find((r) => r.ok)!.data as { username: string; role: string };
    expect(winner.role).toBe('admin');
    const token = ((await post('session.login', { username: winner.username, password: ADMIN.password })).data as { token: string }).token;
    const { data } = (await postApi(host.url, 'users.list', {}, { token })).json() as { data: { users: unknown[] } };
    expect(data.users).toHaveLength(1);
  });

  it('from another computer needs the setup code, which then expires', async () => {
    const code = host.setupCode();
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    expect(await post('setup.status', {}, REMOTE_A)).toMatchObject({ ok: true, data: { needsAdmin: true, setupCodeRequired: true } });
    expect(await post('setup.status', {})).toMatchObject({ ok: true, data: { needsAdmin: true, setupCodeRequired: false } });

    const without = await post('setup.createAdmin', ADMIN, REMOTE_A);
    expect(without).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: [{ path: ['setupCode'] }] } });
    const wrong = await post('setup.createAdmin', { ...ADMIN, setupCode: 'AAAAA-AAAAA-AAAAA-AAAAA' }, REMOTE_A);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: [{ path: ['setupCode'] }] } });
    expect(await post('setup.status', {})).toMatchObject({ data: { needsAdmin: true } });

    // Typed as read off a terminal: lower case, spaces for dashes.
    const typed = code!.toLowerCase().replace(/-/g, ' ');
    expect(await post('setup.createAdmin', { ...ADMIN, setupCode: typed }, REMOTE_A)).toMatchObject({ ok: true, data: { role: 'admin' } });
    expect(host.setupCode()).toBeNull();
    expect(await post('setup.createAdmin', { ...ADMIN, username: 'second', setupCode: code }, REMOTE_A)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await post('setup.status', {}, REMOTE_A)).toMatchObject({ ok: true, data: { needsAdmin: false, setupCodeRequired: false } });
  });

  it(`of ${PARALLEL} parallel setups from another computer with the code, exactly one wins`, async () => {
    const setupCode = host.setupCode();
    const replies = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => post('setup.createAdmin', { ...ADMIN, username: `admin${i}`, setupCode }, REMOTE_A)),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => r.error?.code === 'CONFLICT')).toHaveLength(PARALLEL - 1);
  });

  it('audits a refused setup with the address it came from', async () => {
    await post('setup.createAdmin', ADMIN, REMOTE_A);
    await post('setup.createAdmin', ADMIN);
    const token = ((await post('session.login', { username: ADMIN.username, password: ADMIN.password })).data as { token: string }).token;
    const { data } = (await postApi(host.url, 'audit.list', { action: 'setup.createAdmin' }, { token })).json() as {
      data: { entries: Array<{ outcome: string; detail: Record<string, unknown> }> };
    };
    expect(data.entries.map((e) => [e.outcome, e.detail.source])).toEqual([
      ['ok', 'local'],
      ['FORBIDDEN', REMOTE_A],
    ]);
  });
});
