import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRendererFile } from '../../../src-main/security/renderer-files';
import { rendererTree, type RendererTree } from '../../helpers/renderer-tree';

let tree: RendererTree;
let root: string;
let unbuilt: string;

beforeAll(() => {
  tree = rendererTree();
  root = tree.root;
  unbuilt = mkdtempSync(join(tmpdir(), 'vigil-unbuilt-'));
});

afterAll(() => {
  tree.remove();
  rmSync(unbuilt, { recursive: true, force: true });
});

describe('findRendererFile', () => {
  it.each([
    ['/assets/app.js', 'assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/logo.svg', 'assets/logo.svg', 'image/svg+xml'],
    ['/assets/blob.xyz', 'assets/blob.xyz', 'application/octet-stream'],
    ['/', 'index.html', 'text/html; charset=utf-8'],
    ['/index.html', 'index.html', 'text/html; charset=utf-8'],
  ])('finds %s', async (urlPath, file, contentType) => {
    const path = join(root, file);
    expect(await findRendererFile(root, urlPath)).toEqual({ kind: 'file', path, contentType, size: statSync(path).size });
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
