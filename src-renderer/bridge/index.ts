/** How the renderer gets its VigilApi, whichever shell it runs in. */
import type { VigilApi } from '../../src-shared/contract';
import { createBrowserBridge } from './browser-bridge';

let api: VigilApi | undefined;

/**
 * Electron's preload has set window.vigil; in a plain browser the host's
 * endpoints stand in for it, installed as window.vigil too, so both shells
 * offer the page the same object.
 */
export function installVigilApi(): VigilApi {
  const scope = globalThis as { vigil?: VigilApi };
  api ??= scope.vigil ?? createBrowserBridge();
  if (!scope.vigil) Object.defineProperty(scope, 'vigil', { value: api, enumerable: true });
  return api;
}
