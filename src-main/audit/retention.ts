/**
 * Deletes audit exports older than the retention setting: once at start, then
 * once a day. What it deletes is itself recorded under 'vigil'.
 */
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { pruneExports } from '../exports';
import type { AuditSettings } from './settings';
import type { AuditWriter } from './writer';

const DAY_MS = 86_400_000;

export class ExportRetention {
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly deps: { dir: string; settings: AuditSettings; clock: Clock; writer: AuditWriter; log: Logger },
  ) {}

  /** Deletes what is due now; returns how many files. */
  async run(): Promise<number> {
    const days = this.deps.settings.exportRetentionDays();
    const removed = await pruneExports(this.deps.dir, days, this.deps.clock.now());
    if (removed > 0) this.deps.writer.record('vigil', { action: 'audit.exportsRemoved', target: null, detail: { removed, retentionDays: days } });
    return removed;
  }

  async start(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => void this.sweep(), DAY_MS);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** A failed sweep (a file in use, a permission changed) is logged and tried again the next day. */
  private async sweep(): Promise<void> {
    try {
      await this.run();
    } catch (err) {
      this.deps.log.error('removing old audit exports failed', { error: err });
    }
  }
}
