/**
 * Each target's settings and pause flag, read on every run and so kept in
 * memory until they change rather than parsed from the store 60 times a
 * second. Writes go to the store first, then the cached copy is dropped.
 */
import type { MonitorSettings } from '../../../src-shared/monitoring';
import type { Clock } from '../../clock';
import type { SettingsRepo, StoredTargetSettings } from './settings-repo';

export class TargetSettings {
  private readonly cache = new Map<string, StoredTargetSettings>();

  constructor(
    private readonly repo: SettingsRepo,
    /** A target's defaults while nobody configured it (the sandbox's differ). */
    private readonly defaultsOf: (targetId: string) => MonitorSettings | undefined,
    private readonly clock: Clock,
  ) {}

  of(targetId: string): StoredTargetSettings {
    let known = this.cache.get(targetId);
    if (!known) {
      known = this.repo.get(targetId, this.defaultsOf(targetId));
      this.cache.set(targetId, known);
    }
    return known;
  }

  save(targetId: string, settings: MonitorSettings): void {
    this.repo.save(targetId, settings, this.clock.now());
    this.cache.delete(targetId);
  }

  setPaused(targetId: string, paused: boolean): void {
    this.repo.setPaused(targetId, paused, this.clock.now(), this.of(targetId).settings);
    this.cache.delete(targetId);
  }

  /** The defaults may have moved with the connection (the sandbox's port): read again next time. */
  forget(targetId: string): void {
    this.cache.delete(targetId);
  }

  /** A removed connection's settings go with it. */
  remove(targetId: string): void {
    this.repo.remove(targetId);
    this.cache.delete(targetId);
  }
}
