/**
 * The folders Vigil ships under resources/ (knowledge-base articles,
 * runbooks), found by walking up from this module's own location to the
 * project root: from src-main as source, from out/main (or a chunk below it)
 * bundled, and inside the packaged app's archive (electron-builder.yml lists
 * each folder).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const LEVELS_UP = 5;

export function shippedResourceDir(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < LEVELS_UP; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'resources', name);
    if (existsSync(candidate)) return candidate;
  }
  return resolve('resources', name);
}
