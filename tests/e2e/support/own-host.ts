/**
 * A host of a spec's own, for specs that need a data folder nobody has used
 * (the suite's hosts each belong to a spec that begins with first-run setup).
 * It runs the build the suite's first webServer made and keeps its secrets
 * under the run's keychain service, so the global teardown removes them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { E2E_ROOT_ENV, e2eKeychainService } from './servers';

const HOST_SCRIPT = fileURLToPath(new URL('../../../out/main/host.js', import.meta.url));

export interface Host {
  url: string;
  process: ChildProcess;
  /** Its data folder, for starting it again on the same data. */
  dataDir: string;
}

/**
 * Starts out/main/host.js on a fresh data folder (with `more` options, e.g.
 * --idle-timeout) and waits for the URL it prints when ready. `again` starts
 * a stopped host once more, on its port and data folder, as an administrator
 * restarting the console would.
 */
export async function startHost(name: string, { again, more = [] }: { again?: Host; more?: readonly string[] } = {}): Promise<Host> {
  // Throws outside a run started through playwright.config.ts, which also makes the run's folder.
  const keychainService = e2eKeychainService();
  // Inside the run's folder, which the runner removes when it exits.
  const dataDir = again?.dataDir ?? mkdtempSync(join(process.env[E2E_ROOT_ENV] as string, `${name}-`));
  const port = again ? new URL(again.url).port : '0';
  const args = [HOST_SCRIPT, '--port', port, '--data-dir', dataDir, '--keychain-service', keychainService, ...more];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  // Read both streams to the end, or a chatty host would block on a full pipe.
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    // Its log beside the suite's hosts' (named as playwright.config.ts names them), so a failure in CI can be read back.
    process.stderr.write(chunk.replace(/^(?=.)/gm, `[${name}] `));
  });
  const url = await new Promise<string>((resolve, reject) => {
    const ready = () => {
      const found = /Vigil console: (https?:\/\/\S+)/.exec(stdout)?.[1];
      if (found) resolve(found);
    };
    child.stdout.on('data', ready);
    child.once('exit', (code) => reject(new Error(`The host exited (code ${code}) before it was ready:\n${stderr}`)));
  });
  return { url, process: child, dataDir };
}

export async function stopHost(host: Host): Promise<void> {
  if (host.process.exitCode !== null) return;
  const exited = once(host.process, 'exit');
  host.process.kill('SIGTERM');
  await exited;
}
