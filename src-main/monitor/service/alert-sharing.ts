/**
 * Team mode's alert responses. Monitoring stays per workstation: each one
 * probes and opens its own alerts. What is shared is who answered a
 * problem, so two operators never both work one outage:
 * - a problem is named the same on every workstation by the connection's
 *   FHIR base URL and the alert's rule (sharedAlertKey); the workstation's
 *   own readings and other services' alerts are nobody else's, not shared;
 * - a person's acknowledge, take-back and resolve, and every alert that
 *   resolves by recovery, go to the outbox in the transaction that made them;
 * - the shared database keeps one claim per problem (who acknowledged it
 *   first, taken back, or resolved), decided under a lock, with a version
 *   (src-main/team, shared migration 4);
 * - what it decided comes back (this workstation's pushes and others'
 *   pulls alike) and is kept here as the claim last heard, newest version
 *   only; an active alert for the problem follows it: the first
 *   acknowledgement names its holder everywhere (a later one made here is
 *   replaced by it), a take-back or a person's resolution elsewhere is
 *   done here too, and an alert that opens here while someone holds the
 *   problem opens as theirs. A resolution by recovery elsewhere ends the
 *   claim but leaves this workstation's alert to its own probes.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { epochMs } from '../../../src-shared/contract/define';
import type { Alert, AlertOutput } from '../alert';
import type { AlertInput } from '../alert-engine';
import type { TargetRegistry } from './target-registry';

const RESOLUTION_REASONS = ['recovered', 'manual', 'merged', 'removed', 'disabled'] as const;

/** One response to a problem, as the outbox carries it. */
export const alertResponseSchema = z.object({
  key: z.string().min(1).max(4096),
  type: z.enum(['acknowledge', 'unacknowledge', 'resolve']),
  /** Who, or null for an alert that resolved by itself. */
  by: z.string().nullable(),
  at: epochMs,
  /** How it was resolved (resolve only). */
  reason: z.enum(RESOLUTION_REASONS).nullable(),
});
export type AlertResponse = z.infer<typeof alertResponseSchema>;

/** The shared database's claim on a problem after one response. */
export const alertClaimSchema = z.object({
  key: z.string(),
  /** Grows by one with each change of the claim; 0 for a problem never answered. */
  version: z.number().int().nonnegative(),
  state: z.enum(['none', 'acknowledged', 'released', 'resolved']),
  /** Who acknowledged, took back or resolved it (null: it resolved by itself). */
  by: z.string().nullable(),
  /** Where; null when that is this workstation (the team service says which is which). */
  workstation: z.string().nullable(),
  at: epochMs,
  reason: z.enum(RESOLUTION_REASONS).nullable(),
  /** What the response did: applied, or taken (someone acknowledged first), or unchanged. */
  outcome: z.enum(['applied', 'taken', 'unchanged']),
});
export type AlertClaim = z.infer<typeof alertClaimSchema>;

/** A response as the shared database decided it; `here`: made on this workstation. */
export interface DecidedResponse {
  response: AlertResponse;
  claim: AlertClaim;
  here: boolean;
}

/** Called inside the transaction of each response. */
export type ResponseTap = (response: AlertResponse) => void;

export type Holder = NonNullable<Alert['acknowledged']>;

/** The name of a problem on every workstation: a connection's FHIR base URL and the rule; null for what is not shared. */
export function sharedAlertKey(targets: TargetRegistry, alert: Pick<Alert, 'targetId' | 'rule'>): string | null {
  const record = targets.get(alert.targetId)?.record;
  if (!record) return null;
  const u = new URL(record.config.baseUrl);
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}#${alert.rule}`;
}

interface ClaimRow {
  state: AlertClaim['state'];
  by_user: string | null;
  workstation: string | null;
  at: number;
}

export interface AlertSharingDeps {
  db: Database.Database;
  now: () => number;
  targets: TargetRegistry;
  /** The engine, and everything its answers lead to. */
  feed: (input: AlertInput) => AlertOutput[];
  open: () => Alert[];
  /** A response made elsewhere was done here: the trail says so, under 'vigil'. */
  record: (alert: Alert, response: AlertResponse, workstation: string | null) => void;
}

export class AlertSharing {
  private tap: ResponseTap | null = null;
  /** While what the shared database decided is fed in: it goes back out to nobody. */
  private merging = false;
  private readonly getClaim: Database.Statement;
  /** Keeps a claim only when newer than the one heard. */
  private readonly putClaim: Database.Statement;

  constructor(private readonly deps: AlertSharingDeps) {
    this.getClaim = deps.db.prepare('SELECT state, by_user, workstation, at FROM alert_claims WHERE key = ?');
    this.putClaim = deps.db.prepare(
      `INSERT INTO alert_claims (key, version, state, by_user, workstation, at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET version = excluded.version, state = excluded.state, by_user = excluded.by_user,
         workstation = excluded.workstation, at = excluded.at
       WHERE excluded.version > alert_claims.version`,
    );
  }

  share(tap: ResponseTap | null): void {
    this.tap = tap;
  }

  /** Who holds this alert's problem, by the claim last heard (team mode); null when nobody does, it is not shared, or team mode is off. */
  holder(alert: Alert): Holder | null {
    // Claims heard while team mode was on say nothing once this workstation works alone.
    if (!this.tap) return null;
    const key = sharedAlertKey(this.deps.targets, alert);
    const claim = key === null ? undefined : (this.getClaim.get(key) as ClaimRow | undefined);
    return claim?.state === 'acknowledged' && claim.by_user !== null ? { by: claim.by_user, at: claim.at, workstation: claim.workstation } : null;
  }

  /** A person responded here: the outbox gets it (inside the response's transaction). */
  responded(type: AlertResponse['type'], alert: Alert, by: string, at: number): void {
    this.enqueue(alert, { type, by, at, reason: type === 'resolve' ? 'manual' : null });
  }

  /** After every answer of the engine: resolutions by themselves go out; an alert opening here takes the problem's holder. */
  followed(outputs: readonly AlertOutput[]): void {
    if (this.merging) return;
    for (const out of outputs) {
      // Recovery ends the problem; a connection removed, disabled or folded into its parent's outage only ends this workstation's watch of it.
      if (out.type === 'resolved' && out.alert.resolved?.reason === 'recovered') {
        this.enqueue(out.alert, { type: 'resolve', by: out.alert.resolved.by, at: out.alert.resolved.at, reason: out.alert.resolved.reason });
      }
      if (out.type === 'opened') {
        const holder = this.holder(out.alert);
        if (holder) this.apply({ type: 'holder', at: out.alert.openedAt, alertId: out.alert.id, holder });
      }
    }
  }

  /** What the shared database decided, in its order; call inside one transaction. */
  merge(decided: readonly DecidedResponse[]): void {
    // The active alerts by problem (snapshots), read again only after a response changed one: a catch-up
    // brings thousands of responses, most about problems with no alert here. Two connections here to one
    // base URL are one problem twice.
    let byKey: Map<string, Alert[]> | null = null;
    for (const { response, claim, here } of decided) {
      // An answer older than one already heard (own pushes are answered before older pulls arrive) changes nothing.
      if (this.putClaim.run(claim.key, claim.version, claim.state, claim.by, claim.workstation, claim.at).changes === 0) continue;
      byKey ??= this.activeByKey();
      let changed = false;
      for (const alert of byKey.get(claim.key) ?? []) changed = this.follow(alert, claim, response, here) || changed;
      if (changed) byKey = null;
    }
  }

  private activeByKey(): Map<string, Alert[]> {
    const byKey = new Map<string, Alert[]>();
    for (const alert of this.deps.open()) {
      const key = sharedAlertKey(this.deps.targets, alert);
      if (key === null) continue;
      const alerts = byKey.get(key);
      if (alerts) alerts.push(alert);
      else byKey.set(key, [alert]);
    }
    return byKey;
  }

  /** Brings one active alert here in line with the claim; true when it changed. */
  private follow(alert: Alert, claim: AlertClaim, response: AlertResponse, here: boolean): boolean {
    const at = this.deps.now();
    let input: AlertInput | null = null;
    if (claim.state === 'acknowledged' && claim.by !== null) {
      const holder = { by: claim.by, at: claim.at, workstation: claim.workstation };
      const known = alert.acknowledged;
      if (!known || known.by !== holder.by || known.workstation !== holder.workstation) input = { type: 'holder', at, alertId: alert.id, holder };
    } else if (!here && response.by !== null) {
      // Its own take-backs and resolutions were done here already.
      if (claim.state === 'released' && alert.status === 'acknowledged') input = { type: 'unacknowledge', at, alertId: alert.id, by: response.by };
      else if (claim.state === 'resolved' && response.reason === 'manual') input = { type: 'resolve', at, alertId: alert.id, by: response.by };
    }
    if (!input) return false;
    this.apply(input);
    if (!here) this.deps.record(alert, response, claim.workstation);
    return true;
  }

  /** Feeds what the shared database decided to the engine. */
  private apply(input: AlertInput): void {
    this.merging = true;
    try {
      this.deps.feed(input);
    } finally {
      this.merging = false;
    }
  }

  private enqueue(alert: Alert, response: Omit<AlertResponse, 'key'>): void {
    if (!this.tap || this.merging) return;
    const key = sharedAlertKey(this.deps.targets, alert);
    if (key !== null) this.tap({ key, ...response });
  }
}
