/**
 * Worker threads from their entry files. The app runs the JavaScript that
 * electron-vite built for each entry (electron.vite.config.ts lists them),
 * next to the chunk calling this; tests and benches run from source, where
 * the entry is TypeScript that a worker cannot load by itself, so there the
 * worker first loads tsx, which only those runs have.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The entry file of a worker: `source` (a .ts file beside callerUrl) when
 * running from source, else `built` (a .js file the build put beside it).
 */
export function workerEntry(callerUrl: string, source: string, built: string): URL {
  return new URL(callerUrl.endsWith('.ts') ? source : built, callerUrl);
}

export function startWorker(entry: URL, workerData: unknown): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  const boot = `import(${JSON.stringify(tsxImportApi())}).then(({ tsImport }) => tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}));`;
  return new Worker(boot, { eval: true, workerData });
}

/**
 * tsx's ESM API (its CommonJS build of tsImport fails inside an eval'd
 * worker), found through tsx's own export map, as `import` would find it.
 */
function tsxImportApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const { exports } = require(manifest) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
}
