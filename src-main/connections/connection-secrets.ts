/**
 * A connection's credential in the keychain: one account per kind, under the
 * connection's keychain ref. Which kind a connection needs follows from its
 * auth mode; values are written and read here and go nowhere else.
 */
import type { ConnectionSecret } from '../../src-shared/contract';
import type { AuthMode } from '../../src-shared/connection-config';
import type { EhrSecrets } from '../ehr';
import type { SecretStore } from '../secrets';

export type SecretKind = ConnectionSecret['kind'];

const KIND_BY_MODE: Record<AuthMode, SecretKind | null> = {
  private_key_jwt: 'privateKey',
  client_secret_basic: 'clientSecret',
  client_secret_post: 'clientSecret',
  basic: 'password',
  none: null,
};

const ALL_KINDS: readonly SecretKind[] = ['privateKey', 'clientSecret', 'password'];
const ACCOUNT = /^connection:([^:]+):(privateKey|clientSecret|password)$/;

/** The credential an auth mode signs in with; null when it needs none. */
export function secretKindFor(mode: AuthMode): SecretKind | null {
  return KIND_BY_MODE[mode];
}

export class ConnectionSecrets {
  constructor(private readonly store: SecretStore) {}

  private account(ref: string, kind: SecretKind): string {
    return `connection:${ref}:${kind}`;
  }

  /** Which kinds the keychain holds, per keychain ref, in one keychain call. */
  async inventory(): Promise<Map<string, Set<SecretKind>>> {
    const found = new Map<string, Set<SecretKind>>();
    for (const account of await this.store.list()) {
      const [, ref, kind] = ACCOUNT.exec(account) ?? [];
      if (ref && kind) found.set(ref, (found.get(ref) ?? new Set<SecretKind>()).add(kind as SecretKind));
    }
    return found;
  }

  read(ref: string, kind: SecretKind): Promise<string | null> {
    return this.store.get(this.account(ref, kind));
  }

  write(ref: string, kind: SecretKind, value: string): Promise<void> {
    return this.store.set(this.account(ref, kind), value);
  }

  /** Removes the given kinds (every kind by default). */
  async remove(ref: string, kinds: readonly SecretKind[] = ALL_KINDS): Promise<void> {
    for (const kind of kinds) await this.store.delete(this.account(ref, kind));
  }

  /** Kinds other than the one `mode` uses: what a change of auth mode leaves behind. */
  unusedKinds(mode: AuthMode): SecretKind[] {
    return ALL_KINDS.filter((k) => k !== secretKindFor(mode));
  }

  /** What the FHIR client needs for `mode`, read from the keychain. */
  async forClient(ref: string, mode: AuthMode): Promise<EhrSecrets> {
    const kind = secretKindFor(mode);
    const value = kind ? await this.read(ref, kind) : null;
    return kind && value ? { [kind]: value } : {};
  }
}
