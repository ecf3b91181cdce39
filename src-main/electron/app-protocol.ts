/**
 * Serves the built renderer (out/renderer) on the app's custom scheme. Plain
 * Node, so it is tested without Electron. Every response carries the CSP as a
 * header, which (unlike a <meta> tag) also covers the very first script and
 * cannot be dropped by editing the HTML.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { APP_HOST } from './app-origin';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

const BASE_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
};

export type AppRequestHandler = (request: Request) => Promise<Response>;

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The file under root a URL path names, or null when it would leave root. */
function fileFor(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // An encoded NUL or backslash has no business in a bundle path; both are classic traversal tricks.
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const file = resolve(root, '.' + (decoded.endsWith('/') ? decoded + 'index.html' : decoded));
  const inside = relative(root, file);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? file : null;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

export function createAppRequestHandler(rendererDir: string): AppRequestHandler {
  const root = resolve(rendererDir);

  return async (request) => {
    if (request.method !== 'GET') return plain(405, 'Method not allowed');
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return plain(404, 'Not found');

    let file = fileFor(root, url.pathname);
    if (file === null) return plain(403, 'Forbidden');
    if (!(await isFile(file))) {
      // A client-side route (no extension) reloaded by the user gets the app shell; a missing asset is a 404.
      file = resolve(root, 'index.html');
      if (extname(url.pathname) !== '' || !(await isFile(file))) return plain(404, 'Not found');
    }

    const body = await readFile(file);
    const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(body, { status: 200, headers: { ...BASE_HEADERS, 'Content-Type': type } });
  };
}
