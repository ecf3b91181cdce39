/**
 * A stand-in for out/renderer for the tests of serving it: the app shell,
 * assets of several types, and secrets beside the folder that no request may
 * reach, one of them in a sibling whose name starts like the folder's (a bare
 * prefix test would take it for inside).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RendererTree {
  root: string;
  remove(): void;
}

export function rendererTree(): RendererTree {
  const base = mkdtempSync(join(tmpdir(), 'vigil-renderer-tree-'));
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Vigil</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {}');
  writeFileSync(join(root, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(root, 'assets', 'inter.woff2'), 'font');
  writeFileSync(join(root, 'assets', 'blob.xyz'), 'bytes');
  mkdirSync(join(base, 'renderer-private'));
  writeFileSync(join(base, 'renderer-private', 'secret.txt'), 'secret');
  writeFileSync(join(base, 'secret.txt'), 'secret');
  return { root, remove: () => rmSync(base, { recursive: true, force: true }) };
}
