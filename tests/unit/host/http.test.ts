import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../src-main/host/api';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/security/csp';
import { startTestHost, type TestHost } from '../../helpers/start-host';
import { fixtureRenderer, postApi, rawRequest, type RawResponse } from './raw-http';

const ADMIN = { username: 'admin', displayName: 'Ada Admin', password: 'correct horse battery' };
const OPERATOR = { username: 'olive', displayName: 'Olive Operator', role: 'operator', password: 'staple battery horse' } as const;

let host: TestHost;
let rendererDir: string;
let port: string;

beforeAll(async () => {
  rendererDir = fixtureRenderer();
  host = await startTestHost({ rendererDir });
  port = new URL(host.url).port;
});

afterAll(async () => {
  await host?.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

function expectHardened(res: RawResponse): void {
  expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
}

/** POST /api/setup.status with the headers and body sent as given: postApi only ever sends well-formed JSON. */
function postRawApi(headers: Record<string, string>, body: string | Buffer): Promise<RawResponse> {
  return rawRequest(host.url, '/api/setup.status', { method: 'POST', headers, body });
}

function errorCode(res: RawResponse): unknown {
  return (res.json() as { error?: { code?: string } }).error?.code;
}

describe('static files', () => {
  it('serves index.html and assets with their MIME types and the hardening headers', async () => {
    const index = await rawRequest(host.url, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<title>Vigil</title>');
    expectHardened(index);

    const js = await rawRequest(host.url, '/assets/app-1a2b.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expectHardened(js);

    const css = await rawRequest(host.url, '/assets/app-1a2b.css?v=1');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answers app routes with index.html but a missing asset with 404', async () => {
    const route = await rawRequest(host.url, '/settings/users');
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>Vigil</title>');
    expect((await rawRequest(host.url, '/assets/gone-9f9f.js')).status).toBe(404);
  });

  it('refuses paths that climb out of the renderer folder', async () => {
    for (const path of ['/../../../../etc/passwd', '/..%2f..%2f..%2f..%2fetc%2fpasswd', '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/%00index.html']) {
      const res = await rawRequest(host.url, path);
      expect(res.status, path).toBe(400);
      expect(res.body).not.toContain('root:');
      expectHardened(res);
    }
  });

  it('answers HEAD without a body and other methods with 405', async () => {
    const head = await rawRequest(host.url, '/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    const put = await rawRequest(host.url, '/index.html', { method: 'PUT', body: 'x' });
    expect(put.status).toBe(405);
  });

  it('gives a CORS preflight nothing to work with', async () => {
    const preflight = await rawRequest(host.url, '/api/session.login', {
      method: 'OPTIONS',
      headers: { Origin: host.url, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(405);
    expectHardened(preflight);
  });
});

describe('POST /api/<channel>', () => {
  it('runs first setup, login, whoami and an admin action over HTTP', async () => {
    const status = await postApi(host.url, 'setup.status', {});
    expect(status.status).toBe(200);
    expect(status.headers['cache-control']).toBe('no-store');
    expectHardened(status);
    expect(status.json()).toMatchObject({ ok: true, data: { needsAdmin: true } });

    expect((await postApi(host.url, 'setup.createAdmin', ADMIN)).json()).toMatchObject({ ok: true, data: { username: 'admin', role: 'admin' } });
    const login = (await postApi(host.url, 'session.login', { username: ADMIN.username, password: ADMIN.password })).json() as {
      ok: true;
      data: { token: string };
    };
    expect(login.ok).toBe(true);
    const token = login.data.token;

    expect((await postApi(host.url, 'session.whoami', {}, { token })).json()).toMatchObject({ ok: true, data: { user: { username: 'admin' } } });
    expect((await postApi(host.url, 'users.create', OPERATOR, { token })).json()).toMatchObject({ ok: true, data: { username: 'olive', role: 'operator' } });

    const operator = (await postApi(host.url, 'session.login', { username: OPERATOR.username, password: OPERATOR.password })).json() as {
      data: { token: string };
    };
    const refused = await postApi(host.url, 'users.create', { ...OPERATOR, username: 'mallory' }, { token: operator.data.token });
    expect(refused.status).toBe(200);
    expect(errorCode(refused)).toBe('FORBIDDEN');
  });

  it('refuses session channels without a valid Bearer token', async () => {
    for (const authorization of [undefined, 'Bearer not-a-session', 'Bearer ', 'Basic YWRtaW46YWRtaW4=']) {
      const res = await postApi(host.url, 'session.whoami', {}, { headers: authorization ? { Authorization: authorization } : {} });
      expect(res.status).toBe(200);
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
    }
  });

  it('passes unknown channels to the dispatcher', async () => {
    const res = await postApi(host.url, 'no.such.channel', {});
    expect(res.status).toBe(200);
    expect(errorCode(res)).toBe('NOT_FOUND');
  });

  it('answers requests that never reach the dispatcher with their own status', async () => {
    const get = await rawRequest(host.url, '/api/setup.status');
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect(errorCode(get)).toBe('INVALID_INPUT');

    const form = await postRawApi({ 'Content-Type': 'text/plain' }, '{}');
    expect(form.status).toBe(400);
    expect(errorCode(form)).toBe('INVALID_INPUT');

    const broken = await postRawApi({ 'Content-Type': 'application/json; charset=utf-8' }, '{"oops":');
    expect(broken.status).toBe(400);
    expect(errorCode(broken)).toBe('INVALID_INPUT');
  });

  it('refuses a body over 1 MiB, declared or streamed', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
    const declared = await postRawApi({ 'Content-Type': 'application/json' }, big);
    expect(declared.status).toBe(413);
    expect(errorCode(declared)).toBe('INVALID_INPUT');

    const streamed = await postRawApi({ 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }, big);
    expect(streamed.status).toBe(413);
  });
});

describe('origin and host checks', () => {
  it('refuses requests from another origin with 403', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${Number(port) + 1}`, `https://127.0.0.1:${port}`, `${host.url}/path`]) {
      const res = await postApi(host.url, 'setup.status', {}, { headers: { Origin: origin } });
      expect(res.status, origin).toBe(403);
      expect(errorCode(res)).toBe('FORBIDDEN');
      expectHardened(res);
    }
    expect((await rawRequest(host.url, '/', { headers: { Origin: 'http://evil.example' } })).status).toBe(403);
  });

  it('accepts its own origin under each loopback name', async () => {
    for (const name of ['127.0.0.1', 'localhost', '[::1]']) {
      const own = `http://${name}:${port}`;
      const res = await postApi(host.url, 'setup.status', {}, { headers: { Origin: own, Host: `${name}:${port}` } });
      expect(res.status, own).toBe(200);
    }
  });

  it('refuses a Host header that is not its own (DNS rebinding)', async () => {
    for (const hostHeader of ['evil.example', `evil.example:${port}`, `127.0.0.1:${Number(port) + 1}`, `evil.example@127.0.0.1:${port}`, `127.0.0.1:${port}/x`]) {
      const api = await postApi(host.url, 'setup.status', {}, { headers: { Host: hostHeader } });
      expect(api.status, hostHeader).toBe(403);
      expect(errorCode(api)).toBe('FORBIDDEN');
      expect((await rawRequest(host.url, '/', { headers: { Host: hostHeader } })).status).toBe(403);
    }
  });
});
