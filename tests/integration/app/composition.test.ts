/**
 * createVigil as a list of modules over a real store and keychain: a channel
 * served twice refuses to start, and a module that fails to start leaves
 * nothing running of those started before it (the embedded sandbox's
 * listener included) and the store closed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createVigil } from '../../../src-main/app';
import { DuplicateChannelError } from '../../../src-main/app/modules';
import { LOCAL_SOURCE } from '../../../src-main/dispatch';
import { createLogger } from '../../../src-main/log';
import { createKeychain } from '../../../src-main/secrets';
import type { ServiceModule } from '../../../src-main/service-module';
import { openStore } from '../../../src-main/store';

const secrets = createKeychain({ service: `vigil-test-${randomBytes(6).toString('hex')}` });
const dirs: string[] = [];
const quiet = createLogger({ sink: () => undefined });

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-compose-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const account of await secrets.list()) await secrets.delete(account);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Whether anything accepts connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      done(true);
    });
    socket.on('error', () => done(false));
  });
}

describe('createVigil', () => {
  it('refuses to start when a module serves a channel another already serves', async () => {
    const twice: ServiceModule = { name: 'impostor', handlers: { 'system.info': () => { throw new Error('never called'); } }, api: undefined, close: () => {} };
    const start = createVigil({ dataDir: dataDir(), secrets, log: quiet, sandbox: false, monitor: { workstation: false }, extraModules: [() => twice] });
    await expect(start).rejects.toThrow(DuplicateChannelError);
    await expect(start).rejects.toThrow('The channel system.info is served by both the system and the impostor module.');
  });

  it('closes what had started, last first, the sandbox and the store included, when a module fails to start', async () => {
    const dir = dataDir();
    const closed: string[] = [];
    const recorder: ServiceModule = { name: 'recorder', handlers: {}, api: undefined, close: () => void closed.push('recorder') };
    const start = createVigil({
      dataDir: dir,
      secrets,
      log: quiet,
      sandbox: true,
      monitor: { workstation: false },
      extraModules: [
        () => recorder,
        () => {
          throw new Error('this module cannot start');
        },
      ],
    });
    await expect(start).rejects.toThrow('this module cannot start');
    expect(closed).toEqual(['recorder']);

    // The sandbox connection made on this first start says where the sandbox listened: nothing does now.
    const store = await openStore({ dataDir: dir, secrets });
    const { config } = store.db.prepare('SELECT config FROM connections WHERE sandbox = 1').get() as { config: string };
    store.close();
    const port = Number(new URL((JSON.parse(config) as { baseUrl: string }).baseUrl).port);
    expect(port).toBeGreaterThan(0);
    expect(await listening(port)).toBe(false);

    // And the data folder starts cleanly again.
    const vigil = await createVigil({ dataDir: dir, secrets, log: quiet, sandbox: false, monitor: { workstation: false } });
    expect((await vigil.dispatch('setup.status', {}, { source: LOCAL_SOURCE })).ok).toBe(true);
    await vigil.close();
  });
});
