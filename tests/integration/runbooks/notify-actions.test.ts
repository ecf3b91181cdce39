/** test_notification_channels on a real Vigil: a test notice through every enabled channel, to real receivers on 127.0.0.1. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpReceiver, type HttpReceiver } from '../notify/harness';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';
import { runToEnd } from './run-to-end';

let vigil: TestVigil;
let admin: string;
let receiver: HttpReceiver;

beforeAll(async () => {
  receiver = await startHttpReceiver();
  vigil = await startTestVigil();
  admin = await vigil.adminToken();
  await vigil.ok('runbooks.save', { yaml: 'id: channels\nname: Channels\nroles: [admin]\nsteps:\n  - id: test\n    name: Test the channels\n    action: test_notification_channels\n', baseVersion: null }, admin);
}, 60_000);

afterAll(async () => {
  await vigil?.close();
  await receiver?.close();
});

describe('test_notification_channels', () => {
  it('sends a test through each enabled channel and succeeds when all deliver', async () => {
    await vigil.ok('notify.channels.create', { settings: { kind: 'webhook', name: 'On call', minSeverity: 'SEV3', fromLevel: 1 }, secret: receiver.url('/on-call') }, admin);
    const done = await runToEnd(vigil, 'channels', admin);
    expect(done.result).toBe('SUCCESS');
    expect(receiver.received('/on-call')).toHaveLength(1);
    expect(done.steps[0]!.outputs).toMatchObject({ failed: [] });
    expect(done.steps[0]!.lines.map((l) => l.text).join('\n')).toContain('On call (webhook): delivered');
  });

  it('fails, naming the channel, when one does not deliver', async () => {
    // A 404 is not worth retrying: the test fails at its first attempt.
    receiver.script('/gone', [{ status: 404 }]);
    await vigil.ok('notify.channels.create', { settings: { kind: 'webhook', name: 'Broken hook', minSeverity: 'SEV3', fromLevel: 1 }, secret: receiver.url('/gone') }, admin);
    const done = await runToEnd(vigil, 'channels', admin);
    expect(done.result).toBe('FAILED');
    expect(done.steps[0]!.message).toMatch(/did not deliver: Broken hook\.$/);
  });
});
