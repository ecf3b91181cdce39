/**
 * A console to open in a browser, for the benches that measure a screen:
 * the renderer built as `npm run console` builds it (electron-vite, into
 * out/), and a real host over it (startHost: an encrypted store in a temp
 * folder, the OS keychain under a throwaway service) with an admin signed
 * in through the dispatcher. What it makes is undone by the clean-up steps
 * it adds to `cleanups`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'electron-vite';
import { LOCAL_SOURCE } from '../src-main/dispatch';
import { startHost, type Host } from '../src-main/host/host';
import { createLogger } from '../src-main/log';
import { createKeychain } from '../src-main/secrets/keychain';
import type { ChannelInput, ChannelName, ChannelOutput } from '../src-shared/contract';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ADMIN = { username: 'bench-admin', displayName: 'Bench Admin', password: 'correct horse battery staple' };

export type Ok = <C extends ChannelName>(channel: C, input: ChannelInput<C>, token?: string) => Promise<ChannelOutput<C>>;

export async function startBenchConsole(suite: string, cleanups: Array<() => unknown>): Promise<{ host: Host; ok: Ok; token: string }> {
  console.error(`# ${suite}: building the console (electron-vite)…`);
  await build({ root: ROOT, logLevel: 'warn' });

  const dataDir = mkdtempSync(path.join(tmpdir(), `vigil-bench-${suite}-`));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const secrets = createKeychain({ service: `vigil-bench-${suite}-${randomBytes(6).toString('hex')}` });
  cleanups.push(async () => {
    for (const account of await secrets.list()) await secrets.delete(account);
  });
  const host = await startHost({
    port: 0,
    dataDir,
    rendererDir: path.join(ROOT, 'out', 'renderer'),
    vigilOptions: { secrets, sandbox: false, log: createLogger({ level: 'error' }), monitor: { workstation: false } },
  });
  cleanups.push(() => host.close());
  const ok: Ok = async (channel, input, token) => {
    const reply = await host.vigil.dispatch(channel, input, { token: token ?? null, source: LOCAL_SOURCE });
    if (!reply.ok) throw new Error(`${channel} failed: ${reply.error.code} ${reply.error.message}`);
    return reply.data as ChannelOutput<typeof channel>;
  };
  await ok('setup.createAdmin', ADMIN);
  const { token } = await ok('session.login', { username: ADMIN.username, password: ADMIN.password });
  return { host, ok, token };
}
