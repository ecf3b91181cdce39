import { mkdtempSync } from 'node:fs';
import { AuditLog } from './src-main/audit/audit-log';
import { StoredChain } from './src-main/audit/verify-db';
import { systemClock } from './src-main/clock';
import { redactDeep } from './src-main/phi/redact';
import { openStore } from './src-main/store/store';
const m = new Map<string, string>();
const secrets = { service: 'prof', get: async (a: string) => m.get(a) ?? null, set: async (a: string, v: string) => void m.set(a, v), delete: async (a: string) => m.delete(a), list: async () => [...m.keys()] };
const store = await openStore({ dataDir: mkdtempSync('/tmp/prof/w-'), secrets });
const audit = new AuditLog(store.db, { clock: systemClock, redact: redactDeep, walk: async () => { throw new Error('x'); } });
const ACTORS = ['admin', 'olga.operator', 'sam.safety', 'tess.support', 'system'];
const ACTIONS = ['session.login', 'users.update', 'runbooks.run', 'tickets.update', 'audit.export'];
const inputs = Array.from({ length: 1000 }, (_, i) => ({ actor: ACTORS[i % 5]!, action: ACTIONS[i % 5]!, target: i % 3 === 0 ? null : `user:${i}`, outcome: (i % 17 === 0 ? 'FORBIDDEN' : 'ok') as 'ok', detail: i % 2 === 0 ? null : { role: { from: 'operator', to: 'admin' }, note: `changed by request ${i}`, count: i } }));
function cpu(name: string, f: () => void) { const c = process.cpuUsage(); const t = performance.now(); f(); const d = process.cpuUsage(c); console.log(name.padEnd(30), 'cpu', Math.round((d.user + d.system) / 1000), 'wall', Math.round(performance.now() - t)); }
cpu('append 1M', () => { for (let i = 0; i < 300_000; i += 1000) audit.appendMany(inputs); });
console.log('pages', store.db.pragma('page_count', { simple: true }));
for (let r = 0; r < 1; r++) cpu('walk', () => { const w = new StoredChain(store.db).walk(); if (w.broken) throw new Error(JSON.stringify(w.broken)); });
store.close();
