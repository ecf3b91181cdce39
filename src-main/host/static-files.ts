/**
 * Serves the built renderer. Paths that do not name a file but look like an
 * app route get index.html (the renderer routes on the client); anything that
 * would resolve outside the renderer folder is refused.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { sendText, writeHead } from './responses';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
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
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

async function fileSize(path: string): Promise<number | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}

/** The file a URL path names inside root, or null when it would leave root. */
function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const target = resolve(base, `./${decoded}`);
  return target === base || target.startsWith(base + sep) ? target : null;
}

export function createStaticHandler(rendererDir: string) {
  const root = resolve(rendererDir);
  const indexHtml = join(root, 'index.html');

  return async function serveStatic(req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
      return;
    }
    const target = resolveInside(root, urlPath);
    if (target === null) {
      sendText(res, 400, 'Bad path.');
      return;
    }
    let file = target;
    let size = await fileSize(file);
    // A missing path with a file extension is a missing asset, not an app route:
    // answering it with HTML would hide the error behind a MIME-type mismatch.
    if (size === null && extname(urlPath) === '') {
      file = indexHtml;
      size = await fileSize(file);
      if (size === null) {
        sendText(res, 503, `The console's screens are not built (no ${indexHtml}). Run \`npm run build\`, or start it with \`npm run console\`.`);
        return;
      }
    }
    if (size === null) {
      sendText(res, 404, 'Not found.');
      return;
    }
    const immutable = file.startsWith(join(root, 'assets') + sep);
    writeHead(res, 200, {
      'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': size,
      // Vite puts a content hash in asset names, so they never change; index.html must be re-read.
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };
}
