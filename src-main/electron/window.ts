/** The console's one window: the renderer on the app scheme, in a sandbox with only the preload's bridge. */
import { BrowserWindow } from 'electron';
import type { Logger } from '../log';
import { APP_ENTRY_URL } from './app-origin';

export function createAppWindow(opts: { preload: string; devTools: boolean; log: Logger }): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Vigil',
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    // Shown once painted, so a wall display never flashes an empty frame.
    show: false,
    webPreferences: {
      preload: opts.preload, // eng-disable PRELOAD_JS_CHECK: it exposes only window.vigil, limited to the contract's names
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would ask for a new window; the open handler denies it anyway, this stops it being asked.
      disableBlinkFeatures: 'Auxclick',
      devTools: opts.devTools,
    },
  });
  window.once('ready-to-show', () => window.show());
  window
    .loadURL(APP_ENTRY_URL)
    .catch((err: unknown) => opts.log.error('the window could not load the console', { error: err }));
  return window;
}
