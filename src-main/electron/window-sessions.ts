/**
 * Which session each app window is signed in with. In Electron the token never
 * goes to the renderer: main keeps it per window (webContents) and adds it to
 * that window's calls, so a compromised page has no credential to exfiltrate.
 */

/** The part of a WebContents the transport needs; tests pass a stub. */
export interface WindowContents {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface AppWindow {
  readonly contents: WindowContents;
  token: string | null;
}

export class WindowSessions {
  private readonly byId = new Map<number, AppWindow>();

  attach(contents: WindowContents): void {
    this.byId.set(contents.id, { contents, token: null });
  }

  /** Forgets the window; returns the token it held so the caller can end that session. */
  detach(id: number): string | null {
    const window = this.byId.get(id);
    this.byId.delete(id);
    return window?.token ?? null;
  }

  get(id: number): AppWindow | undefined {
    return this.byId.get(id);
  }

  /** A snapshot, so delivering an event may change the set (a session ending) without upsetting the loop. */
  all(): AppWindow[] {
    return [...this.byId.values()];
  }

  forgetToken(token: string): void {
    for (const window of this.byId.values()) if (window.token === token) window.token = null;
  }
}
