/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, the Secret
 * Service on Linux) through keytar. Every failure becomes a KeychainError that
 * names the cause and the fix; nothing ever falls back to plaintext.
 */
import type * as KeytarModule from 'keytar';
import type { SecretStore } from './secret-store';

type Keytar = typeof KeytarModule;

export type KeychainErrorCode = 'NO_SESSION_BUS' | 'NO_SECRET_SERVICE' | 'LOCKED' | 'UNAVAILABLE';

export class KeychainError extends Error {
  constructor(
    readonly code: KeychainErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'KeychainError';
  }
}

const BACKEND: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'macOS Keychain',
  win32: 'Windows Credential Manager',
  linux: 'Secret Service',
};

function backendName(): string {
  return BACKEND[process.platform] ?? 'OS keychain';
}

// GLib's and libsecret's own wording, as keytar passes it through: no bus
// address and no display to autolaunch one; an address whose socket is gone.
const NO_SESSION_BUS = /Cannot autolaunch D-Bus|Cannot spawn a message bus|Could not connect:/i;
const NO_SECRET_SERVICE = /name org\.freedesktop\.secrets was not provided/i;
// No login collection yet (a keyring daemon nobody unlocked), or a locked one.
const LOCKED = /Object does not exist at path .*\/collection\/login|locked collection/i;

function translate(err: unknown, service: string): KeychainError {
  if (err instanceof KeychainError) return err;
  const text = err instanceof Error ? err.message : String(err);
  const where = `the OS keychain (${backendName()}, service "${service}")`;
  if (NO_SESSION_BUS.test(text)) {
    return new KeychainError(
      'NO_SESSION_BUS',
      `Cannot reach ${where}: there is no D-Bus session bus (${text}). ` +
        'Run Vigil inside a desktop session, or start a session bus with an unlocked keyring for it: ' +
        "dbus-run-session -- sh -c 'gnome-keyring-daemon --unlock --components=secrets < password-file && exec vigil' " +
        '(scripts/with-keyring.sh does this for tests).',
      { cause: err },
    );
  }
  if (NO_SECRET_SERVICE.test(text)) {
    return new KeychainError(
      'NO_SECRET_SERVICE',
      `Cannot reach ${where}: the D-Bus session has no Secret Service (${text}). ` +
        'Install and start gnome-keyring (Debian/Ubuntu: apt-get install gnome-keyring, then ' +
        'gnome-keyring-daemon --start --components=secrets) or KWallet with its Secret Service interface enabled.',
      { cause: err },
    );
  }
  if (LOCKED.test(text)) {
    return new KeychainError(
      'LOCKED',
      `Cannot use ${where}: the keyring is locked or has no "login" collection (${text}). ` +
        'Unlock it (log in to the desktop session, or unlock "Login" in Passwords and Keys/Seahorse, ' +
        'or run gnome-keyring-daemon --unlock and type the keyring password) and try again.',
      { cause: err },
    );
  }
  return new KeychainError('UNAVAILABLE', `Cannot use ${where}: ${text}`, { cause: err });
}

let keytarLoad: Promise<Keytar> | undefined;

// keytar is native: loading it at import time would take down anything that
// merely imports this file on a machine without libsecret or without a build.
function loadKeytar(): Promise<Keytar> {
  keytarLoad ??= import('keytar').then(
    // keytar is CommonJS; Node's ESM loader only exposes its exports under default.
    (mod) => ((mod as { default?: Keytar }).default ?? mod) as Keytar,
    (err: unknown) => {
      const text = err instanceof Error ? err.message : String(err);
      throw new KeychainError(
        'UNAVAILABLE',
        `The OS keychain module (keytar) could not be loaded: ${text}. ` +
          (process.platform === 'linux'
            ? 'Install libsecret (Debian/Ubuntu: apt-get install libsecret-1-0) and, if keytar was never built, ' +
              'install libsecret-1-dev and run npm rebuild keytar.'
            : 'Reinstall Vigil (from source: npm rebuild keytar).'),
        { cause: err },
      );
    },
  );
  return keytarLoad;
}

// One keychain call at a time in this process: libsecret answers a search
// with item paths and then reads each one, so an item deleted in between (by
// another call of ours) fails the whole search.
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(op: () => Promise<T>): Promise<T> {
  const run = queue.then(op, op);
  queue = run.catch(() => undefined);
  return run;
}

// The same race with another process sharing the keyring: the item vanished
// between the search and the read. Searching again sees the new state.
const VANISHED_ITEM = /org\.freedesktop\.Secret\.Item|No such object/i;
const SEARCH_ATTEMPTS = 3;

function requireName(what: string, value: string): void {
  if (!value) throw new TypeError(`Keychain ${what} must be a non-empty string`);
}

export function createKeychain(opts: { service?: string } = {}): SecretStore {
  const service = opts.service ?? 'vigil';
  requireName('service', service);
  const probeService = `${service}.lock-probe`;

  async function call<T>(op: (keytar: Keytar) => Promise<T>): Promise<T> {
    const keytar = await loadKeytar();
    try {
      return await serially(() => op(keytar));
    } catch (err) {
      throw translate(err, service);
    }
  }

  async function search(): Promise<Array<{ account: string }>> {
    const keytar = await loadKeytar();
    for (let attempt = 1; ; attempt++) {
      try {
        return await serially(() => keytar.findCredentials(service));
      } catch (err) {
        const text = err instanceof Error ? err.message : String(err);
        if (attempt >= SEARCH_ATTEMPTS || !VANISHED_ITEM.test(text)) throw translate(err, service);
      }
    }
  }

  // On a locked Secret Service collection libsecret answers reads with
  // "nothing there" (and keytar's findCredentials dereferences the missing
  // secret and segfaults), while a write fails with a clear error. So before
  // trusting an empty answer, or listing, prove the keyring is writable.
  async function assertUnlocked(): Promise<void> {
    if (process.platform !== 'linux') return;
    await call(async (keytar) => {
      await keytar.setPassword(probeService, 'probe', 'probe');
      await keytar.deletePassword(probeService, 'probe');
    });
  }

  return {
    service,
    async get(account) {
      requireName('account', account);
      const value = await call((keytar) => keytar.getPassword(service, account));
      if (value === null) await assertUnlocked();
      return value;
    },
    async set(account, value) {
      requireName('account', account);
      // keytar refuses empty passwords; an empty secret is a caller bug, not something to store.
      if (!value) {
        throw new TypeError(`Keychain value for "${account}" must be a non-empty string; use delete() to remove it`);
      }
      await call((keytar) => keytar.setPassword(service, account, value));
    },
    async delete(account) {
      requireName('account', account);
      const deleted = await call((keytar) => keytar.deletePassword(service, account));
      if (!deleted) await assertUnlocked();
      return deleted;
    },
    async list() {
      await assertUnlocked();
      const credentials = await search();
      // The same account can sit in more than one collection.
      return [...new Set(credentials.map((c) => c.account))].sort();
    },
  };
}
