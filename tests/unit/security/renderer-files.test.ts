import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRendererFile } from '../../../src-main/security/renderer-files';

let base: string;
let root: string;
let unbuilt: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'vigil-renderer-files-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {}');
  writeFileSync(join(root, 'assets', 'Logo.PNG'), 'png');
  writeFileSync(join(root, 'assets', 'blob.xyz'), 'bytes');
  // A sibling whose name starts like the root: a bare prefix test would take it for inside.
  mkdirSync(join(base, 'renderer-private'));
  writeFileSync(join(base, 'renderer-private', 'secret.txt'), 'secret');
  writeFileSync(join(base, 'secret.txt'), 'secret');
  unbuilt = join(base, 'empty');
  mkdirSync(unbuilt);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('findRendererFile', () => {
  it.each([
    ['/assets/app.js', 'assets/app.js', 'text/javascript; charset=utf-8', 9],
    ['/assets/Logo.PNG', 'assets/Logo.PNG', 'image/png', 3],
    ['/assets/blob.xyz', 'assets/blob.xyz', 'application/octet-stream', 5],
    ['/', 'index.html', 'text/html; charset=utf-8', 15],
    ['/index.html', 'index.html', 'text/html; charset=utf-8', 15],
  ])('finds %s', async (urlPath, file, contentType, size) => {
    expect(await findRendererFile(root, urlPath)).toEqual({ kind: 'file', path: join(root, file), contentType, size });
  });

  it('answers a client-side route, or a folder, with the app shell', async () => {
    for (const urlPath of ['/triage', '/settings/users', '/assets', '/assets/']) {
      expect(await findRendererFile(root, urlPath), urlPath).toMatchObject({ kind: 'file', path: join(root, 'index.html') });
    }
  });

  it('tells a missing asset from a renderer that is not built', async () => {
    expect(await findRendererFile(root, '/assets/gone.js')).toEqual({ kind: 'missing' });
    expect(await findRendererFile(unbuilt, '/triage')).toEqual({ kind: 'unbuilt' });
    expect(await findRendererFile(unbuilt, '/')).toEqual({ kind: 'unbuilt' });
  });

  it.each([
    '/../secret.txt',
    '/..%2Fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2F..%2Fsecret.txt',
    '/..%2Frenderer-private%2Fsecret.txt',
    '/..%5Csecret.txt',
    '/assets%5Capp.js',
    '/index.html%00.js',
    '/%E0%A4%A',
  ])('refuses %s', async (urlPath) => {
    expect(await findRendererFile(root, urlPath)).toEqual({ kind: 'outside' });
  });
});
