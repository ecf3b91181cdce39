/**
 * HTTP requests exactly as written: fetch normalises paths and will not send
 * a made-up Host header, and these tests need both.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkServerIdentity } from 'node:tls';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  json(): unknown;
}

export function rawRequest(
  baseUrl: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer; ca?: string; localAddress?: string } = {},
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: opts.method ?? 'GET',
        headers: opts.headers,
        ca: opts.ca,
        // Another loopback address (127.0.0.2) stands in for a remote computer where the host is told so.
        localAddress: opts.localAddress,
        // The certificate is checked against the address connected to, not the Host header under test.
        checkServerIdentity: (_name, cert) => checkServerIdentity(url.hostname, cert),
        // Each test request on its own connection, so none outlives the host.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) as unknown });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** POST /api/<channel> with a JSON body, as the browser bridge sends it. */
export function postApi(
  baseUrl: string,
  channel: string,
  input: unknown,
  opts: { token?: string; headers?: Record<string, string>; ca?: string; localAddress?: string } = {},
): Promise<RawResponse> {
  return rawRequest(baseUrl, `/api/${channel}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
    body: JSON.stringify(input),
    ca: opts.ca,
    localAddress: opts.localAddress,
  });
}

/** A stand-in for out/renderer: an index.html and two hashed assets. */
export function fixtureRenderer(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-renderer-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Vigil</title><script type="module" src="/assets/app-1a2b.js"></script>');
  writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log("vigil");');
  writeFileSync(join(dir, 'assets', 'app-1a2b.css'), 'body { margin: 0 }');
  return dir;
}
