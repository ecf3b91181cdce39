/**
 * This workstation's audit chain in the shared database: pushed entry by
 * entry after each sync round (vigil.append_audit checks each links to the
 * one before it and that its hash covers its text), every entry signed with
 * the device key. The shared copy's own last seq is where the next push
 * starts, so nothing local tracks it: a lost answer, a restart or another
 * database all resume at the right entry.
 */
import type pg from 'pg';
import type { ChainEntry } from '../audit';
import type { SecretStore } from '../secrets';
import { loadDeviceKey, signedText, type DeviceKey } from './device-key';

const PAGE = 500;

export interface AuditShareDeps {
  workstation: string;
  secrets: SecretStore;
  entriesAfter: (afterSeq: number, limit: number) => ChainEntry[];
}

export class AuditShare {
  private key: DeviceKey | null = null;

  constructor(private readonly deps: AuditShareDeps) {}

  async push(client: pg.ClientBase): Promise<void> {
    const { workstation, entriesAfter } = this.deps;
    const key = (this.key ??= await loadDeviceKey(this.deps.secrets, workstation));
    await client.query('SELECT vigil.register_device($1, $2)', [workstation, key.publicKey]);
    const { rows } = await client.query<{ seq: string }>('SELECT COALESCE(max(seq), 0) AS seq FROM vigil.audit_entries WHERE workstation = $1', [workstation]);
    let after = Number(rows[0]!.seq);
    for (;;) {
      const page = entriesAfter(after, PAGE);
      for (const e of page) {
        await client.query('SELECT vigil.append_audit($1, $2, $3, $4, $5, $6)', [workstation, e.seq, e.prevHash, e.hash, e.canonical, key.sign(signedText(workstation, e.seq, e.hash))]);
        after = e.seq;
      }
      if (page.length < PAGE) return;
    }
  }
}
