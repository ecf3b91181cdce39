/**
 * Everything the alert engine is told goes through here, and everything it
 * answers is acted on: alerts kept in the store, pushed to the consoles,
 * handed to notify with the target's name and address, and what Vigil does
 * on its own (an alert opening, one resolving itself) written to the audit
 * trail under the 'vigil' actor.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AlertFilter, AlertRecord, AlertRuleSettings, AlertView } from '../../../src-shared/monitoring';
import { auditTarget, type AuditWriter } from '../../audit';
import type { EventBus } from '../../events';
import type { NoticeTarget, NotifyApi } from '../../notify';
import type { Alert, AlertOutput } from '../alert';
import { AlertEngine, AlertNotFoundError, type AlertInput } from '../alert-engine';
import { rulesWith } from '../alert-rules';
import type { DependencyView } from '../dependencies';
import { AlertRepo } from './alert-repo';
import { AlertSharing, type DecidedResponse, type Holder, type ResponseTap } from './alert-sharing';
import type { TargetRegistry } from './target-registry';

export class AlertResolvedError extends Error {
  constructor(readonly alertId: string) {
    super(`Alert ${alertId} has already been resolved`);
    this.name = 'AlertResolvedError';
  }
}

/** Someone else already acknowledged it: the second person is told who has it. */
export class AlertTakenError extends Error {
  constructor(readonly holder: Holder) {
    super(`${holder.by} already has this alert: they acknowledged it first${holder.workstation ? ', on another workstation' : ''}.`);
    this.name = 'AlertTakenError';
  }
}

export interface AlertFeedDeps {
  db: Database.Database;
  now: () => number;
  events: EventBus;
  notify: Pick<NotifyApi, 'route'>;
  audit: AuditWriter;
  targets: TargetRegistry;
  dependencies: DependencyView;
  rules: AlertRuleSettings;
}

export class AlertFeed {
  private readonly repo: AlertRepo;
  private readonly engine: AlertEngine;
  private readonly sharing: AlertSharing;

  constructor(private readonly deps: AlertFeedDeps) {
    this.repo = new AlertRepo(deps.db);
    this.engine = new AlertEngine({ dependencies: deps.dependencies, open: this.repo.active(), rules: rulesWith(deps.rules) });
    this.sharing = new AlertSharing({
      db: deps.db,
      now: deps.now,
      targets: deps.targets,
      feed: (input) => this.feed(input),
      open: () => this.engine.openAlerts(),
      record: (alert, response, workstation) =>
        this.deps.audit.record('vigil', {
          action: `alerts.${response.type}`,
          target: auditTarget.alert(alert.id),
          detail: { by: response.by, elsewhere: workstation, targetId: alert.targetId, rule: alert.rule },
        }),
    });
  }

  /** Tells the engine and acts on what it answers. */
  feed(input: AlertInput): AlertOutput[] {
    const outputs = this.engine.handle(input);
    for (const out of outputs) {
      if (out.type === 'notify') {
        this.deps.notify.route(out.notification, this.noticeTarget(out.notification.alert.targetId));
        continue;
      }
      this.repo.save(out.alert);
      this.recordOwnAct(out);
      this.deps.events.emit(out.type === 'opened' ? 'alert.opened' : 'alert.updated', { alert: this.view(out.alert) });
    }
    this.sharing.followed(outputs);
    return outputs;
  }

  /** Team mode: responses go to the outbox through `tap` (null stops it). */
  share(tap: ResponseTap | null): void {
    this.sharing.share(tap);
  }

  /** Team mode: responses as the shared database decided them, in its order; call inside one transaction. */
  merge(decided: readonly DecidedResponse[]): void {
    this.sharing.merge(decided);
  }

  setRules(rules: AlertRuleSettings): void {
    this.engine.setRules(rulesWith(rules));
  }

  /** The open and acknowledged alerts, as the engine holds them. */
  open(): Alert[] {
    return this.engine.openAlerts();
  }

  list(filter: AlertFilter): AlertView[] {
    return this.repo.query(filter).map((a) => this.view(a));
  }

  /** Any alert ever opened, resolved ones included. */
  find(alertId: string): AlertView | null {
    const alert = this.repo.find(alertId);
    return alert ? this.view(alert) : null;
  }

  /**
   * A person acknowledges, takes back an acknowledgement or resolves; an
   * alert already resolved is a conflict, an unknown one not found. The
   * first acknowledgement wins: a second person's is refused, naming who
   * has it (here, or on another workstation as last heard in team mode).
   */
  respond(type: 'acknowledge' | 'unacknowledge' | 'resolve', alertId: string, by: string, at: number): AlertView {
    this.deps.db.transaction(() => {
      const alert = this.engine.openAlerts().find((a) => a.id === alertId);
      if (!alert) {
        if (this.repo.find(alertId)?.status === 'resolved') throw new AlertResolvedError(alertId);
        throw new AlertNotFoundError(alertId);
      }
      if (type === 'acknowledge') {
        const holder = alert.acknowledged ?? this.sharing.holder(alert);
        if (holder && (holder.by !== by || holder.workstation !== null)) throw new AlertTakenError(holder);
      }
      // Acknowledging twice, or taking back what nobody acknowledged, changes nothing and tells nobody.
      if (this.feed({ type, at, alertId, by }).length > 0) this.sharing.responded(type, alert, by, at);
    })();
    return this.view(this.repo.find(alertId)!);
  }

  /** The alert with its targets' names, as the contract sends it. */
  view(alert: AlertRecord): AlertView {
    const nameOf = (id: string) => this.deps.targets.nameOf(id);
    return { ...alert, targetName: nameOf(alert.targetId), affectedNames: alert.affected.map(nameOf) };
  }

  private noticeTarget(targetId: string): NoticeTarget {
    const info = this.deps.targets.get(targetId);
    const target: NoticeTarget = { name: this.deps.targets.nameOf(targetId) };
    if (info?.vendor) target.vendor = info.vendor;
    if (info?.host) target.host = info.host;
    return target;
  }

  /** People's acknowledgements and resolutions are audited by the dispatcher; these happen with nobody at the keys. */
  private recordOwnAct(out: Exclude<AlertOutput, { type: 'notify' }>): void {
    const { alert } = out;
    const target = auditTarget.alert(alert.id);
    const about = { targetId: alert.targetId, rule: alert.rule, severity: alert.severity };
    if (out.type === 'opened') {
      this.deps.audit.record('vigil', { action: 'alert.opened', target, detail: about });
    } else if (out.type === 'resolved' && alert.resolved && (alert.resolved.by === null || alert.resolved.reason === 'removed' || alert.resolved.reason === 'disabled')) {
      const { reason, mergedInto, by } = alert.resolved;
      this.deps.audit.record('vigil', { action: 'alerts.resolve', target, detail: { ...about, reason, mergedInto, ...(by ? { connectionChangedBy: by } : {}) } });
    }
  }
}
