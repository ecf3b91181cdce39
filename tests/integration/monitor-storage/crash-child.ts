/**
 * Child process for batching.test.ts: records results into a real store,
 * reports how many, and kills itself with SIGKILL, as a crash would, with
 * whatever is still buffered unwritten.
 *
 * argv: <dataDir> <keychain service> <results> <batch rows>
 */
import { manualClock } from '../../../src-main/clock';
import { createProbeStorage } from '../../../src-main/monitor/storage/probe-storage';
import { createKeychain } from '../../../src-main/secrets/keychain';
import { openStore } from '../../../src-main/store/store';
import { passed } from './outcomes';

const [dataDir, service, results, batchRows] = process.argv.slice(2);
if (!dataDir || !service || !results || !batchRows) throw new Error('usage: crash-child.ts <dataDir> <service> <results> <batch rows>');

const store = await openStore({ dataDir, secrets: createKeychain({ service }) });
const clock = manualClock();
const storage = createProbeStorage({ db: store.db, clock, settings: { batchRows: Number(batchRows), batchDelayMs: 3_600_000 } });
for (let i = 0; i < Number(results); i++) {
  clock.advance(1_000);
  storage.record({ targetId: `conn-${i % 3}`, outcome: passed(100 + i), final: true });
}
process.stdout.write(`recorded ${results}\n`);
process.kill(process.pid, 'SIGKILL');
