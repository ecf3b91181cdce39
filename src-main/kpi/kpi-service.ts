/** The KPI service: the aggregates kept up to date with the tickets, the settings, and reports over them. */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { KpiRange, KpiReport, KpiSettings } from '../../src-shared/contract';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { MonitorApi } from '../monitor';
import type { TicketsApi } from '../tickets';
import { Aggregator } from './aggregator';
import { CellStore } from './cell-store';
import { kpiReport } from './report';
import { KpiSettingsRepo } from './settings-repo';
import { Zone } from './zone';

export interface KpiServiceDeps {
  db: Database.Database;
  clock: Clock;
  log: Logger;
  events: EventBus;
  tickets: Pick<TicketsApi, 'factsSince'>;
  monitor: Pick<MonitorApi, 'board' | 'rollup'>;
  timeZone: string;
}

export class KpiService {
  private readonly store: CellStore;
  private readonly repo: KpiSettingsRepo;
  private readonly aggregator: Aggregator;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: KpiServiceDeps) {
    this.store = new CellStore(deps.db, new Zone(deps.timeZone));
    this.repo = new KpiSettingsRepo(deps.db);
    this.aggregator = new Aggregator({
      store: this.store,
      tickets: deps.tickets,
      log: deps.log,
      onCounted: () => deps.events.emit('kpi.changed', { reason: 'tickets' }),
    });
    this.unsubscribe = deps.events.subscribe((m) => {
      if (m.event === 'ticket.changed') void this.aggregator.catchUp();
    });
    void this.aggregator.catchUp();
  }

  /** Resolves once every ticket change so far is counted. */
  caughtUp(): Promise<void> {
    return this.aggregator.catchUp();
  }

  /** Counts what changed first, so a report includes every change made before it was asked for. */
  async report(range: KpiRange): Promise<KpiReport> {
    await this.aggregator.catchUp();
    return kpiReport({ store: this.store, monitor: this.deps.monitor, settings: this.repo.get(), seq: this.store.seq(), now: this.deps.clock.now() }, range);
  }

  settings(): KpiSettings {
    return this.repo.get();
  }

  saveSettings(settings: KpiSettings, by: string): { before: KpiSettings; after: KpiSettings } {
    const saved = this.repo.save(settings, by, this.deps.clock.now());
    this.deps.events.emit('kpi.changed', { reason: 'settings' });
    return saved;
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.aggregator.close();
  }
}
