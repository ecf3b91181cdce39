/**
 * What every webContents and session gets before it shows anything: no
 * navigation away from the app, no new windows, no <webview>, and no web
 * permission (camera, notifications, geolocation, clipboard reads, …) granted
 * to a page. The console needs none of them; desktop notifications come from
 * the main process.
 */

/** The parts of Electron's WebContents the guard uses; a test passes a stub. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: { url: string; preventDefault(): void }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The parts of Electron's Session the permission lock uses. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

/** openLink decides whether a link may leave the app (see external-links.ts). */
export function guardContents(contents: GuardedContents, openLink: (url: string) => void): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openLink(event.url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    openLink(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
