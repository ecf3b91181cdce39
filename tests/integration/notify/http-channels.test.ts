/** Slack, generic webhook and PagerDuty payloads as a real HTTP receiver on 127.0.0.1 gets them. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/clock';
import type { ChannelConfig } from '../../../src-main/notify/channels';
import type { PagerDutyEvent } from '../../../src-main/notify/pagerduty';
import type { SlackBlock, SlackMessage } from '../../../src-main/notify/slack';
import { trapUnhandledRejections } from '../ehr/harness';
import { alert, OPENED_AT, rig, startHttpReceiver, type HttpReceiver, type Rig } from './harness';

trapUnhandledRejections();

const ROUTING_KEY = 'R0UT1NGKEY0123456789abcdef012345';
const SLACK_PATH = '/services/T0VIGIL/B0ALERTS/slackHookSecret1234';
const HOOK_PATH = '/hooks/vigil?token=hookSecret5678';
const NOW = Date.UTC(2026, 2, 14, 3, 9, 30);

let receiver: HttpReceiver;
let r: Rig | undefined;

beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterEach(async () => {
  await r?.notifier.close();
  r = undefined;
});
afterAll(() => receiver.close());

function channels(): ChannelConfig[] {
  return [
    { id: 'slack', kind: 'slack', name: 'NOC Slack' },
    { id: 'hook', kind: 'webhook', name: 'ServiceNow bridge' },
    { id: 'pd', kind: 'pagerduty', name: 'EHR on-call', eventsUrl: receiver.url('/v2/enqueue') },
  ];
}

function start(): Rig {
  r = rig(
    channels(),
    {
      'notify:slack:webhookUrl': receiver.url(SLACK_PATH),
      'notify:hook:webhookUrl': receiver.url(HOOK_PATH),
      'notify:pd:routingKey': ROUTING_KEY,
    },
    { clock: manualClock(NOW) },
  );
  return r;
}

describe('PagerDuty Events API v2', () => {
  it('sends trigger, acknowledge and resolve in order, all with the same dedup_key', async () => {
    const { notifier, deliveries } = start();
    notifier.enqueue('pd', alert());
    notifier.enqueue('pd', alert({ event: 'acknowledged', acknowledgedAt: OPENED_AT + 60_000, acknowledgedBy: 'dana.noc' }));
    notifier.enqueue('pd', alert({ event: 'resolved', resolvedAt: OPENED_AT + 600_000 }));
    const [trigger, ack, resolve] = await receiver.waitFor('/v2/enqueue', 3);
    await notifier.idle();

    expect(trigger?.headers['content-type']).toBe('application/json');
    expect(trigger?.json).toEqual({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: 'vigil/7/health',
      payload: {
        summary: 'Epic Production: CapabilityStatement failed 3 times: HTTP 503 from the FHIR endpoint',
        source: 'fhir.epic.example.org',
        severity: 'critical',
        timestamp: '2026-03-14T03:07:00.000Z',
        component: 'Epic Production',
        group: 'epic',
        class: 'connection.down',
        custom_details: {
          probe: 'capability',
          failures: 3,
          alert_id: '42',
          connection_id: '7',
          vigil_severity: 'SEV1',
          respond_within_minutes: 15,
          escalation_level: 1,
        },
      },
      client: 'Vigil',
    });
    // Follow-up events carry only what the API reads for them.
    expect(ack?.json).toEqual({ routing_key: ROUTING_KEY, event_action: 'acknowledge', dedup_key: 'vigil/7/health' });
    expect(resolve?.json).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: 'vigil/7/health' });
    expect(deliveries.entries.map((e) => [e.event, e.outcome, e.attempt])).toEqual([
      ['triggered', 'delivered', 1],
      ['acknowledged', 'delivered', 1],
      ['resolved', 'delivered', 1],
    ]);
  });

  it('maps SEV2 to error and SEV3 to warning, and keeps an escalation on the same alert', async () => {
    const { notifier } = start();
    const before = receiver.received('/v2/enqueue').length;
    notifier.enqueue('pd', alert({ alertId: '43', dedupKey: 'vigil/7/tls-expiry', severity: 'SEV2' }));
    notifier.enqueue('pd', alert({ alertId: '43', dedupKey: 'vigil/7/tls-expiry', severity: 'SEV2', escalationLevel: 2 }));
    notifier.enqueue('pd', alert({ alertId: '44', dedupKey: 'vigil/8/health', severity: 'SEV3', connection: { id: '8', name: 'Cerner' } }));
    const got = (await receiver.waitFor('/v2/enqueue', before + 3)).slice(before).map((x) => x.json as PagerDutyEvent);
    expect(got.map((e) => [e.dedup_key, e.event_action, e.payload?.severity, e.payload?.custom_details.escalation_level])).toEqual([
      ['vigil/7/tls-expiry', 'trigger', 'error', 1],
      ['vigil/7/tls-expiry', 'trigger', 'error', 2],
      ['vigil/8/health', 'trigger', 'warning', 1],
    ]);
    // Without a host or vendor, the connection's name is the source and no group is sent.
    expect(got[2]?.payload?.source).toBe('Cerner');
    expect(got[2]?.payload).not.toHaveProperty('group');
  });

  it('sends a test as an info event and resolves it at once', async () => {
    const { notifier, deliveries } = start();
    const before = receiver.received('/v2/enqueue').length;
    const result = await notifier.sendTest('pd');
    expect(result).toEqual({ outcome: 'delivered', attempts: 1, status: 200 });
    const [trigger, resolve] = receiver.received('/v2/enqueue').slice(before).map((x) => x.json as PagerDutyEvent);
    expect(trigger?.event_action).toBe('trigger');
    expect(trigger?.payload?.severity).toBe('info');
    expect(trigger?.payload?.summary).toMatch(/^\[TEST\] Vigil test: Test notification for channel "EHR on-call"/);
    expect(resolve).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: trigger?.dedup_key });
    expect(deliveries.entries.map((e) => [e.event, e.outcome])).toEqual([
      ['test', 'delivered'],
      ['test', 'delivered'],
    ]);
  });
});

/** The texts a block shows, whatever its type. */
function texts(block: SlackBlock | undefined): string[] {
  if (!block) return [];
  if (block.type === 'context') return block.elements.map((e) => e.text);
  if (block.type === 'section' && block.fields) return block.fields.map((f) => f.text);
  return block.text ? [block.text.text] : [];
}

describe('Slack incoming webhook', () => {
  it('posts text for the notification and blocks for the channel, escaping mrkdwn', async () => {
    const { notifier } = start();
    notifier.enqueue('slack', alert({ summary: 'p95 latency > 2 s & rising <see dashboard>' }));
    const [msg] = await receiver.waitFor(SLACK_PATH, 1);
    const body = msg?.json as SlackMessage;
    expect(body.text).toBe('[SEV1 triggered] Epic Production: p95 latency &gt; 2 s &amp; rising &lt;see dashboard&gt;');
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context']);
    expect(body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: ':rotating_light: [SEV1 triggered] Epic Production', emoji: true } });
    expect(body.blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'p95 latency &gt; 2 s &amp; rising &lt;see dashboard&gt;' } });
    expect(texts(body.blocks[2])).toEqual([
      '*Severity*\nSEV1: Patient-safety risk or system down',
      '*Connection*\nEpic Production (epic)',
      '*State*\ntriggered',
      `*Opened*\n<!date^${OPENED_AT / 1000}^{date_short_pretty} {time_secs}|2026-03-14T03:07:00.000Z>`,
    ]);
    expect(texts(body.blocks[3])).toEqual([
      'SEV1: Patient-safety risk or system down. Respond within 15 minutes.',
      'Alert 42 · vigil/7/health · sent by Vigil',
    ]);
  });

  it('keeps a long summary within Block Kit limits', async () => {
    const { notifier } = start();
    const before = receiver.received(SLACK_PATH).length;
    notifier.enqueue('slack', alert({ summary: 'x'.repeat(5_000), connection: { id: '7', name: 'N'.repeat(300) } }));
    const body = (await receiver.waitFor(SLACK_PATH, before + 1))[before]?.json as SlackMessage;
    const [header, summary, fields] = body.blocks.map(texts);
    expect(header?.[0]?.length).toBeLessThanOrEqual(150);
    expect(summary?.[0]?.length).toBeLessThanOrEqual(3000);
    for (const f of fields ?? []) expect(f.length).toBeLessThanOrEqual(2000);
  });

  it('labels a test message clearly', async () => {
    const { notifier } = start();
    const before = receiver.received(SLACK_PATH).length;
    expect(await notifier.sendTest('slack')).toMatchObject({ outcome: 'delivered' });
    const body = receiver.received(SLACK_PATH)[before]?.json as SlackMessage;
    expect(body.text).toBe('[TEST] Vigil test notification: Test notification for channel "NOC Slack" sent from Vigil. No action is needed.');
    expect(texts(body.blocks[0])).toEqual([':test_tube: [TEST] Vigil test notification']);
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
  });
});

describe('generic JSON webhook', () => {
  it('posts the documented Vigil payload with PHI redacted', async () => {
    const { notifier } = start();
    notifier.enqueue(
      'hook',
      alert({
        event: 'acknowledged',
        acknowledgedAt: OPENED_AT + 120_000,
        acknowledgedBy: 'dana.noc',
        escalationLevel: 2,
        summary: 'Patient search failed for MRN: 00123456 (phone 555-867-5309)',
        details: { probe: 'patient-search', request: 'GET /fhir/Patient?identifier=00123456' },
      }),
    );
    const [msg] = await receiver.waitFor(HOOK_PATH, 1);
    expect(msg?.headers['x-vigil-event']).toBe('acknowledged');
    expect(msg?.headers['x-vigil-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(msg?.headers['user-agent']).toMatch(/^Vigil\//);
    expect(msg?.json).toEqual({
      schema: 'vigil.alert.v1',
      test: false,
      alertId: '42',
      dedupKey: 'vigil/7/health',
      severity: 'SEV1',
      respondWithinMinutes: 15,
      state: 'acknowledged',
      rule: 'connection.down',
      connection: { id: '7', name: 'Epic Production', vendor: 'epic', host: 'fhir.epic.example.org' },
      summary: 'Patient search failed for MRN: [MRN] (phone [PHONE])',
      escalationLevel: 2,
      acknowledgedBy: 'dana.noc',
      times: { openedAt: '2026-03-14T03:07:00.000Z', acknowledgedAt: '2026-03-14T03:09:00.000Z', resolvedAt: null, sentAt: '2026-03-14T03:09:30.000Z' },
      details: { probe: 'patient-search', request: 'GET /fhir/Patient?identifier=[REDACTED]' },
    });
  });

  it('marks a test delivery in the payload and the event header', async () => {
    const { notifier } = start();
    const before = receiver.received(HOOK_PATH).length;
    await notifier.sendTest('hook');
    const msg = receiver.received(HOOK_PATH)[before];
    expect(msg?.headers['x-vigil-event']).toBe('test');
    expect(msg?.json).toMatchObject({ test: true, rule: 'test', summary: expect.stringContaining('No action is needed') });
  });
});
