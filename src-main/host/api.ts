/**
 * POST /api/<channel>: the HTTP face of the dispatcher. The body is the
 * channel's input as JSON, the session token comes as a Bearer token, and the
 * reply is the dispatcher's envelope, always with status 200; other statuses
 * mean the request never reached the dispatcher.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallSource, Dispatch } from '../dispatch';
import { sendError, sendJson } from './responses';

export const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +([A-Za-z0-9_-]{1,512})$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolvePromise(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function createApiHandler(dispatch: Dispatch) {
  return async function serveApi(req: IncomingMessage, res: ServerResponse, channel: string, source: CallSource): Promise<void> {
    if (req.method !== 'POST') {
      sendError(res, 405, { code: 'INVALID_INPUT', message: 'Call the API with POST.' }, { Allow: 'POST' });
      return;
    }
    // A cross-site HTML form cannot send application/json, so this is a second
    // fence (after the Origin check) against pages posting to the console.
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (contentType !== 'application/json') {
      sendError(res, 400, { code: 'INVALID_INPUT', message: 'Send the input as JSON (Content-Type: application/json).' });
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (err) {
      if (!(err instanceof BodyTooLarge)) throw err;
      sendError(res, 413, { code: 'INVALID_INPUT', message: `The input is larger than ${MAX_BODY_BYTES} bytes.` }, { Connection: 'close' });
      // Discard the rest unread (the server's request timeout bounds it), so a client
      // still sending gets to read the 413 instead of a reset connection.
      req.resume();
      return;
    }
    let input: unknown;
    try {
      input = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch {
      sendError(res, 400, { code: 'INVALID_INPUT', message: 'The request body is not valid JSON.' });
      return;
    }
    // The source is the socket's peer as the host classified it, never a header a client could write.
    const envelope = await dispatch(channel, input, { token: bearerToken(req.headers.authorization), source });
    sendJson(res, 200, envelope);
  };
}
