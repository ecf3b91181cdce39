/** Shared pieces of the connections tests: a sandbox of their own, connection settings, and capture of what Vigil sends out. */
import { exportJWK, exportPKCS8, generateKeyPair, type JSONWebKeySet } from 'jose';
import type { PushedEvent } from '../../../src-main/events';
import type { Logger } from '../../../src-main/log';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src-main/sandbox/sandbox';
import type { ChannelInput, Connection, Diagnostics } from '../../../src-shared/contract';
import type { TestVigil } from '../../helpers/test-vigil';

type ConfigInput = ChannelInput<'connections.create'>['config'];

/** The generic vendor's default scopes (ehr.vendors), which the sandbox grants in full. */
export const SCOPES = ['system/Patient.rs', 'system/Observation.rs', 'system/MedicationRequest.rs', 'system/AuditEvent.rs'];

export function config(name: string, baseUrl: string, extra: Partial<ConfigInput> & Pick<ConfigInput, 'authMode'>): ConfigInput {
  return { name, vendor: 'generic', baseUrl, scopes: SCOPES, ...extra };
}

/** A sandbox the test owns, so it can register clients with it directly. */
export async function ownSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ patients: 5, ...opts });
}

/** Registers a connection's public JWKS with the sandbox, as an admin registers it with the vendor. */
export function registerJwks(sb: Sandbox, c: Connection): void {
  if (!c.publicJwks || !c.config.clientId) throw new Error(`${c.config.name} has no public JWKS or client id`);
  sb.registerClient({ clientId: c.config.clientId, jwks: c.publicJwks as JSONWebKeySet });
}

/** A private key made outside Vigil, as an admin would bring one: PKCS#8 PEM and private JWK. */
export async function outsideKey(alg: 'RS384' | 'ES384', kid?: string): Promise<{ pem: string; jwk: string; d: string }> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), ...(kid ? { kid } : {}) };
  return { pem: await exportPKCS8(privateKey), jwk: JSON.stringify(jwk), d: jwk.d! };
}

/** Every event Vigil pushes, from now on. */
export function recordEvents(vigil: TestVigil): PushedEvent[] {
  const seen: PushedEvent[] = [];
  vigil.events.subscribe((e) => seen.push(e));
  return seen;
}

/** A logger that keeps every call with its raw fields, before the logger's own scrubbing could hide a leak. */
export function rawLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push(JSON.stringify({ level, message, ...fields }, (_k, v: unknown) => (v instanceof Error ? { message: v.message, stack: v.stack } : v)));
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export function statuses(d: Diagnostics): Record<string, string> {
  return Object.fromEntries(d.checks.map((c) => [c.check, c.status]));
}

export function check(d: Diagnostics, id: Diagnostics['checks'][number]['check']) {
  const found = d.checks.find((c) => c.check === id);
  if (!found) throw new Error(`no ${id} check in the run`);
  return found;
}
