/** Probing connections now and reading their TLS certificates, through the connections service's diagnostics. */
import { z } from 'zod';
import type { CheckResult } from '../../../src-shared/contract';
import type { ConnectionRecord } from '../../connections';
import { action, StepFailure } from './action';
import type { ActionDeps } from './deps';

export const connectionsInput = z.union([z.literal('all'), z.number().int().positive(), z.array(z.number().int().positive()).min(1)]).default('all');

function chosen(deps: ActionDeps, which: z.output<typeof connectionsInput>): ConnectionRecord[] {
  if (which === 'all') return deps.connections.list().filter((c) => c.config.enabled);
  const ids = Array.isArray(which) ? which : [which];
  return ids.map((id) => {
    const found = deps.connections.find(id);
    if (!found) throw new StepFailure(`There is no connection ${id}.`);
    return found;
  });
}

const ids = (deps: ActionDeps, which: z.output<typeof connectionsInput>) => (which === 'all' ? deps.connections.list().map((c) => c.id) : Array.isArray(which) ? which : [which]);
const label = (which: z.output<typeof connectionsInput>) => (which === 'all' ? 'every enabled connection' : `connection ${Array.isArray(which) ? which.join(', ') : which}`);

async function probeEach(deps: ActionDeps, records: ConnectionRecord[], signal: AbortSignal, each: (record: ConnectionRecord, checks: CheckResult[]) => void): Promise<void> {
  for (const record of records) {
    signal.throwIfAborted();
    each(record, await deps.connections.probe(record));
  }
}

export function connectionActions(deps: ActionDeps) {
  return [
    action({
      name: 'probe_connections',
      summary: 'Probe connections now (their diagnostics)',
      inputs: z.object({ connections: connectionsInput }).strict(),
      describe: (i) => `Run the diagnostics of ${label(i.connections)} now.`,
      connections: (i) => ids(deps, i.connections),
      defaultTimeoutMs: 5 * 60_000,
      run: async ({ inputs, signal, log }) => {
        const failed: string[] = [];
        const records = chosen(deps, inputs.connections);
        await probeEach(deps, records, signal, (record, checks) => {
          const bad = checks.filter((c) => c.status === 'fail');
          if (bad.length > 0) failed.push(record.config.name);
          log(`${record.config.name}: ${bad.length === 0 ? 'pass' : `FAIL (${bad.map((c) => `${c.label}: ${c.summary}`).join('; ')})`}`);
        });
        const outputs = { probed: records.length, failed, failedCount: failed.length };
        if (failed.length > 0) throw new StepFailure(`${failed.length} of ${records.length} connections failed: ${failed.join(', ')}.`, outputs);
        return outputs;
      },
    }),
    action({
      name: 'tls_certificates',
      summary: 'Check the TLS certificates of connections (expiry)',
      inputs: z.object({ connections: connectionsInput }).strict(),
      describe: (i) => `Read the TLS certificate of ${label(i.connections)} and flag any expiring or failing.`,
      connections: (i) => ids(deps, i.connections),
      defaultTimeoutMs: 5 * 60_000,
      run: async ({ inputs, signal, log }) => {
        const problems: string[] = [];
        await probeEach(deps, chosen(deps, inputs.connections), signal, (record, checks) => {
          const tls = checks.find((c) => c.check === 'tls');
          log(`${record.config.name}: ${tls ? `${tls.status} — ${tls.summary}` : 'no certificate check'}`);
          if (tls && (tls.status === 'fail' || tls.status === 'warn')) problems.push(record.config.name);
        });
        if (problems.length > 0) throw new StepFailure(`Certificates need attention: ${problems.join(', ')}.`, { problems });
        return { problems };
      },
    }),
  ];
}
