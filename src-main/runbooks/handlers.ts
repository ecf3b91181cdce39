/** Contract handlers for runbooks, runs, approvals, decisions and the module's settings. */
import { diffLines, createTwoFilesPatch } from 'diff';
import { z } from 'zod';
import type { RunbookSummary } from '../../src-shared/contract';
import type { Role } from '../../src-shared/roles';
import { auditTarget } from '../audit';
import type { Clock } from '../clock';
import { DispatchError, type HandlerContext, type HandlerTable } from '../dispatch';
import type { EventBus } from '../events';
import type { ActionSet } from './actions/action';
import { validateRunbook } from './definition/validate';
import { ShippedRunbookError, VersionConflictError, type LoadedRunbook, type RunbookLibrary } from './library';
import type { RunRepo } from './run-repo';
import { mayRun, RunRefusal, type RunService } from './runs';
import { nextRunAt, type RunbookScheduler } from './scheduler';
import type { RunbookSettings } from './settings';

type RunbookChannel =
  | 'runbooks.list'
  | 'runbooks.get'
  | 'runbooks.validate'
  | 'runbooks.save'
  | 'runbooks.delete'
  | 'runbooks.versions'
  | 'runbooks.diff'
  | 'runbooks.dryRun'
  | 'runbooks.run'
  | 'runs.list'
  | 'runs.get'
  | 'runs.cancel'
  | 'runs.rerun'
  | 'approvals.list'
  | 'approvals.approve'
  | 'approvals.reject'
  | 'decisions.list'
  | 'decisions.answer'
  | 'runbooks.exec.get'
  | 'runbooks.exec.set'
  | 'runbooks.retention.get'
  | 'runbooks.retention.set';

export interface RunbookHandlerDeps {
  library: RunbookLibrary;
  runs: RunService;
  repo: RunRepo;
  settings: RunbookSettings;
  scheduler: RunbookScheduler;
  actions: ActionSet;
  events: EventBus;
  clock: Clock;
  prune(): number;
}

// Every channel here needs a session, so there always is a caller.
const who = (ctx: HandlerContext): { username: string; role: Role } => ({ username: ctx.caller?.username ?? 'anonymous', role: ctx.caller?.role ?? 'operator' });

const cursorSchema = z.object({ createdAt: z.number().int(), id: z.string().max(64) }).strict();

/** A runs.list cursor as nextCursor gave it; anything else is the caller's mistake. */
function readCursor(text: string): { createdAt: number; id: string } {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString()));
  } catch {
    throw new DispatchError('INVALID_INPUT', 'That cursor is not one runs.list gave.', [{ path: ['cursor'], message: 'Not a cursor from runs.list' }]);
  }
}

/** Refusals from the services, as the dispatcher answers them. */
function answer<T>(act: () => T): T {
  try {
    return act();
  } catch (err) {
    if (err instanceof RunRefusal) throw new DispatchError(err.code, err.message, err.details);
    if (err instanceof VersionConflictError || err instanceof ShippedRunbookError) throw new DispatchError('CONFLICT', err.message);
    throw err;
  }
}

export function runbookHandlers(deps: RunbookHandlerDeps): HandlerTable<RunbookChannel> {
  const { library, runs, repo, settings, events, clock } = deps;

  // Approvers see what they are asked to approve, whether or not they may run it.
  const visible = (loaded: LoadedRunbook, role: Role) =>
    role === 'admin' || (loaded.definition !== null && (mayRun(loaded.definition, role) || (loaded.definition.approval?.roles.includes(role) ?? false)));

  const summary = (loaded: LoadedRunbook, role: Role): RunbookSummary => {
    const def = loaded.definition;
    const last = repo.lastRun(loaded.runbookId);
    return {
      id: loaded.runbookId,
      name: def?.name ?? loaded.fileName,
      description: def?.description ?? '',
      source: library.source(loaded.runbookId) ?? loaded.source,
      fileName: loaded.fileName,
      version: loaded.version,
      valid: def !== null,
      error: loaded.issues[0] ?? null,
      roles: def?.roles ?? ['admin'],
      mayRun: def !== null && mayRun(def, role),
      concurrent: def?.concurrent ?? false,
      params: def?.params ?? [],
      steps: (def?.steps ?? []).map((s) => ({ id: s.id, name: s.name, action: s.action, critical: s.critical, confirm: s.confirm !== false })),
      schedule: def?.schedule ? { cron: def.schedule.cron, timezone: def.schedule.timezone, missed: def.schedule.missed } : null,
      nextRunAt: def ? nextRunAt(def, clock.now()) : null,
      approval: def?.approval ?? null,
      lastRun: last && { id: last.id, state: last.state, result: last.result, at: last.endedAt ?? last.startedAt ?? last.createdAt },
    };
  };

  const find = (id: string, ctx: HandlerContext, version?: number): LoadedRunbook => {
    const loaded = library.get(id, version);
    if (!loaded || !visible(loaded, who(ctx).role)) throw new DispatchError('NOT_FOUND', `There is no runbook ${id}${version ? ` version ${version}` : ''}.`);
    return loaded;
  };

  const detail = (runId: string, ctx: HandlerContext) => {
    const run = runs.detail(runId, who(ctx));
    const loaded = run && library.get(run.runbookId, run.version);
    const asked = run?.decision?.roles.includes(who(ctx).role) ?? false;
    if (!run || (!asked && ((loaded && !visible(loaded, who(ctx).role)) || (!loaded && who(ctx).role !== 'admin')))) throw new DispatchError('NOT_FOUND', 'There is no such run.');
    return { run };
  };

  const changed = (runbookId: string) => {
    events.emit('runbook.changed', { runbookId });
    deps.scheduler.refresh();
  };

  return {
    'runbooks.list': (_, ctx) => ({ runbooks: library.all().filter((l) => visible(l, who(ctx).role)).map((l) => summary(l, who(ctx).role)), now: clock.now() }),

    'runbooks.get': ({ id, version }, ctx) => {
      const loaded = find(id, ctx, version);
      return { runbook: summary(loaded, who(ctx).role), yaml: loaded.yaml, definition: loaded.definition, issues: loaded.issues };
    },

    'runbooks.validate': ({ yaml, fileName }) => {
      const v = validateRunbook(yaml, fileName, deps.actions);
      return { valid: v.definition !== null, issues: v.issues, definition: v.definition };
    },

    'runbooks.save': ({ yaml, fileName, baseVersion }, ctx) => {
      const v = validateRunbook(yaml, fileName, deps.actions);
      if (!v.definition) {
        throw new DispatchError(
          'INVALID_INPUT',
          `${fileName}:${v.issues[0]?.line}:${v.issues[0]?.column}: ${v.issues[0]?.message}`,
          v.issues.map((i) => ({ path: ['yaml'], message: `${i.file}:${i.line}:${i.column}: ${i.message}`, line: i.line, column: i.column })),
        );
      }
      const id = v.definition.id;
      const version = answer(() => library.save(id, yaml, fileName, baseVersion, who(ctx).username));
      ctx.audit({ target: auditTarget.runbook(id), detail: { version, baseVersion, bytes: yaml.length } });
      changed(id);
      return { runbook: summary(library.get(id)!, who(ctx).role) };
    },

    'runbooks.delete': ({ id }, ctx) => {
      ctx.audit({ target: auditTarget.runbook(id) });
      if (!answer(() => library.delete(id))) throw new DispatchError('NOT_FOUND', `There is no runbook ${id}.`);
      changed(id);
      return {};
    },

    'runbooks.versions': ({ id }, ctx) => {
      find(id, ctx);
      return { versions: library.versions(id).map((v) => ({ version: v.version, savedAt: v.savedAt, savedBy: v.savedBy, bytes: Buffer.byteLength(v.yaml) })) };
    },

    'runbooks.diff': ({ id, from, to }, ctx) => {
      const a = find(id, ctx, from);
      const b = find(id, ctx, to);
      let oldLine = 1;
      let newLine = 1;
      const lines: Array<{ kind: 'added' | 'removed' | 'same'; text: string; oldLine: number | null; newLine: number | null }> = [];
      for (const part of diffLines(a.yaml, b.yaml)) {
        for (const text of part.value.replace(/\n$/, '').split('\n')) {
          if (part.added) lines.push({ kind: 'added', text, oldLine: null, newLine: newLine++ });
          else if (part.removed) lines.push({ kind: 'removed', text, oldLine: oldLine++, newLine: null });
          else lines.push({ kind: 'same', text, oldLine: oldLine++, newLine: newLine++ });
        }
      }
      return {
        patch: createTwoFilesPatch(`${id}@${from}`, `${id}@${to}`, a.yaml, b.yaml),
        lines,
        added: lines.filter((l) => l.kind === 'added').length,
        removed: lines.filter((l) => l.kind === 'removed').length,
      };
    },

    'runbooks.dryRun': (input, ctx) => ({ plan: answer(() => runs.plan(input, who(ctx))) }),

    'runbooks.run': (input, ctx) => {
      const run = answer(() => runs.start(input, who(ctx)));
      ctx.audit({ target: auditTarget.runbookRun(run.id), detail: { runbookId: run.runbookId, version: run.version, params: run.params, steps: run.selectedSteps, state: run.state } });
      return detail(run.id, ctx);
    },

    'runs.list': ({ filter, limit, cursor }, ctx) => {
      const at = cursor === undefined ? null : readCursor(cursor);
      const role = who(ctx).role;
      const page = repo.list(filter, limit + 1, at);
      const shown = page.slice(0, limit).filter((r) => {
        const loaded = library.get(r.runbookId, r.version);
        return loaded ? visible(loaded, role) : role === 'admin';
      });
      const last = page[limit - 1];
      return { runs: shown, nextCursor: page.length > limit && last ? Buffer.from(JSON.stringify({ createdAt: last.createdAt, id: last.id })).toString('base64url') : null, now: clock.now() };
    },

    'runs.get': ({ id }, ctx) => detail(id, ctx),

    'runs.cancel': async ({ id }, ctx) => {
      const { run } = detail(id, ctx);
      if (!run.can.cancel) throw new DispatchError(run.state === 'done' ? 'CONFLICT' : 'FORBIDDEN', run.state === 'done' ? 'This run has ended already.' : 'Your role may not cancel this run.');
      ctx.audit({ target: auditTarget.runbookRun(id), detail: { runbookId: run.runbookId, state: run.state } });
      await answer(() => runs.cancel(id));
      return detail(id, ctx);
    },

    'runs.rerun': ({ id, params, confirmations }, ctx) => {
      const { run: old } = detail(id, ctx);
      const again = answer(() =>
        runs.start({ id: old.runbookId, params: { ...Object.fromEntries(Object.entries(old.params).filter(([, v]) => v !== null)), ...params }, steps: old.selectedSteps ?? undefined, confirmations }, who(ctx), 'rerun', old.id),
      );
      ctx.audit({ target: auditTarget.runbookRun(again.id), detail: { runbookId: again.runbookId, rerunOf: id, params: again.params, state: again.state } });
      return detail(again.id, ctx);
    },

    'approvals.list': (_, ctx) => {
      const me = who(ctx);
      return {
        runs: repo.live('awaiting_approval').filter((r) => r.actor !== me.username && r.approval?.roles.includes(me.role) && !r.approval.votes.some((v) => v.by === me.username)),
        now: clock.now(),
      };
    },

    'approvals.approve': ({ runId, comment }, ctx) => {
      detail(runId, ctx);
      ctx.audit({ target: auditTarget.runbookRun(runId), detail: { comment } });
      answer(() => runs.vote(runId, who(ctx), 'approved', comment));
      return detail(runId, ctx);
    },

    'approvals.reject': ({ runId, comment }, ctx) => {
      detail(runId, ctx);
      ctx.audit({ target: auditTarget.runbookRun(runId), detail: { comment } });
      answer(() => runs.vote(runId, who(ctx), 'rejected', comment));
      return detail(runId, ctx);
    },

    'decisions.list': (_, ctx) => {
      const me = who(ctx);
      return { decisions: repo.openDecisions().filter((d) => me.role === 'admin' || d.roles.includes(me.role)), now: clock.now() };
    },

    'decisions.answer': ({ runId, stepId, choice, comment }, ctx) => {
      detail(runId, ctx);
      ctx.audit({ target: auditTarget.runbookRun(runId), detail: { stepId, choice, comment } });
      answer(() => runs.answer(runId, stepId, choice, who(ctx), comment));
      return detail(runId, ctx);
    },

    'runbooks.exec.get': () => ({ entries: settings.execList() }),

    'runbooks.exec.set': ({ entries }, ctx) => {
      const change = settings.setExecList(entries, who(ctx).username, clock.now());
      ctx.audit({ target: auditTarget.runbookExec(), detail: { ...change, paths: entries.map((e) => e.path) } });
      return { entries: settings.execList() };
    },

    'runbooks.retention.get': () => ({ days: settings.retentionDays() }),

    'runbooks.retention.set': ({ days }, ctx) => {
      settings.setRetentionDays(days);
      const pruned = deps.prune();
      ctx.audit({ target: auditTarget.runbookRetention(), detail: { days, pruned } });
      return { days, pruned };
    },
  };
}
