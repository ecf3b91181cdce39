/** The metrics probe against a real HTTP endpoint on 127.0.0.1 serving Prometheus text. */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExposition } from '../../../../src-main/monitor/probes/metrics-exposition';
import { probeMetrics, selectorKey, type MetricSelector } from '../../../../src-main/monitor/probes/metrics-probe';
import { MetricsScrapeError } from '../../../../src-main/monitor/probes/metrics-scrape';

const FIXTURE = readFileSync(join(__dirname, '../../../fixtures/vendors/prometheus-sample.txt'), 'utf8');

// What a medical AI inference service exposes: gauges per model and site, a
// summary with labelled quantiles, comments, a NaN quantile, malformed lines
// (lines 12, 16 and 17) and no newline at the end.
const AI_PAGE = [
  '# HELP model_accuracy_score Rolling accuracy of the model against adjudicated cases.',
  '# TYPE model_accuracy_score gauge',
  'model_accuracy_score{model="sepsis-risk",version="3.2"} 0.83',
  'model_accuracy_score{model="readmission",version="1.9"} 0.94',
  '# HELP active_clinical_sessions Clinician sessions open right now.',
  '# TYPE active_clinical_sessions gauge',
  'active_clinical_sessions{site="north"} 41',
  'active_clinical_sessions{site="south"} 17',
  '# TYPE clinical_decisions_last_hour gauge',
  'clinical_decisions_last_hour 1289',
  '# a free comment, then a broken line:',
  'clinical_decisions_last_hour{unit="count"} not_a_number',
  '# HELP http_request_duration_seconds Inference latency.',
  '# TYPE http_request_duration_seconds summary',
  'http_request_duration_seconds{handler="/predict",quantile="0.5"} 0.21',
  'http_request_duration_seconds{handler="/predict" quantile="0.95"} 0.9',
  'http_request_duration_seconds{handler="/predict",quantile="0.99"} 1.9 17 99',
  'http_request_duration_seconds{handler="/predict",quantile="0.95"} 0.74',
  'http_request_duration_seconds{handler="/explain",quantile="0.95"} 0.35',
  'http_request_duration_seconds_sum{handler="/predict"} 5123.5',
  'http_request_duration_seconds_count{handler="/predict"} 20011',
  '#comment-without-space 1 2 3',
  'queue_wait_seconds{quantile="0.95"} NaN',
  'gpu_memory_used_ratio 0.61',
].join('\n');

let server: Server;
let base: string;
const pages = new Map<string, (res: ServerResponse, req: IncomingMessage) => void>();

beforeAll(async () => {
  pages.set('/fixture', (res) => res.end(FIXTURE));
  pages.set('/ai', (res) => res.end(AI_PAGE));
  pages.set('/down', (res) => {
    res.statusCode = 503;
    res.end('maintenance');
  });
  pages.set('/huge-declared', (res) => {
    res.setHeader('content-length', String(5_000));
    res.end('x'.repeat(5_000));
  });
  pages.set('/huge-chunked', (res) => {
    for (let i = 0; i < 50; i++) res.write(`padding_metric{i="${i}"} ${i}\n`);
    res.end();
  });
  pages.set('/hang', () => undefined);
  pages.set('/accept', (res, req) => res.end(`seen_accept{value="${String(req.headers.accept)}"} 1\n`));
  server = createServer((req, res) => (pages.get(req.url ?? '') ?? ((r: ServerResponse) => r.writeHead(404).end()))(res, req));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function scrapeError(p: Promise<unknown>): Promise<MetricsScrapeError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof MetricsScrapeError)) throw new Error(`expected a MetricsScrapeError, got ${String(err)}`);
  return err;
}

describe('metrics probe: the shared Prometheus fixture', () => {
  it('reads gauges, counters with timestamps, escaped labels, +Inf, histograms and summaries', async () => {
    const r = await probeMetrics({
      url: `${base}/fixture`,
      selectors: [
        { name: 'jvm_classes_loaded' },
        { name: 'http_requests_total', labels: { code: '400' } },
        { name: 'http_requests_total', combine: 'sum' },
        { name: 'msdos_file_access_time_seconds', labels: { path: 'C:\\DIR\\FILE.TXT', error: 'Cannot find file:\n"FILE.TXT"' } },
        { name: 'something_weird' },
        { name: 'http_request_duration_seconds_bucket', labels: { le: '+Inf' } },
        { name: 'rpc_duration_seconds', labels: { quantile: '0.99' } },
        // The summary whose _count precedes its quantiles: the library's whole-page parse throws here.
        { name: 'some_metric', labels: { quantile: '0.75' } },
        // Trailing comma inside the braces.
        { name: 'jvm_gc_collection_seconds_count', labels: { gc: 'MarkSweepCompact' } },
      ],
    });
    expect(r.values).toEqual({
      jvm_classes_loaded: 3851,
      'http_requests_total{code="400"}': 3,
      http_requests_total: 1030,
      'msdos_file_access_time_seconds{error="Cannot find file:\\n\\"FILE.TXT\\"",path="C:\\\\DIR\\\\FILE.TXT"}': 1.458255915e9,
      something_weird: Infinity,
      'http_request_duration_seconds_bucket{le="+Inf"}': 144320,
      'rpc_duration_seconds{quantile="0.99"}': 76656,
      'some_metric{quantile="0.75"}': 1,
      'jvm_gc_collection_seconds_count{gc="MarkSweepCompact"}': 12,
    });
    expect(r.missing).toEqual([]);
    expect(r.malformedLines).toBe(0);
    expect(r.sampleLines).toBe(30);
    expect(r.breaches).toEqual([]);
  });
});

describe('metrics probe: a medical AI service', () => {
  const selectors: MetricSelector[] = [
    { name: 'model_accuracy_score', threshold: { direction: 'below', warn: 0.9, critical: 0.85 } },
    { name: 'model_accuracy_score', labels: { model: 'readmission' }, threshold: { direction: 'below', warn: 0.9, critical: 0.85 } },
    { name: 'active_clinical_sessions', combine: 'sum', threshold: { direction: 'above', warn: 50, critical: 80 } },
    { name: 'clinical_decisions_last_hour', threshold: { direction: 'below', warn: 100 } },
    { name: 'http_request_duration_seconds', labels: { quantile: '0.95' }, threshold: { direction: 'above', warn: 0.5, critical: 1 } },
    { name: 'http_request_duration_seconds', labels: { handler: '/explain', quantile: '0.95' }, threshold: { direction: 'above', warn: 0.5 } },
    { name: 'queue_wait_seconds', labels: { quantile: '0.95' }, threshold: { direction: 'above', warn: 1 } },
    { name: 'gpu_memory_used_ratio', threshold: { direction: 'above', warn: 0.9 } },
    { name: 'model_drift_score' },
  ];

  it('keeps the named gauges and quantiles, worst series first, and checks their thresholds', async () => {
    const r = await probeMetrics({ url: `${base}/ai`, selectors });
    expect(r.values).toEqual({
      model_accuracy_score: 0.83,
      'model_accuracy_score{model="readmission"}': 0.94,
      active_clinical_sessions: 58,
      clinical_decisions_last_hour: 1289,
      'http_request_duration_seconds{quantile="0.95"}': 0.74,
      'http_request_duration_seconds{handler="/explain",quantile="0.95"}': 0.35,
      // The last line has no newline after it and still counts.
      gpu_memory_used_ratio: 0.61,
    });
    expect(r.breaches).toEqual([
      { key: 'model_accuracy_score', level: 'critical', value: 0.83, limit: 0.85, direction: 'below' },
      { key: 'active_clinical_sessions', level: 'warn', value: 58, limit: 50, direction: 'above' },
      { key: 'http_request_duration_seconds{quantile="0.95"}', level: 'warn', value: 0.74, limit: 0.5, direction: 'above' },
    ]);
    // A NaN quantile (no observations) is no reading; a metric that is not exposed at all is missing too.
    expect(r.missing).toEqual(['queue_wait_seconds{quantile="0.95"}', 'model_drift_score']);
  });

  it('skips and counts malformed lines without losing the lines around them', async () => {
    const r = await probeMetrics({ url: `${base}/ai`, selectors });
    // A value that is not a number, a missing comma between labels, three tokens
    // after the labels; "#comment-without-space" is a comment, not a line.
    expect(r.malformedLines).toBe(3);
    expect(r.malformedLineNumbers).toEqual([12, 16, 17]);
    expect(r.sampleLines).toBe(12);
    expect(r.bytes).toBe(Buffer.byteLength(AI_PAGE));
  });

  it('asks for the classic text format', async () => {
    const r = await probeMetrics({ url: `${base}/accept`, selectors: [{ name: 'seen_accept', labels: { value: 'text/plain;version=0.0.4;q=1,*/*;q=0.1' } }] });
    expect(r.values).toEqual({ 'seen_accept{value="text/plain;version=0.0.4;q=1,*/*;q=0.1"}': 1 });
  });
});

describe('metrics probe: failures of the endpoint', () => {
  it('reports an HTTP error with its status', async () => {
    const err = await scrapeError(probeMetrics({ url: `${base}/down`, selectors: [] }));
    expect(err).toMatchObject({ kind: 'http', status: 503 });
  });

  it('refuses a page over the size cap, declared or streamed', async () => {
    expect((await scrapeError(probeMetrics({ url: `${base}/huge-declared`, selectors: [], maxBytes: 1_000 }))).kind).toBe('too_large');
    expect((await scrapeError(probeMetrics({ url: `${base}/huge-chunked`, selectors: [], maxBytes: 200 }))).kind).toBe('too_large');
  });

  it('gives up on an endpoint that never answers', async () => {
    const err = await scrapeError(probeMetrics({ url: `${base}/hang`, selectors: [], timeoutMs: 150 }));
    expect(err.kind).toBe('timeout');
  });

  it('stops at once when the caller cancels, rejecting with its reason', async () => {
    const controller = new AbortController();
    const probe = probeMetrics({ url: `${base}/hang`, selectors: [], timeoutMs: 60_000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(new DOMException('run timed out', 'AbortError')), 50);
    await expect(probe).rejects.toThrow('run timed out');
  });

  it('names a bad URL without quoting it, since it may carry credentials', async () => {
    const err = await scrapeError(probeMetrics({ url: 'ftp://user:s3cret@metrics.example/', selectors: [] }));
    expect(err.kind).toBe('invalid_url');
    expect(err.message).not.toContain('s3cret');
    const refused = await scrapeError(probeMetrics({ url: 'http://user:s3cret@127.0.0.1:1/metrics', selectors: [] }));
    expect(refused.kind).toBe('network');
    expect(refused.message).not.toContain('s3cret');
  });
});

describe('exposition reader', () => {
  it('yields to the event loop while reading a large page', async () => {
    const page = Array.from({ length: 10_000 }, (_, i) => `requests_total{handler="/h${i}",code="200"} ${i}`).join('\n');
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const read = await readExposition(page, (name) => name === 'requests_total');
    ticking = false;
    expect(read.samples).toHaveLength(10_000);
    expect(turns).toBeGreaterThan(1);
  });

  it('stops reading when cancelled', async () => {
    const page = Array.from({ length: 10_000 }, (_, i) => `requests_total{handler="/h${i}"} ${i}`).join('\n');
    const controller = new AbortController();
    const reading = readExposition(page, () => true, controller.signal);
    controller.abort(new DOMException('run timed out', 'AbortError'));
    await expect(reading).rejects.toThrow('run timed out');
  });

  it('formats selector keys as PromQL with sorted, escaped labels', () => {
    expect(selectorKey({ name: 'up' })).toBe('up');
    expect(selectorKey({ name: 'x', labels: { z: '1', a: 'say "hi"\\' } })).toBe('x{a="say \\"hi\\"\\\\",z="1"}');
  });
});
