/**
 * Which file of the built renderer (out/renderer) a URL path names. The
 * Electron app protocol and the browser host both serve that folder; they
 * share this so that what counts as leaving it is decided in one place, and
 * each builds its own responses from the answer.
 */
import { stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';

const MIME_TYPES: Readonly<Record<string, string>> = {
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

export type RendererFile =
  | { kind: 'file'; path: string; size: number; contentType: string }
  /** The path would leave the renderer folder, or does not decode to a path at all. */
  | { kind: 'outside' }
  /** An asset (the path has an extension) that is not there. */
  | { kind: 'missing' }
  /** An app route, but there is no index.html to answer it with: the renderer is not built. */
  | { kind: 'unbuilt' };

/** The file under root a URL path names, or null when it would leave root. */
function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // An encoded NUL or backslash has no business in a bundle path; both are classic traversal tricks.
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const base = resolve(root);
  const file = resolve(base, '.' + (decoded.endsWith('/') ? decoded + 'index.html' : decoded));
  // relative() rather than a prefix test, so a sibling such as renderer-private/ is not taken for inside.
  const inside = relative(base, file);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? file : null;
}

async function fileSize(path: string): Promise<number | null> {
  return stat(path).then(
    (s) => (s.isFile() ? s.size : null),
    () => null,
  );
}

/**
 * The file to answer urlPath with. A path with no extension that names no file
 * is a client-side route (the renderer routes on the client) and gets
 * index.html; a missing path with an extension is a missing asset, since
 * answering it with HTML would hide the error behind a MIME-type mismatch.
 */
export async function findRendererFile(root: string, urlPath: string): Promise<RendererFile> {
  let path = resolveInside(root, urlPath);
  if (path === null) return { kind: 'outside' };
  let size = await fileSize(path);
  if (size === null) {
    if (extname(urlPath) !== '') return { kind: 'missing' };
    path = resolve(root, 'index.html');
    size = await fileSize(path);
    if (size === null) return { kind: 'unbuilt' };
  }
  return { kind: 'file', path, size, contentType: MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream' };
}
