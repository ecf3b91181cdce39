/**
 * A real browser host for tests: the real services on an encrypted store in a
 * temp folder, the real OS keychain under a throwaway service name (run under
 * scripts/with-keyring.sh), listening on 127.0.0.1 on a free port. close()
 * stops it and removes the folder and the keychain entries it made.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Vigil, VigilOptions } from '../../src-main/app/vigil';
import { startHost, type HostOptions } from '../../src-main/host/host';
import { createLogger } from '../../src-main/log';
import { createKeychain } from '../../src-main/secrets/keychain';

export interface TestHostOptions
  extends Pick<HostOptions, 'host' | 'tlsCert' | 'tlsKey' | 'rendererDir' | 'eventSocketLimits' | 'httpLimits' | 'isLocalAddress'> {
  /** Session idle timeout, e.g. to watch the lock screen appear. */
  idleTimeoutMs?: number;
  vigilOptions?: Partial<Omit<VigilOptions, 'dataDir' | 'secrets'>>;
}

export interface TestHost {
  url: string;
  vigil: Vigil;
  setupCode(): string | null;
  dataDir: string;
  /** The host's log, one JSON object a line (errors carry the reference an INTERNAL reply names). */
  logLines: string[];
  close(): Promise<void>;
}

export async function startTestHost(opts: TestHostOptions = {}): Promise<TestHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-host-test-'));
  const secrets = createKeychain({ service: `vigil-test-host-${randomBytes(6).toString('hex')}` });
  const logLines: string[] = [];
  const cleanUp = async () => {
    for (const account of await secrets.list()) await secrets.delete(account);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const host = await startHost({
      port: 0,
      host: opts.host,
      tlsCert: opts.tlsCert,
      tlsKey: opts.tlsKey,
      rendererDir: opts.rendererDir,
      eventSocketLimits: opts.eventSocketLimits,
      httpLimits: opts.httpLimits,
      isLocalAddress: opts.isLocalAddress,
      dataDir,
      vigilOptions: {
        log: createLogger({ sink: (line) => logLines.push(line) }),
        ...opts.vigilOptions,
        ...(opts.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: opts.idleTimeoutMs }),
        secrets,
      },
    });
    return {
      url: host.url,
      vigil: host.vigil,
      setupCode: host.setupCode,
      dataDir,
      logLines,
      close: async () => {
        await host.close();
        await cleanUp();
      },
    };
  } catch (err) {
    await cleanUp();
    throw err;
  }
}
