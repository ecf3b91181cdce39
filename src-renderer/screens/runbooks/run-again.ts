/**
 * Run again: the earlier run's parameters and steps as the Run form's
 * starting point. History keeps secret parameters as null, so they start
 * empty and must be given again.
 */
import type { RunDetail } from '../../../src-shared/contract';
import type { RunbookParam } from '../../../src-shared/runbooks';
import type { RunRequest } from './param-form';

const isSecret = (param: RunbookParam) => param.type === 'string' && param.secret;

/** The parameters as the form asks for them on a rerun: a secret one is required, since nothing of it was kept. */
export function againParams(params: readonly RunbookParam[]): RunbookParam[] {
  return params.map((p) => (isSecret(p) ? { ...p, required: true } : p));
}

/** What the earlier run was given, without the secrets history does not hold. */
export function againRequest(run: RunDetail): RunRequest {
  const kept = Object.fromEntries(Object.entries(run.params).filter(([, v]) => v !== null));
  return run.selectedSteps === null ? { params: kept } : { params: kept, steps: run.selectedSteps };
}

/**
 * Whether main's rerun would run what the form asks for: it takes the earlier
 * run's steps as they were and puts the parameters given over the kept ones,
 * so the same steps and every kept parameter still given.
 */
export function isSameRun(run: RunDetail, request: RunRequest): boolean {
  const sameSteps = JSON.stringify(run.selectedSteps ?? null) === JSON.stringify(request.steps ?? null);
  return sameSteps && Object.keys(againRequest(run).params).every((name) => name in request.params);
}
