/** The delivery log in a real encrypted store: newest first, per channel, and bounded. */
import type Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import type { DeliveryAttempt } from '../../../src-main/notify/delivery-log';
import { DeliveryStore } from '../../../src-main/notify/delivery-store';
import { openStore } from '../../../src-main/store/store';
import { tempDir, useTestKeychain } from '../store/fixtures';

const { secrets } = useTestKeychain();

function attempt(n: number, channelId = 'hook'): DeliveryAttempt {
  return { channelId, alertId: `alert-${n}`, event: 'triggered', attempt: 1, at: 1_000 + n, outcome: 'delivered', status: 200 };
}

function count(db: Database.Database): number {
  return db.prepare('SELECT COUNT(*) FROM notify_deliveries').pluck().get() as number;
}

describe('the delivery store', () => {
  it('reads back newest first, for one channel or all, leaving out what an attempt did not have', async () => {
    const store = await openStore({ dataDir: tempDir(), secrets });
    try {
      const log = new DeliveryStore(store.db);
      log.record(attempt(1, 'a'));
      log.record({ channelId: 'b', alertId: 'x', event: 'test', attempt: 0, at: 5, outcome: 'failed', error: 'the notifier has stopped' });
      log.record(attempt(3, 'a'));
      expect(log.recent({ limit: 10 }).map((d) => d.alertId)).toEqual(['alert-3', 'x', 'alert-1']);
      expect(log.recent({ limit: 1 }).map((d) => d.alertId)).toEqual(['alert-3']);
      expect(log.recent({ channelId: 'a', limit: 10 }).map((d) => d.alertId)).toEqual(['alert-3', 'alert-1']);
      expect(log.recent({ channelId: 'b', limit: 10 })).toEqual([{ channelId: 'b', alertId: 'x', event: 'test', attempt: 0, at: 5, outcome: 'failed', error: 'the notifier has stopped' }]);
      expect(log.recent({ channelId: 'a', limit: 1 })).toEqual([{ channelId: 'a', alertId: 'alert-3', event: 'triggered', attempt: 1, at: 1_003, outcome: 'delivered', status: 200 }]);
    } finally {
      store.close();
    }
  });

  it('keeps only the newest rows, pruning as it writes and again when it starts', async () => {
    const dataDir = tempDir();
    const store = await openStore({ dataDir, secrets });
    try {
      const log = new DeliveryStore(store.db, 10);
      for (let n = 1; n <= 1_000; n++) log.record(attempt(n));
      // Pruned at the 500th and 1000th insert.
      expect(count(store.db)).toBe(10);
      expect(log.recent({ limit: 500 }).map((d) => d.alertId)).toEqual(Array.from({ length: 10 }, (_, i) => `alert-${1_000 - i}`));
      for (let n = 1_001; n <= 1_100; n++) log.record(attempt(n));
      expect(count(store.db)).toBe(110);

      new DeliveryStore(store.db, 10);
      expect(count(store.db)).toBe(10);
      expect(log.recent({ limit: 1 })[0]?.alertId).toBe('alert-1100');
    } finally {
      store.close();
    }
  });
});
