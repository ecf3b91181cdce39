/**
 * The resolved plan of a run: parameters put into each step's inputs
 * (earlier steps' outputs stay as references, secrets as ••••), what each
 * step would do, and the confirmations it needs. Reading only: the dry run
 * shows it, and Run checks the confirmations against it.
 */
import type { RunPlan } from '../../src-shared/contract';
import { PRODUCTION_TAGS, type RunbookDefinition } from '../../src-shared/runbooks';
import type { ActionSet } from './actions/action';
import { resolve } from './definition/templates';
import { DEFAULT_STEP_TIMEOUT_MS } from './executor';
import { parseDuration } from '../../src-shared/runbooks';

export interface PlanConnection {
  name: string;
  tags: readonly string[];
}

export function planRun(
  def: RunbookDefinition,
  version: number,
  params: Record<string, unknown>,
  selected: ReadonlySet<string> | null,
  actions: ActionSet,
  connection: (id: number) => PlanConnection | null,
): RunPlan {
  const secret = new Set(def.params.filter((p) => p.type === 'string' && p.secret).map((p) => p.name));
  const shown = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, secret.has(k) ? '••••' : v]));
  const scope = { params: shown, outputs: new Map(), run: { failed: '${run.failed}', id: '(new run)', actor: '(you)' } };
  const steps = def.steps.map((step) => {
    const action = actions.get(step.action);
    const inputs = resolve(step.with, scope, true) as Record<string, unknown>;
    const parsed = action?.inputs.safeParse(resolve(step.with, { ...scope, params }, true));
    const describe = !action ? `No such action ${step.action}.` : parsed?.success ? action.describe(parsed.data) : `${action.summary} (its inputs are known only when it runs)`;
    let confirm: RunPlan['steps'][number]['confirm'] = null;
    if (step.confirm !== false) {
      const targets = action && parsed?.success ? (action.connections?.(parsed.data) ?? []) : [];
      const production = targets.map(connection).find((c) => c && c.tags.some((t) => (PRODUCTION_TAGS as readonly string[]).includes(t)));
      confirm = { message: typeof step.confirm === 'string' ? step.confirm : `Confirm: ${step.name}`, typeName: production?.name ?? null };
    }
    return {
      id: step.id,
      name: step.name,
      action: step.action,
      inputs,
      describe,
      critical: step.critical,
      onError: step.on_error ?? (step.critical ? 'stop' : 'continue'),
      timeoutMs: (step.timeout && parseDuration(step.timeout)) || action?.defaultTimeoutMs || DEFAULT_STEP_TIMEOUT_MS,
      selected: !selected || selected.has(step.id),
      when: step.when ?? null,
      confirm,
    } as const;
  });
  return { runbookId: def.id, version, params: shown, steps, approval: def.approval ?? null };
}
