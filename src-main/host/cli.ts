/**
 * `node out/main/host.js`: the browser host from the command line (what
 * `npm run console` runs). Problems a user can fix (port taken, keychain
 * locked, wrong database key) are printed as one paragraph, not a stack.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KeychainError } from '../secrets';
import { resolveDataDir, StoreError } from '../store';
import { CliUsageError, parseCliArgs, USAGE } from './cli-options';
import { createKeychain } from '../secrets';
import { HostConfigError, startHost, type Host } from './host';
import { isLoopback } from './listen-plan';

/** Closing takes well under a second; this only guards against a hang. */
const STOP_DEADLINE_MS = 10_000;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function isUserFixable(err: unknown): err is Error {
  return err instanceof HostConfigError || err instanceof StoreError || err instanceof KeychainError;
}

function stopOnSignals(host: Host): void {
  let stopping = false;
  const stop = () => {
    // A terminal's Ctrl-C and a forwarding parent can both deliver the signal; stop once.
    if (stopping) return;
    stopping = true;
    process.stdout.write('Stopping the Vigil console…\n');
    setTimeout(() => fail('The Vigil console did not stop in time; exiting anyway.', 1), STOP_DEADLINE_MS).unref();
    host.close().then(
      () => process.exit(0),
      (err: unknown) => fail(`The Vigil console stopped with an error: ${(err as Error).message}`, 1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof CliUsageError) fail(`${err.message}\n\n${USAGE}`, 2);
    throw err;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }

  const dataDir = options.dataDir ?? resolveDataDir();
  let host: Host;
  try {
    host = await startHost({
      port: options.port,
      host: options.host,
      dataDir,
      tlsCert: options.tlsCert,
      tlsKey: options.tlsKey,
      // This file is bundled to out/main/host.js; the renderer is built next to it.
      rendererDir: resolve(dirname(fileURLToPath(import.meta.url)), '../renderer'),
      vigilOptions: {
        idleTimeoutMs: options.idleTimeoutMs,
        sessionLifetimeMs: options.sessionLifetimeMs,
        ...(options.keychainService ? { secrets: createKeychain({ service: options.keychainService }) } : {}),
      },
    });
  } catch (err) {
    if (isUserFixable(err)) fail(`The Vigil console could not start.\n${err.message}`, 1);
    throw err;
  }
  stopOnSignals(host);
  process.stdout.write(`Vigil console: ${host.url} — open it in a browser. Ctrl-C stops it.\n`);
  process.stdout.write(`Data folder: ${dataDir}\n`);
  const setupCode = host.setupCode();
  // On loopback only this machine can reach the host, and it needs no code.
  if (setupCode && !isLoopback(options.host)) {
    process.stdout.write(
      `No account exists yet. To create the administrator from another computer, enter this one-time setup code on the setup screen:\n\n    ${setupCode}\n\n` +
        'A browser on this computer (http(s)://localhost) needs none. The code is valid until the administrator exists or the console stops.\n',
    );
  }
}

void main();
