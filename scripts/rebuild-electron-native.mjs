#!/usr/bin/env node
// Builds better-sqlite3-multiple-ciphers a second time, against Electron's
// headers, into native/electron/better_sqlite3.node. node_modules keeps the
// Node build that `npm test` uses; Electron's main passes this one to the store
// as nativeBinding, so neither build ever overwrites the other. The compile
// runs in a scratch copy of the package, so node_modules is not touched.
//
// Needs internet: node-gyp downloads Electron's headers from electronjs.org
// (then about 2m40s of compiling on 2 cores). Exits at once when the binary
// is already there; `--force` rebuilds it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const target = join(root, 'native', 'electron', 'better_sqlite3.node');

function build() {
  const electronVersion = require('electron/package.json').version;
  const source = dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
  const nodeGyp = join(dirname(require.resolve('node-gyp/package.json')), 'bin', 'node-gyp.js');
  const nodeBuild = join(source, 'build');
  const scratch = mkdtempSync(join(tmpdir(), 'vigil-electron-native-'));
  try {
    cpSync(source, scratch, { recursive: true, filter: (p) => p !== nodeBuild && !p.startsWith(nodeBuild + sep) });
    // Electron's headers, not Node's: `npm start` passes on the npm_config_nodedir that this
    // machine's npmrc points at Node's headers (/usr), which would build for the wrong ABI.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.toLowerCase() !== 'npm_config_nodedir'));
    const args = ['rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'];
    console.log(`Building better-sqlite3-multiple-ciphers for Electron ${electronVersion} (needs internet for Electron's headers)…`);
    const result = spawnSync(process.execPath, [nodeGyp, ...args], { cwd: scratch, stdio: 'inherit', env });
    if (result.status !== 0) {
      console.error(
        `Could not build ${relative(root, target)}: node-gyp failed (see above). It downloads Electron's headers ` +
          'from https://electronjs.org/headers, so run this on a machine with internet access.',
      );
      return 1;
    }
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(scratch, 'build', 'Release', 'better_sqlite3.node'), target);
    console.log(`Built ${relative(root, target)}.`);
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = existsSync(target) && !process.argv.includes('--force') ? 0 : build();
