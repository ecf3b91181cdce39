/** How the renderer gets its VigilApi, whichever shell it runs in. */
import type { VigilApi } from '../../src-shared/contract';
import { createBrowserBridge } from './browser-bridge';

let api: VigilApi | undefined;

/** Electron's preload has set window.vigil; in a plain browser the host's endpoints stand in for it. */
export function installVigilApi(): VigilApi {
  api ??= (globalThis as { vigil?: VigilApi }).vigil ?? createBrowserBridge();
  return api;
}
