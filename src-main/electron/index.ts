/**
 * Electron's main process: one window on the app's own scheme, the contract
 * over IPC through the same createVigil the browser host uses, and every way
 * for a page to leave its sandbox switched off.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Notification, protocol, session, shell, webContents } from 'electron';
import { createVigil, type Vigil } from '../app';
import { createLogger } from '../log';
import { APP_SCHEME } from './app-origin';
import { createAppRequestHandler } from './app-protocol';
import { electronDesktopNotifier } from './desktop-notifier';
import { openExternalLink } from './external-links';
import { denyAllPermissions, guardContents } from './hardening';
import { createIpcBridge, type IpcBridge } from './ipc-bridge';
import { savePagePdf } from './pdf-save';
import { createAppWindow } from './window';

const log = createLogger();

// Before 'ready', or it has no effect: a standard, secure scheme gives the page a real origin,
// relative URLs and web storage, as https would, without any file:// privileges.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (app.requestSingleInstanceLock()) {
  start().catch((err: unknown) => fail(err));
} else {
  // Two consoles on one encrypted store would fight over it; the first one gets focus instead (see 'second-instance').
  app.quit();
}

function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  log.error('Vigil could not start', { error: err });
  dialog.showErrorBox('Vigil could not start', message);
  app.exit(1);
}

function confirmOpen(window: BrowserWindow | null, url: URL): Promise<boolean> {
  const options = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: `Open ${url.hostname} in your web browser?`,
    detail: url.href,
  };
  const answer = window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options);
  return answer.then(({ response }) => response === 0);
}

async function start(): Promise<void> {
  const root = app.getAppPath();
  let window: BrowserWindow | null = null;

  const openLink = (url: string) => {
    openExternalLink(url, {
      confirm: (target) => confirmOpen(window, target),
      open: (target) => shell.openExternal(target), // eng-disable OPEN_EXTERNAL_JS_CHECK: allow-listed https hosts only, after the user confirms
      log,
    }).catch((err: unknown) => log.error('opening a link failed', { error: err }));
  };
  app.on('web-contents-created', (_event, contents) => guardContents(contents, openLink));

  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppRequestHandler(join(root, 'out', 'renderer')));

  // better-sqlite3 built for Electron's ABI lives apart from the Node build the tests use
  // (scripts/rebuild-electron-native.mjs); native code loads from outside the asar archive.
  const unpacked = root.replace(/app\.asar$/, 'app.asar.unpacked');
  const vigil: Vigil = await createVigil({
    dataDir: process.env.VIGIL_DATA_DIR || app.getPath('userData'),
    nativeBinding: join(unpacked, 'native', 'electron', 'better_sqlite3.node'),
    log,
    desktop: electronDesktopNotifier(Notification),
  });
  const savePdf = async (id: number, fileName: string) => {
    const contents = webContents.fromId(id);
    if (!contents) return null;
    const owner = BrowserWindow.fromWebContents(contents);
    const options = { defaultPath: join(app.getPath('documents'), fileName), filters: [{ name: 'PDF', extensions: ['pdf'] }] };
    return savePagePdf(contents, fileName, async () => {
      const chosen = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
    });
  };
  const bridge: IpcBridge = createIpcBridge({ ipcMain, vigil, log, savePdf });

  window = createAppWindow({ preload: join(root, 'out', 'preload', 'index.cjs'), devTools: !app.isPackaged, log });
  const contentsId = window.webContents.id;
  bridge.attach(window.webContents);
  window.webContents.once('destroyed', () => bridge.detach(contentsId));
  window.on('closed', () => {
    window = null;
  });

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  // Closing the window signs out and quits on every platform, macOS included: a console near patient
  // data should not keep running with nothing on screen.
  app.on('window-all-closed', () => app.quit());

  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    bridge.dispose();
    vigil
      .close()
      .catch((err: unknown) => log.error('closing the store failed', { error: err }))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}
