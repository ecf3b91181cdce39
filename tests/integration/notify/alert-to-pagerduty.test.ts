/**
 * The whole path on 127.0.0.1: the metrics probe scrapes a medical AI
 * service, the alert engine opens, acknowledges and resolves an alert from
 * its readings, and PagerDuty receives trigger, acknowledge and resolve under
 * the alert's one dedup_key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertEngine, type AlertInput } from '../../../src-main/monitor/alert-engine';
import { DependencyGraph } from '../../../src-main/monitor/dependencies';
import { probeMetrics, selectorKey, type MetricSelector } from '../../../src-main/monitor/probes/metrics-probe';
import type { Threshold } from '../../../src-main/monitor/probes/metrics-thresholds';
import { noticeFor } from '../../../src-main/notify/from-alert';
import type { PagerDutyEvent } from '../../../src-main/notify/pagerduty';
import { trapUnhandledRejections } from '../ehr/harness';
import { rig, startHttpReceiver, type HttpReceiver, type Rig } from './harness';

trapUnhandledRejections();

const ROUTING_KEY = 'R0UT1NGKEY0123456789abcdef0ai001';
const T0 = Date.UTC(2026, 4, 2, 8, 0, 0);
const THRESHOLD: Threshold = { direction: 'below', warn: 0.9, critical: 0.85 };
const ACCURACY: MetricSelector = { name: 'model_accuracy_score', labels: { model: 'sepsis-risk' }, threshold: THRESHOLD };

let receiver: HttpReceiver;
let r: Rig | undefined;
beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterAll(async () => {
  await r?.notifier.close();
  await receiver.close();
});

function page(accuracy: number): string {
  return `# TYPE model_accuracy_score gauge\nmodel_accuracy_score{model="sepsis-risk"} ${accuracy}\nmodel_accuracy_score{model="triage"} 0.97\n`;
}

describe('metrics probe → alert engine → PagerDuty', () => {
  it('pages once, acknowledges and resolves under the same dedup_key', async () => {
    const { notifier, deliveries } = (r = rig([{ id: 'pd', kind: 'pagerduty', name: 'AI on-call', eventsUrl: receiver.url('/v2/enqueue') }], { 'notify:pd:routingKey': ROUTING_KEY }));
    const engine = new AlertEngine({ dependencies: new DependencyGraph(), newId: () => 'alert-1' });
    const target = { name: 'Sepsis model service', host: 'ai.hospital.example' };
    const send = (input: AlertInput) => {
      for (const out of engine.handle(input)) if (out.type === 'notify') notifier.enqueue('pd', noticeFor(out.notification, target));
    };
    const scrape = async (accuracy: number, at: number) => {
      receiver.script('/metrics', [{ status: 200, body: page(accuracy) }]);
      const result = await probeMetrics({ url: receiver.url('/metrics'), selectors: [ACCURACY] });
      const key = selectorKey(ACCURACY);
      send({ type: 'metrics', at, targetId: 'ai', readings: [{ name: key, value: result.values[key] as number, threshold: THRESHOLD }] });
    };

    await scrape(0.83, T0);
    await scrape(0.84, T0 + 60_000);
    send({ type: 'acknowledge', at: T0 + 120_000, alertId: 'alert-1', by: 'dana.noc' });
    await scrape(0.95, T0 + 180_000);
    await notifier.idle();

    const events = receiver.received('/v2/enqueue').map((r) => r.json as PagerDutyEvent);
    expect(events.map((e) => [e.event_action, e.dedup_key])).toEqual([
      ['trigger', 'vigil/ai/metric:model_accuracy_score{model="sepsis-risk"}'],
      ['acknowledge', 'vigil/ai/metric:model_accuracy_score{model="sepsis-risk"}'],
      ['resolve', 'vigil/ai/metric:model_accuracy_score{model="sepsis-risk"}'],
    ]);
    expect(events[0]?.payload).toMatchObject({
      summary: 'Sepsis model service: model_accuracy_score{model="sepsis-risk"} below its critical limit: 0.83 is below 0.85',
      source: 'ai.hospital.example',
      severity: 'error',
      class: 'metric:model_accuracy_score{model="sepsis-risk"}',
      timestamp: '2026-05-02T08:00:00.000Z',
      custom_details: expect.objectContaining({ notification: 'opened', alert_id: 'alert-1', vigil_severity: 'SEV2' }),
    });
    expect(deliveries.entries.map((e) => [e.event, e.outcome])).toEqual([
      ['triggered', 'delivered'],
      ['acknowledged', 'delivered'],
      ['resolved', 'delivered'],
    ]);
  });
});
