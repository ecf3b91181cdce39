/** Queues, retries, the delivery log, channel health and secrecy, against real receivers on 127.0.0.1. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelConfig } from '../../../src-main/notify/channels';
import type { DesktopNotification } from '../../../src-main/notify/desktop';
import { trapUnhandledRejections } from '../ehr/harness';
import { alert, rig, startHttpReceiver, type HttpReceiver, type Rig } from './harness';

trapUnhandledRejections();

const SLACK_SECRET = 'T0VIGIL/B0ALERTS/xoxbSlackHookSecret42';
const ROUTING_KEY = 'pdRoutingKeySecret00000000000042';

let receiver: HttpReceiver;
let r: Rig | undefined;

beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterEach(async () => {
  receiver.releaseHung();
  await r?.notifier.close();
  r = undefined;
});
afterAll(() => receiver.close());

/** A webhook channel per path, its URL in the keychain. */
function hooks(paths: string[], extra: Parameters<typeof rig>[2] = {}): Rig {
  const channels: ChannelConfig[] = paths.map((p) => ({ id: p, kind: 'webhook', name: `hook ${p}` }));
  r = rig(channels, Object.fromEntries(paths.map((p) => [`notify:${p}:webhookUrl`, receiver.url(p)])), extra);
  return r;
}

describe('retries', () => {
  it('delivers exactly once to a receiver that fails three times, logging 3 retrying and 1 delivered', async () => {
    const { notifier, deliveries, slept } = hooks(['/flaky']);
    receiver.script('/flaky', [{ status: 500 }, { status: 502, body: 'bad gateway' }, { status: 503 }]);
    notifier.enqueue('/flaky', alert());
    await notifier.idle();
    const got = receiver.received('/flaky');
    expect(got).toHaveLength(4);
    // One notification: every try carries the same delivery id, so a receiver can drop a duplicate.
    expect(new Set(got.map((g) => g.headers['x-vigil-delivery'])).size).toBe(1);
    expect(deliveries.entries.map(({ attempt, outcome, status, error }) => ({ attempt, outcome, status, error }))).toEqual([
      { attempt: 1, outcome: 'retrying', status: 500, error: 'HTTP 500' },
      { attempt: 2, outcome: 'retrying', status: 502, error: 'HTTP 502: bad gateway' },
      { attempt: 3, outcome: 'retrying', status: 503, error: 'HTTP 503' },
      { attempt: 4, outcome: 'delivered', status: 200, error: undefined },
    ]);
    // Exponential backoff with full jitter (random fixed at 0.5): half of 2 s, 4 s, 8 s.
    expect(slept).toEqual([1_000, 2_000, 4_000]);
    expect(notifier.health('/flaky')).toMatchObject({ status: 'ok', consecutiveFailures: 0, pending: 0, lastError: 'HTTP 503' });
  });

  it('does not retry a 400', async () => {
    const { notifier, deliveries, slept } = hooks(['/bad']);
    receiver.script('/bad', [{ status: 400, body: '{"error":"unknown field"}' }]);
    notifier.enqueue('/bad', alert());
    await notifier.idle();
    expect(receiver.received('/bad')).toHaveLength(1);
    expect(deliveries.entries).toEqual([
      { channelId: '/bad', alertId: '42', event: 'triggered', attempt: 1, at: expect.any(Number), outcome: 'failed', status: 400, error: 'HTTP 400: {"error":"unknown field"}' },
    ]);
    expect(slept).toEqual([]);
    expect(notifier.health('/bad')).toMatchObject({ status: 'failing', consecutiveFailures: 1, lastError: 'HTTP 400: {"error":"unknown field"}' });
  });

  it('waits as long as Retry-After asks, and gives up when it asks too much', async () => {
    const { notifier, deliveries, slept } = hooks(['/limited', '/closed']);
    receiver.script('/limited', [{ status: 429, headers: { 'retry-after': '120' } }]);
    receiver.script('/closed', [{ status: 503, headers: { 'retry-after': '3600' } }]);
    notifier.enqueue('/limited', alert());
    notifier.enqueue('/closed', alert({ alertId: '43' }));
    await notifier.idle();
    expect(slept).toEqual([120_000]);
    expect(receiver.received('/limited')).toHaveLength(2);
    expect(receiver.received('/closed')).toHaveLength(1);
    expect(deliveries.entries.filter((e) => e.channelId === '/closed')).toEqual([
      expect.objectContaining({ outcome: 'failed', status: 503, error: 'HTTP 503; the receiver asked to wait 3600 s, more than the 300 s allowed' }),
    ]);
  });

  it('gives up after the policy’s attempts', async () => {
    const { notifier, deliveries } = hooks(['/down'], { retry: { maxAttempts: 3 } });
    receiver.script('/down', [{ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }]);
    const result = await notifier.sendTest('/down');
    expect(result).toEqual({ outcome: 'failed', attempts: 3, status: 500, error: 'HTTP 500; gave up after 3 attempts' });
    expect(deliveries.entries.map((e) => e.outcome)).toEqual(['retrying', 'retrying', 'failed']);
    expect(notifier.health('/down')).toMatchObject({ status: 'failing', consecutiveFailures: 3 });
  });

  it('times out a receiver that never answers, and tries again', async () => {
    const { notifier, deliveries } = hooks(['/hung'], { attemptTimeoutMs: 300 });
    receiver.script('/hung', ['hang']);
    notifier.enqueue('/hung', alert());
    await notifier.idle();
    expect(deliveries.entries.map(({ attempt, outcome, error }) => ({ attempt, outcome, error }))).toEqual([
      { attempt: 1, outcome: 'retrying', error: 'no response within 300 ms' },
      { attempt: 2, outcome: 'delivered', error: undefined },
    ]);
    expect(receiver.received('/hung')).toHaveLength(2);
  });

  it('retries a refused connection', async () => {
    r = rig([{ id: 'gone', kind: 'webhook', name: 'gone' }], { 'notify:gone:webhookUrl': 'http://127.0.0.1:1/hook' }, { retry: { maxAttempts: 2 } });
    const result = await r.notifier.sendTest('gone');
    expect(result).toEqual({ outcome: 'failed', attempts: 2, error: 'connection refused; gave up after 2 attempts' });
  });
});

describe('queues', () => {
  it('never makes the caller wait: a hung channel delays neither enqueue nor other channels', async () => {
    const { notifier } = hooks(['/slow', '/fast'], { attemptTimeoutMs: 60_000 });
    receiver.script('/slow', ['hang']);
    const returned = [
      notifier.enqueue('/slow', alert({ alertId: 's1' })),
      notifier.enqueue('/slow', alert({ alertId: 's2' })),
      notifier.enqueue('/fast', alert({ alertId: 'f1' })),
    ];
    expect(returned).toEqual([undefined, undefined, undefined]);
    const [fast] = await receiver.waitFor('/fast', 1);
    expect(fast?.json).toMatchObject({ alertId: 'f1' });
    // s1 is still held by the receiver and s2 waits behind it, in order.
    expect(receiver.received('/slow').map((x) => (x.json as { alertId: string }).alertId)).toEqual(['s1']);
    expect(notifier.health('/slow').pending).toBe(2);
    receiver.releaseHung();
    await notifier.idle();
    expect(receiver.received('/slow').map((x) => (x.json as { alertId: string }).alertId)).toEqual(['s1', 's2']);
  });

  it('drops the oldest waiting notification beyond the cap, and says so in the log', async () => {
    const { notifier, deliveries } = hooks(['/capped'], { maxQueuedPerChannel: 2, attemptTimeoutMs: 60_000 });
    receiver.script('/capped', ['hang']);
    for (const id of ['a', 'b', 'c', 'd']) notifier.enqueue('/capped', alert({ alertId: id }));
    expect(deliveries.entries).toEqual([
      expect.objectContaining({ alertId: 'b', attempt: 0, outcome: 'failed', error: 'dropped: more than 2 notifications were waiting for this channel' }),
    ]);
    await receiver.waitFor('/capped', 1);
    receiver.releaseHung();
    await notifier.idle();
    expect(receiver.received('/capped').map((x) => (x.json as { alertId: string }).alertId)).toEqual(['a', 'c', 'd']);
  });

  it('on close, cancels the try in progress and logs what was still queued', async () => {
    const { notifier, deliveries } = hooks(['/stuck'], { attemptTimeoutMs: 60_000 });
    receiver.script('/stuck', ['hang']);
    notifier.enqueue('/stuck', alert({ alertId: 'x1' }));
    notifier.enqueue('/stuck', alert({ alertId: 'x2' }));
    await receiver.waitFor('/stuck', 1);
    await notifier.close();
    notifier.enqueue('/stuck', alert({ alertId: 'x3' }));
    expect(deliveries.entries.map(({ alertId, attempt, outcome, error }) => ({ alertId, attempt, outcome, error }))).toEqual([
      { alertId: 'x1', attempt: 1, outcome: 'failed', error: 'cancelled; not retried: the notifier stopped' },
      { alertId: 'x2', attempt: 0, outcome: 'failed', error: 'the notifier stopped before sending it' },
      { alertId: 'x3', attempt: 0, outcome: 'failed', error: 'the notifier has stopped' },
    ]);
  });

  it('reports an unknown channel and a channel without its secret as failed, without retrying', async () => {
    r = rig([{ id: 'nokey', kind: 'slack', name: 'No key yet' }], {});
    expect(await r.notifier.sendTest('nokey')).toEqual({ outcome: 'failed', attempts: 1, error: 'no webhook URL in the keychain for this channel' });
    expect(await r.notifier.sendTest('missing')).toEqual({ outcome: 'failed', attempts: 1, error: 'no such notification channel' });
    expect(r.notifier.health('never-used')).toEqual({
      channelId: 'never-used',
      status: 'unknown',
      lastSuccessAt: null,
      lastFailureAt: null,
      lastError: null,
      consecutiveFailures: 0,
      pending: 0,
    });
  });

  it('fails a notification whose try throws, and goes on to the next one', async () => {
    const { notifier, channels, deliveries } = hooks(['/ok']);
    const real = channels.get.bind(channels);
    let calls = 0;
    channels.get = (id) => {
      // sendTest looks the channel up once for its name, then each try looks it up again.
      if (++calls === 2) throw new TypeError('settings row is corrupt');
      return real(id);
    };
    expect(await notifier.sendTest('/ok')).toEqual({ outcome: 'failed', attempts: 1, error: 'internal error (TypeError)' });
    notifier.enqueue('/ok', alert());
    await notifier.idle();
    expect(deliveries.entries.map((e) => e.outcome)).toEqual(['failed', 'delivered']);
  });

  it('keeps going when the delivery log sink throws', async () => {
    const { notifier, log } = hooks(['/ok'], {
      deliveryLog: {
        record: () => {
          throw new Error('database is locked');
        },
      },
    });
    expect(await notifier.sendTest('/ok')).toMatchObject({ outcome: 'delivered' });
    expect(log.lines.some((l) => l.includes('could not write the delivery log') && l.includes('database is locked'))).toBe(true);
  });
});

describe('desktop channel', () => {
  it('shows a critical notification for a SEV1 and a quiet one for its resolution', async () => {
    const shown: DesktopNotification[] = [];
    r = rig([{ id: 'desk', kind: 'desktop', name: 'This workstation' }], {}, { desktop: { show: (n) => void shown.push(n) } });
    r.notifier.enqueue('desk', alert());
    r.notifier.enqueue('desk', alert({ event: 'resolved', resolvedAt: Date.UTC(2026, 2, 14, 3, 30) }));
    await r.notifier.idle();
    expect(shown).toEqual([
      {
        title: '[SEV1 triggered] Epic Production',
        body: 'CapabilityStatement failed 3 times: HTTP 503 from the FHIR endpoint\nSEV1: Patient-safety risk or system down. Respond within 15 minutes.',
        urgency: 'critical',
        tag: 'vigil/7/health',
      },
      {
        title: '[SEV1 resolved] Epic Production',
        body: 'CapabilityStatement failed 3 times: HTTP 503 from the FHIR endpoint\nResolved at 2026-03-14 03:30:00 UTC.',
        urgency: 'low',
        // The alert's key: the resolution replaces the trigger on screen.
        tag: 'vigil/7/health',
      },
    ]);
  });

  it('fails plainly where there is no desktop', async () => {
    r = rig([{ id: 'desk', kind: 'desktop', name: 'Wall display' }], {});
    expect(await r.notifier.sendTest('desk')).toEqual({ outcome: 'failed', attempts: 1, error: 'this Vigil process has no desktop to show notifications on' });
  });
});

describe('secrecy', () => {
  it('keeps webhook URLs and routing keys out of logs, the delivery log, health and results', async () => {
    const slackPath = `/services/${SLACK_SECRET}`;
    const pdPath = '/v2/enqueue-secrecy';
    r = rig(
      [
        { id: 'slack', kind: 'slack', name: 'Slack' },
        { id: 'pd', kind: 'pagerduty', name: 'PagerDuty', eventsUrl: receiver.url(pdPath) },
        { id: 'dead', kind: 'slack', name: 'Dead Slack' },
        { id: 'badurl', kind: 'webhook', name: 'Mistyped' },
      ],
      {
        'notify:slack:webhookUrl': receiver.url(slackPath),
        'notify:pd:routingKey': ROUTING_KEY,
        'notify:dead:webhookUrl': `http://127.0.0.1:1/services/${SLACK_SECRET}`,
        'notify:badurl:webhookUrl': `hxxp:/not a url/${SLACK_SECRET}`,
      },
      { retry: { maxAttempts: 2 } },
    );
    // Receivers that echo the credential back in their error bodies.
    receiver.script(slackPath, [{ status: 404, body: `no_service: ${receiver.url(slackPath)} (${slackPath})` }]);
    receiver.script(pdPath, [
      { status: 500, body: `{"status":"error","routing_key":"${ROUTING_KEY}"}` },
      { status: 400, body: `{"errors":["Invalid routing_key ${encodeURIComponent(ROUTING_KEY)}"]}` },
    ]);
    const results = await Promise.all(['slack', 'pd', 'dead', 'badurl'].map((id) => r?.notifier.sendTest(id)));
    expect(results.map((x) => x?.outcome)).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(results[0]?.error).toBe('HTTP 404: no_service: [hidden] ([hidden])');
    expect(results[1]?.error).toBe('HTTP 400: {"errors":["Invalid routing_key [hidden]"]}');
    expect(results[3]?.error).toBe('the receiver URL is not a valid http(s) URL');
    const everything = JSON.stringify([
      r.log.lines,
      r.deliveries.entries,
      results,
      ['slack', 'pd', 'dead', 'badurl'].map((id) => r?.notifier.health(id)),
    ]);
    expect(r.log.lines.length).toBeGreaterThan(4);
    expect(everything).not.toContain(SLACK_SECRET);
    expect(everything).not.toContain('xoxbSlackHookSecret42');
    expect(everything).not.toContain(ROUTING_KEY);
  });
});
