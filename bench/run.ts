/**
 * `npm run bench [-- <suite>...] [--quick]`: runs the named suites (all when
 * none is named) and prints each figure as one JSON line. Benchmarks are not
 * tests: nothing here passes or fails on speed.
 */
import { cpus } from 'node:os';
import type { BenchSuite } from './result';

const SUITES: Record<string, () => Promise<{ run: BenchSuite }>> = {
  store: () => import('./store'),
  audit: () => import('./audit'),
  ehr: () => import('./ehr'),
  monitor: () => import('./monitor'),
  'monitor-scheduler': () => import('./monitor-scheduler'),
  'monitor-storage': () => import('./monitor-storage'),
  signin: () => import('./signin'),
  tickets: () => import('./tickets'),
  board: () => import('./board'),
  team: () => import('./team'),
};

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const named = args.filter((a) => !a.startsWith('--'));
const unknown = named.filter((n) => !(n in SUITES));
if (unknown.length > 0) {
  console.error(`Unknown bench suite(s): ${unknown.join(', ')}. Known: ${Object.keys(SUITES).join(', ')}.`);
  process.exit(2);
}

console.error(`# ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.versions.node}${quick ? ', quick run' : ''}`);
for (const name of named.length > 0 ? named : Object.keys(SUITES)) {
  const { run } = await SUITES[name]!();
  for (const result of await run({ quick })) console.log(JSON.stringify({ ...result, name: `${name}.${result.name}` }));
}
