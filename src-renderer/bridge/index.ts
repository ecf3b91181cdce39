/** How the renderer reaches main, whichever shell it runs in. */
import type { VigilApi } from '../../src-shared/contract';
import { createBrowserBridge } from './browser-bridge';
import { ALWAYS_LIVE, type LiveSource } from './live-updates';

export interface Transport {
  api: VigilApi;
  /** Whether main's events are reaching the page. */
  live: LiveSource;
}

let transport: Transport | undefined;

/**
 * Electron's preload has set window.vigil (IPC: always live); in a plain
 * browser the host's endpoints stand in for it, installed as window.vigil
 * too, so both shells offer the page the same object.
 */
export function installTransport(): Transport {
  const scope = globalThis as { vigil?: VigilApi };
  if (!transport) {
    if (scope.vigil) {
      transport = { api: scope.vigil, live: ALWAYS_LIVE };
    } else {
      const bridge = createBrowserBridge();
      Object.defineProperty(scope, 'vigil', { value: bridge, enumerable: true });
      transport = { api: bridge, live: bridge.live };
    }
  }
  return transport;
}
