/**
 * Opaque access tokens and what each one grants, held in memory for their
 * lifetime. Opaque on purpose: a client must not read meaning into a token,
 * and real EHRs (Epic among them) issue tokens clients cannot decode.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';

export interface Grant {
  clientId: string;
  scopes: string[];
  expiresAt: number;
}

export class TokenStore {
  private readonly grants = new Map<string, Grant>();

  constructor(private readonly clock: Clock) {}

  issue(clientId: string, scopes: string[], ttlSeconds: number): string {
    const now = this.clock.now();
    for (const [token, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(token);
    const token = randomBytes(32).toString('base64url');
    this.grants.set(token, { clientId, scopes, expiresAt: now + ttlSeconds * 1000 });
    return token;
  }

  /** The grant behind a token that exists and has not expired. */
  check(token: string): Grant | undefined {
    const grant = this.grants.get(token);
    return grant && grant.expiresAt > this.clock.now() ? grant : undefined;
  }
}
