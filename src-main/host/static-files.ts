/**
 * Serves the built renderer over HTTP. Which file a path names (an app route
 * gets index.html, anything leaving the renderer folder is refused) is decided
 * in security/renderer-files, shared with the Electron app protocol; the
 * statuses, caching and streaming here are the host's own.
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve, sep } from 'node:path';
import { findRendererFile } from '../security';
import { sendText, writeHead } from './responses';

export function createStaticHandler(rendererDir: string) {
  const root = resolve(rendererDir);
  const indexHtml = join(root, 'index.html');

  return async function serveStatic(req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
      return;
    }
    const found = await findRendererFile(root, urlPath);
    if (found.kind === 'outside') {
      sendText(res, 400, 'Bad path.');
      return;
    }
    if (found.kind === 'unbuilt') {
      sendText(res, 503, `The console's screens are not built (no ${indexHtml}). Run \`npm run build\`, or start it with \`npm run console\`.`);
      return;
    }
    if (found.kind === 'missing') {
      sendText(res, 404, 'Not found.');
      return;
    }
    const immutable = found.path.startsWith(join(root, 'assets') + sep);
    writeHead(res, 200, {
      'Content-Type': found.contentType,
      'Content-Length': found.size,
      // Vite puts a content hash in asset names, so they never change; index.html must be re-read.
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(found.path);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };
}
