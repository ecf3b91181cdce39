import { WALL_HASH } from '../../wall/wall-route';

/** A code as it is best read aloud and typed: K7QM-4XPD. */
export function codeText(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Where the wall's browser goes: this console's address in a browser; in the desktop app, the host's, which this window does not know. */
export function wallAddress(): string | null {
  return window.location.protocol.startsWith('http') ? `${window.location.origin}/${WALL_HASH}` : null;
}
