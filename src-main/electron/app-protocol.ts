/**
 * Serves the built renderer (out/renderer) on the app's custom scheme. Plain
 * Node, so it is tested without Electron. Every response carries the CSP as a
 * header, which (unlike a <meta> tag) also covers the very first script and
 * cannot be dropped by editing the HTML.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../security';
import { findRendererFile } from '../security';
import { APP_HOST } from './app-origin';

const BASE_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
};

export type AppRequestHandler = (request: Request) => Promise<Response>;

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

export function createAppRequestHandler(rendererDir: string): AppRequestHandler {
  const root = resolve(rendererDir);

  return async (request) => {
    if (request.method !== 'GET') return plain(405, 'Method not allowed');
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return plain(404, 'Not found');

    const found = await findRendererFile(root, url.pathname);
    if (found.kind === 'outside') return plain(403, 'Forbidden');
    if (found.kind !== 'file') return plain(404, 'Not found');
    const body = await readFile(found.path);
    return new Response(body, { status: 200, headers: { ...BASE_HEADERS, 'Content-Type': found.contentType } });
  };
}
