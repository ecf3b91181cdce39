/** Starts a runbook and resolves with the run once it has ended (real actions take real time). */
import type { RunDetail } from '../../../src-shared/contract';
import type { TestVigil } from '../../helpers/test-vigil';

export async function runToEnd(vigil: TestVigil, id: string, token: string): Promise<RunDetail> {
  const ended = new Promise<void>((resolve) => {
    const off = vigil.events.subscribe(({ event, payload }) => {
      if (event === 'runbook.run.changed' && (payload as { state?: string }).state === 'done') {
        off();
        resolve();
      }
    });
  });
  const { run } = await vigil.ok('runbooks.run', { id }, token);
  if ((await vigil.ok('runs.get', { id: run.id }, token)).run.state !== 'done') await ended;
  return (await vigil.ok('runs.get', { id: run.id }, token)).run;
}
