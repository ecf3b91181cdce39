#!/usr/bin/env node
// `npm start`: build the console and open it in Electron. Electron's binary is
// fetched from GitHub by its package's install step, not from the npm
// registry, so on machines that reach only the registry it is missing: say so
// plainly and point to `npm run console`, instead of failing deep inside
// Electron's downloader.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * The path `require('electron')` would return, found without loading the
 * package: its index.js starts the download when the binary is missing.
 */
function electronBinary() {
  const dir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const inDist = readFileSync(pathFile, 'utf8');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, inDist) : join(dir, 'dist', inDist);
  return existsSync(binary) ? binary : null;
}

function run(script, args) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const electron = electronBinary();
if (!electron) {
  console.error(
    'The Electron binary is not installed on this machine. npm installed the electron package, but the ' +
      "binary itself is downloaded by that package's install step from GitHub, outside the npm registry, and " +
      'that download is not possible here. On a workstation with internet access, run `npx install-electron` ' +
      '(or `node node_modules/electron/install.js`) once and then `npm start` again. To use the same console ' +
      'without Electron, run `npm run console`: it serves it to your web browser from the same main-process code.',
  );
  process.exit(1);
}

run(join(root, 'scripts', 'rebuild-electron-native.mjs'), []);
const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
run(electronVite, ['build']);

// ELECTRON_RUN_AS_NODE left in the environment would start Electron as plain Node.
const { ELECTRON_RUN_AS_NODE: _, ...env } = process.env;
const app = spawn(electron, ['.'], { cwd: root, stdio: 'inherit', env });
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
