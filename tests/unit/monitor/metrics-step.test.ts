/** The metrics probe as a step of a connection's run, against a real endpoint on 127.0.0.1. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsStep } from '../../../src-main/monitor/service/metrics-report';

let server: Server;
let base: string;
let page = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/down') {
      res.statusCode = 503;
      res.end('maintenance');
      return;
    }
    res.setHeader('content-type', 'text/plain; version=0.0.4');
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const selectors = [
  { name: 'model_accuracy_score', threshold: { direction: 'below' as const, warn: 0.85, critical: 0.75 } },
  { name: 'http_request_duration_seconds', labels: { quantile: '0.95' }, threshold: { direction: 'above' as const, warn: 1 } },
  { name: 'active_clinical_sessions', combine: 'sum' as const },
];

const exposition = (accuracy: number, p95: number, sessions = true) =>
  [
    '# TYPE model_accuracy_score gauge',
    `model_accuracy_score{model="sepsis-risk"} ${accuracy}`,
    'model_accuracy_score{model="readmission"} 0.95',
    `http_request_duration_seconds{quantile="0.95"} ${p95}`,
    ...(sessions ? ['active_clinical_sessions{site="north"} 40', 'active_clinical_sessions{site="south"} 2'] : []),
  ].join('\n');

const run = () => metricsStep({ url: `${base}/metrics`, selectors }, new AbortController().signal);

describe('the metrics step', () => {
  it('passes within limits, with readings for the tile and thresholded readings for the alert rules', async () => {
    page = exposition(0.91, 0.4);
    const step = await run();
    expect(step.report).toMatchObject({ probe: 'metrics', optional: true, status: 'pass', summary: '3 series within their limits' });
    expect(step.readings).toEqual({ model_accuracy_score: 0.91, 'http_request_duration_seconds{quantile="0.95"}': 0.4, active_clinical_sessions: 42 });
    expect(step.metrics.map((m) => m.name)).toEqual(['model_accuracy_score', 'http_request_duration_seconds{quantile="0.95"}']);
  });

  it('warns on a warning breach or a vanished series, fails on a critical breach, naming each', async () => {
    page = exposition(0.91, 1.7);
    expect((await run()).report).toMatchObject({ status: 'warn', summary: 'Warning: http_request_duration_seconds{quantile="0.95"} = 1.7 (above 1)' });
    page = exposition(0.7, 1.7);
    expect((await run()).report).toMatchObject({ status: 'fail', summary: 'Critical: model_accuracy_score = 0.7 (below 0.75)' });
    page = exposition(0.91, 0.4, false);
    expect((await run()).report).toMatchObject({ status: 'warn', summary: 'Not exposed any more: active_clinical_sessions' });
  });

  it('fails, without throwing, when the endpoint does', async () => {
    const step = await metricsStep({ url: `${base}/down`, selectors }, new AbortController().signal);
    expect(step.report.status).toBe('fail');
    expect(step.report.summary).toMatch(/^The metrics endpoint failed: .*503/);
    expect(step.readings).toEqual({});
  });
});
