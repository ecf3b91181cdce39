import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRequestHandler, type AppRequestHandler } from '../../../src-main/electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/security/csp';
import { rendererTree, type RendererTree } from '../../helpers/renderer-tree';

let tree: RendererTree;
let serve: AppRequestHandler;

beforeAll(() => {
  tree = rendererTree();
  serve = createAppRequestHandler(tree.root);
});

afterAll(() => tree.remove());

const get = (url: string) => serve(new Request(url));

describe('the app protocol handler', () => {
  it('serves the app shell with the CSP as a response header', async () => {
    for (const url of ['vigil://app/', 'vigil://app/index.html']) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('<title>Vigil</title>');
    }
  });

  it.each([
    ['assets/app.js', 'text/javascript; charset=utf-8'],
    ['assets/app.css', 'text/css; charset=utf-8'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/inter.woff2', 'font/woff2'],
    ['assets/blob.xyz', 'application/octet-stream'],
  ])('serves %s as %s', async (path, type) => {
    const res = await get(`vigil://app/${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    'vigil://app/..%2Fsecret.txt',
    'vigil://app/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    'vigil://app/assets/..%2F..%2Fsecret.txt',
    'vigil://app/%2e%2e%2fsecret.txt',
    'vigil://app/..%2Frenderer-private%2Fsecret.txt',
    'vigil://app/..%5Csecret.txt',
    'vigil://app/index.html%00.js',
    'vigil://app/%E0%A4%A',
  ])('refuses %s', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('secret');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('never serves a file above the root even where the URL parser folds the dots', async () => {
    // new URL() turns /../secret.txt into /secret.txt, which is inside the root and does not exist there.
    const res = await get('vigil://app/../secret.txt');
    expect(res.status).toBe(404);
  });

  it('answers a missing asset with 404 but a client-side route with the app shell', async () => {
    expect((await get('vigil://app/assets/missing.js')).status).toBe(404);
    const route = await get('vigil://app/triage');
    expect(route.status).toBe(200);
    expect(route.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('serves only its own host and only GET', async () => {
    expect((await get('vigil://elsewhere/index.html')).status).toBe(404);
    expect((await serve(new Request('vigil://app/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
