#!/usr/bin/env node
/**
 * `npm run console [-- options]`: builds Vigil, then serves it to browsers with
 * the host (out/main/host.js; options as in `npm run console -- --help`).
 *
 * On Linux without a Secret Service (a fresh box, an SSH session) the host runs
 * under scripts/with-keyring.sh, in a throwaway keyring. The database key then
 * dies with that keyring, so unless --data-dir is given the data goes to a
 * throwaway folder too, rather than leaving a database nobody can open again.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'electron-vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const hostScript = join(root, 'out', 'main', 'host.js');
const args = process.argv.slice(2);

/** The same test scripts/with-keyring.sh makes before starting a keyring of its own. */
function hasSecretService() {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) return false;
  const reply = spawnSync(
    'dbus-send',
    ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'],
    { encoding: 'utf8' },
  );
  return reply.status === 0 && reply.stdout.includes('boolean true');
}

function hostCommand() {
  const throwawayKeyring = process.platform === 'linux' && !process.env.VIGIL_KEYRING_READY && !hasSecretService();
  if (!throwawayKeyring) return { command: process.execPath, commandArgs: [hostScript, ...args], scratch: null };

  const hasDataDir = args.some((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  const scratch = hasDataDir ? null : mkdtempSync(join(tmpdir(), 'vigil-console-'));
  process.stderr.write(
    'No Secret Service (OS keychain) is running here, so this run uses a throwaway keyring that is deleted when it stops, ' +
      'and the database key with it. ' +
      (scratch
        ? `The data goes to a throwaway folder too (${scratch}). To keep data, run inside a desktop session or start gnome-keyring for your user.\n`
        : 'Data written to --data-dir cannot be opened again after this run.\n'),
  );
  // The wrappers (bash, dbus-run-session) would die at once on Ctrl-C and report the
  // host gone while it is still closing; ignored here, the signal reaches only the host,
  // which installs its own handler.
  return {
    command: 'bash',
    commandArgs: [
      '-c',
      'trap "" INT TERM HUP; exec bash "$0" "$@"',
      join(root, 'scripts', 'with-keyring.sh'),
      process.execPath,
      hostScript,
      ...args,
      ...(scratch ? ['--data-dir', scratch] : []),
    ],
    scratch,
  };
}

process.stderr.write('Building Vigil…\n');
try {
  await build({ root, logLevel: 'warn' });
} catch (err) {
  process.stderr.write(`The build failed, so the console cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

const { command, commandArgs, scratch } = hostCommand();
// Its own process group (POSIX), so a signal sent to this script reaches the host
// exactly once, whether it came from the terminal or from a supervisor.
const ownGroup = process.platform !== 'win32';
const child = spawn(command, commandArgs, { stdio: ['ignore', 'inherit', 'inherit'], detached: ownGroup });

const forwarded = { SIGINT: 'SIGINT', SIGTERM: 'SIGTERM', SIGHUP: 'SIGTERM' };
for (const [received, sent] of Object.entries(forwarded)) {
  process.on(received, () => {
    // On Windows the console delivers Ctrl-C to the host itself.
    if (!ownGroup) return;
    try {
      process.kill(-child.pid, sent);
    } catch {
      // Already gone.
    }
  });
}

child.on('error', (err) => {
  process.stderr.write(`Could not start the Vigil host: ${err.message}\n`);
  process.exitCode = 1;
});
child.on('exit', (code, signal) => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
});
