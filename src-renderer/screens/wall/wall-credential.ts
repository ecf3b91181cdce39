/**
 * What a wall's browser keeps (localStorage, so it outlives the browser
 * restarting): a secret it made itself, and the display token pairing gave
 * it. Only the two together open a display session, so a copied token is
 * no use without this browser's storage.
 */
export interface WallCredential {
  secret: string;
  /** null until paired, and again once the display is removed. */
  displayToken: string | null;
}

const KEY = 'vigil.wall';
const CREDENTIAL = /^[A-Za-z0-9_-]{43,128}$/;

function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function isCredential(value: unknown): value is WallCredential {
  if (typeof value !== 'object' || value === null) return false;
  const { secret, displayToken } = value as Record<string, unknown>;
  return typeof secret === 'string' && CREDENTIAL.test(secret) && (displayToken === null || (typeof displayToken === 'string' && CREDENTIAL.test(displayToken)));
}

export function saveCredential(credential: WallCredential): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(credential));
  } catch {
    // Storage refused: the wall works until the page is reloaded, then asks for a code again.
  }
}

/** The browser's credential, a new secret (and no token) the first time. */
export function loadCredential(): WallCredential {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (isCredential(stored)) return stored;
  } catch {
    // Unreadable: start again.
  }
  const fresh = { secret: newSecret(), displayToken: null };
  saveCredential(fresh);
  return fresh;
}
