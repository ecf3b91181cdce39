import type { SandboxFaults, SandboxFlavour } from '../../../../src-shared/sandbox-state';
import { formatMs } from '../../../lib/format';

export const FLAVOUR_LABELS: Record<SandboxFlavour, string> = {
  generic: 'Generic FHIR R4',
  epic: 'Epic',
  cerner: 'Oracle Health (Cerner)',
  allscripts: 'Veradigm (Allscripts)',
};

/** The faults switched on, each in a few words. */
export function activeFaults(f: SandboxFaults): string[] {
  const on: string[] = [];
  if (f.down) on.push('down');
  if (f.errorRate > 0) on.push(`${Math.round(f.errorRate * 100)} % of requests fail`);
  if (f.latencyMs > 0) on.push(`${formatMs(f.latencyMs)} added latency`);
  if (f.rateLimit429.enabled) on.push(`429 with Retry-After ${f.rateLimit429.retryAfterSeconds} s`);
  if (f.slowBodyMs > 0) on.push(`bodies finish ${formatMs(f.slowBodyMs)} late`);
  if (f.malformedJson) on.push('malformed JSON');
  if (f.modelDrift) on.push('AI model drift');
  return on;
}
