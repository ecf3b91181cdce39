/**
 * The chain's tip kept outside the database, in the OS keychain, so that a
 * database that lost its newest entries (rollback.ts) can be told from one
 * that never had them. One account per data folder (Store.keychainAccount),
 * holding {"seq":N,"hash":"<hex>"}.
 *
 * It follows the appends a moment behind (DELAY_MS): a burst of appends is
 * one keychain write. A crash in that moment can lose the last entries
 * without the anchor knowing of them; close() writes the final tip.
 */
import type { Logger } from '../log';
import type { SecretStore } from '../secrets';
import type { ChainTip } from './rollback';

/** How far the anchor may trail the appends. */
export const ANCHOR_DELAY_MS = 1_000;

const HASH = /^[0-9a-f]{64}$/;

export class ChainAnchor {
  /** The newest tip not yet handed to the keychain. */
  private latest: ChainTip | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Keychain writes one after another, so an older tip never lands after a newer one. */
  private writing: Promise<void> = Promise.resolve();
  private written: ChainTip | null = null;

  constructor(
    private readonly secrets: SecretStore,
    private readonly account: string,
    private readonly log: Logger,
    private readonly delayMs = ANCHOR_DELAY_MS,
  ) {}

  /**
   * The anchored tip; null when there is none yet. An entry that is not an
   * anchor (edited by hand) counts as none: whoever can edit the keychain
   * can as well delete the entry, so this check cannot stand against them.
   */
  async read(): Promise<ChainTip | null> {
    const text = await this.secrets.get(this.account);
    if (text === null) return null;
    try {
      const value = JSON.parse(text) as { seq?: unknown; hash?: unknown };
      if (Number.isSafeInteger(value.seq) && (value.seq as number) >= 0 && typeof value.hash === 'string' && HASH.test(value.hash)) {
        this.written = { seq: value.seq as number, hash: value.hash };
        return this.written;
      }
    } catch {
      // Not JSON: as unreadable as a wrong shape.
    }
    this.log.warn('the audit anchor in the keychain is unreadable; it is written anew', { account: this.account });
    return null;
  }

  /** The last tip the keychain holds, as far as this process knows. */
  anchoredSeq(): number | null {
    return this.written?.seq ?? null;
  }

  /** After appends: the keychain has this tip within the delay. */
  moved(tip: ChainTip): void {
    this.latest = tip;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch((err: unknown) => this.log.error('writing the audit anchor failed; it is tried again after the next entry', { error: err }));
    }, this.delayMs);
    // A pending write never keeps the process alive; close() flushes it.
    this.timer.unref?.();
  }

  /** Writes the newest tip now; resolves once the keychain holds it. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const tip = this.latest;
    if (!tip) return this.writing;
    this.latest = null;
    const write = async () => {
      try {
        await this.secrets.set(this.account, JSON.stringify({ seq: tip.seq, hash: tip.hash }));
        this.written = tip;
      } catch (err) {
        this.latest ??= tip;
        throw err;
      }
    };
    this.writing = this.writing.then(write, write);
    return this.writing;
  }
}
