/**
 * One GET of a Prometheus endpoint: bounded in time (connect, headers, body
 * and the whole exchange) and in size, so a stuck or runaway exporter cannot
 * hold a probe slot or fill the main process's memory.
 */
import { request, type Dispatcher } from 'undici';
import { OutboundRefusedError } from '../../net';

export type ScrapeFailure = 'invalid_url' | 'refused' | 'timeout' | 'network' | 'http' | 'too_large';

export class MetricsScrapeError extends Error {
  readonly kind: ScrapeFailure;
  readonly status?: number;
  constructor(kind: ScrapeFailure, message: string, status?: number) {
    super(message);
    this.name = 'MetricsScrapeError';
    this.kind = kind;
    this.status = status;
  }
}

export interface ScrapeOptions {
  url: string;
  timeoutMs: number;
  maxBytes: number;
  /** The caller's cancellation (the scheduler's run timeout); the scrape then rejects with its reason. */
  signal?: AbortSignal;
  /** The monitor's, which applies the outbound rules; undici's global one otherwise. */
  dispatcher?: Dispatcher;
}

export interface Scraped {
  text: string;
  bytes: number;
}

// Asking for the classic text format keeps exporters that speak OpenMetrics
// from sending exemplars and "# EOF", which the 0.0.4 grammar does not have.
const ACCEPT = 'text/plain;version=0.0.4;q=1,*/*;q=0.1';

function endpoint(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MetricsScrapeError('invalid_url', 'the metrics URL is not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new MetricsScrapeError('invalid_url', 'the metrics URL must be http or https');
  }
  return parsed;
}

// The URL may carry credentials, so no message here quotes it or undici's text.
function transportFailure(err: unknown, timedOut: boolean, timeoutMs: number): MetricsScrapeError {
  if (err instanceof MetricsScrapeError) return err;
  if (err instanceof OutboundRefusedError) return new MetricsScrapeError('refused', err.message);
  const code = (err as { code?: string }).code ?? '';
  if (timedOut || /TIMEOUT/.test(code)) return new MetricsScrapeError('timeout', `no complete response within ${timeoutMs} ms`);
  return new MetricsScrapeError('network', `request failed (${code || (err as Error).name || 'unknown error'})`);
}

// Destroying an undici body makes it emit an abort error; nothing reads it any more.
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined).destroy();
}

export async function scrape(opts: ScrapeOptions): Promise<Scraped> {
  const url = endpoint(opts.url);
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  try {
    const res = await request(url, {
      ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
      method: 'GET',
      headers: { accept: ACCEPT },
      signal,
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
    });
    if (res.statusCode < 200 || res.statusCode > 299) {
      await res.body.dump();
      throw new MetricsScrapeError('http', `the endpoint answered HTTP ${res.statusCode}`, res.statusCode);
    }
    const tooLarge = () => new MetricsScrapeError('too_large', `the page is larger than ${opts.maxBytes} bytes`);
    if (Number(res.headers['content-length'] ?? 0) > opts.maxBytes) {
      discard(res.body);
      throw tooLarge();
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of res.body) {
      bytes += (chunk as Buffer).length;
      if (bytes > opts.maxBytes) {
        discard(res.body);
        throw tooLarge();
      }
      chunks.push(chunk as Buffer);
    }
    return { text: Buffer.concat(chunks).toString('utf8'), bytes };
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    throw transportFailure(err, timeout.aborted, opts.timeoutMs);
  }
}
