/**
 * A run's parameter values, checked against the runbook's declarations:
 * defaults filled in, types and allowed values enforced, a connection that
 * exists. Problems come back per field, for the Run form.
 */
import { parseDuration, type RunbookParam } from '../../../src-shared/runbooks';

export interface ParamProblem {
  path: string[];
  message: string;
}

export function checkParams(
  declared: readonly RunbookParam[],
  given: Record<string, unknown>,
  connectionExists: (id: number) => boolean,
): { values: Record<string, unknown>; problems: ParamProblem[] } {
  const values: Record<string, unknown> = {};
  const problems: ParamProblem[] = [];
  const problem = (name: string, message: string) => problems.push({ path: ['params', name], message });
  for (const name of Object.keys(given)) {
    if (!declared.some((p) => p.name === name)) problem(name, `This runbook has no parameter ${name}`);
  }
  for (const p of declared) {
    const raw = given[p.name] ?? p.default;
    if (raw === undefined || raw === '') {
      if (p.required) problem(p.name, `Enter ${p.label ?? p.name}`);
      continue;
    }
    const bad = (message: string) => problem(p.name, message);
    switch (p.type) {
      case 'string':
        if (typeof raw !== 'string') bad('Expected text');
        else if (p.values && !p.values.includes(raw)) bad(`Expected one of ${p.values.join(', ')}`);
        else if (p.pattern && !new RegExp(`^(?:${p.pattern})$`).test(raw)) bad(`Does not match ${p.pattern}`);
        else values[p.name] = raw;
        break;
      case 'number': {
        const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
        if (typeof n !== 'number' || !Number.isFinite(n)) bad('Expected a number');
        else if (p.min !== undefined && n < p.min) bad(`At least ${p.min}`);
        else if (p.max !== undefined && n > p.max) bad(`At most ${p.max}`);
        else values[p.name] = n;
        break;
      }
      case 'boolean':
        if (typeof raw !== 'boolean') bad('Expected yes or no');
        else values[p.name] = raw;
        break;
      case 'one-of':
        if (typeof raw !== 'string' || !p.values.includes(raw)) bad(`Expected one of ${p.values.join(', ')}`);
        else values[p.name] = raw;
        break;
      case 'connection':
        if (raw === 'all' && p.allow_all) values[p.name] = 'all';
        else if (typeof raw !== 'number' || !Number.isInteger(raw) || !connectionExists(raw)) bad('Choose a connection');
        else values[p.name] = raw;
        break;
      case 'duration':
        if (typeof raw !== 'string' || parseDuration(raw) === null) bad('Expected a duration such as 30s, 5m or 1h30m');
        else values[p.name] = raw;
        break;
    }
  }
  return { values, problems };
}

/** The values as history and the audit trail keep them: secret ones as null. */
export function publicParams(declared: readonly RunbookParam[], values: Record<string, unknown>): Record<string, unknown> {
  const secret = new Set(declared.filter((p) => p.type === 'string' && p.secret).map((p) => p.name));
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, secret.has(k) ? null : v]));
}
