/**
 * A diagnostics run: every step in order, each timed and reported as it
 * starts and as it ends, on a client of its own that neither retries nor
 * trips its circuit breaker, so the run shows what the server does now and
 * finishes quickly even when the server is failing.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { CheckId, CheckResult, Diagnostics } from '../../src-shared/contract';
import type { FhirConnectionConfig } from '../../src-shared/connection-config';
import type { Clock } from '../clock';
import type { FhirClient } from '../ehr';
import { FhirError } from '../ehr';
import { redact } from '../phi';
import type { ConnectionClients } from './connection-clients';
import type { ConnectionRecord, ConnectionsRepo } from './connections-repo';
import { CHECKS, type Check, type CheckContext, type CheckOutcome } from './diagnostic-checks';

export interface DiagnosticsDeps {
  clients: ConnectionClients;
  repo: ConnectionsRepo;
  clock: Clock;
}

export type ProgressListener = (runId: string, result: CheckResult) => void;

/** One attempt per request and a breaker that never opens during a run: the monitor retries whole runs instead. */
export function forDiagnostics(config: FhirConnectionConfig): FhirConnectionConfig {
  return { ...config, retry: { ...config.retry, maxAttempts: 1 }, breaker: { ...config.breaker, failureThreshold: 100 } };
}

function running(check: Check): CheckResult {
  return { check: check.id, label: check.label, optional: check.optional, status: 'running', ms: null, summary: `Checking ${check.label}…`, error: null, facts: {} };
}

function outcomeOf(err: unknown): CheckOutcome {
  if (err instanceof FhirError) return { status: 'fail', summary: err.message.charAt(0).toUpperCase() + err.message.slice(1), error: err };
  return { status: 'fail', summary: `Vigil could not run this step: ${err instanceof Error ? err.message : String(err)}` };
}

function result(check: Check, outcome: CheckOutcome, ms: number): CheckResult {
  const e = outcome.error;
  return {
    check: check.id,
    label: check.label,
    optional: check.optional,
    // Optional services warn instead of failing.
    status: check.optional && outcome.status === 'fail' ? 'warn' : outcome.status,
    ms: Math.round(ms),
    // Server-supplied text (OperationOutcome diagnostics) can quote patient details.
    summary: redact(outcome.summary),
    error: e ? { kind: e.kind, kbCode: e.kbCode, guidance: e.guidance, message: redact(e.message), serverText: e.serverText ? redact(e.serverText) : null } : null,
    facts: outcome.facts ?? {},
  };
}

function overall(checks: CheckResult[]): Diagnostics['status'] {
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  return checks.some((c) => c.status === 'warn') ? 'warn' : 'pass';
}

/** A public client for the steps that read discovery documents elsewhere on the server, made for the step and closed after it. */
export function publicClientFor(deps: Pick<DiagnosticsDeps, 'clients'>, config: FhirConnectionConfig, baseUrl: string): FhirClient {
  return deps.clients.build({ ...config, baseUrl, secondaryBaseUrl: undefined, authMode: 'none', tokenEndpoint: undefined }, {});
}

/**
 * What the steps run with: the connection's client and a way to lend public
 * clients. By default a public client is made for its step and closed after
 * it; the monitor passes `withPublicClient` to keep one between runs.
 */
export function checkContext(
  deps: Pick<DiagnosticsDeps, 'clients' | 'clock'>,
  config: FhirConnectionConfig,
  client: FhirClient,
  withPublicClient: CheckContext['withPublicClient'] = async (baseUrl, use) => {
    const lent = publicClientFor(deps, config, baseUrl);
    try {
      return await use(lent);
    } finally {
      await lent.close();
    }
  },
): CheckContext {
  return { config, client, withPublicClient, now: () => deps.clock.now() };
}

/**
 * Every step in order, each reported as it starts and as it ends. A step
 * that throws fails with what it threw; the steps after it still run.
 */
export async function runChecks(
  ctx: CheckContext,
  onStep: (result: CheckResult) => void = () => undefined,
  /** Results to take as they are instead of running their steps again (the monitor's discovery documents). */
  reuse: ReadonlyMap<CheckId, CheckResult> = new Map(),
): Promise<CheckResult[]> {
  const checks: CheckResult[] = [];
  for (const check of CHECKS) {
    const kept = reuse.get(check.id);
    if (kept) {
      checks.push(kept);
      continue;
    }
    onStep(running(check));
    const started = performance.now();
    let outcome: CheckOutcome;
    try {
      outcome = await check.run(ctx);
    } catch (err) {
      outcome = outcomeOf(err);
    }
    const done = result(check, outcome, performance.now() - started);
    checks.push(done);
    onStep(done);
  }
  return checks;
}

/** Runs the diagnostics of a stored connection, keeps the run as its last, and returns it. */
export async function testConnection(deps: DiagnosticsDeps, record: ConnectionRecord, onProgress: ProgressListener): Promise<Diagnostics> {
  const runId = randomUUID();
  const config = forDiagnostics(record.config);
  const startedAt = deps.clock.now();
  const client = await deps.clients.fresh(record, config);
  const ctx = checkContext(deps, config, client);
  let checks: CheckResult[];
  try {
    checks = await runChecks(ctx, (done) => onProgress(runId, done));
  } finally {
    await client.close();
  }
  const diagnostics: Diagnostics = {
    runId,
    connectionId: record.id,
    startedAt,
    finishedAt: deps.clock.now(),
    status: overall(checks),
    checks,
  };
  deps.repo.saveDiagnostics(diagnostics);
  return diagnostics;
}
