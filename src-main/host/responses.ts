/**
 * Every response the host sends carries the same hardening headers, and none
 * ever carries Access-Control-*: the API is for the console's own page only,
 * so other origins get no way to read it.
 */
import type { ServerResponse } from 'node:http';
import type { Envelope, ErrorBody } from '../../src-shared/errors';
import { CONTENT_SECURITY_POLICY } from '../security';

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  // Keeps other sites from pulling the console's files into their own pages.
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export function writeHead(res: ServerResponse, status: number, headers: Record<string, string | number> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers });
}

export function sendJson(res: ServerResponse, status: number, body: Envelope<unknown>, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  writeHead(res, status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    // Replies hold account data and PHI: never keep them in a browser or proxy cache.
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, error: ErrorBody, headers: Record<string, string> = {}): void {
  sendJson(res, status, { ok: false, error }, headers);
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  writeHead(res, status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}
