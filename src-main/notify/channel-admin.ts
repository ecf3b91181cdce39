/**
 * Adding, changing and removing notification channels. Settings go to the
 * store, the channel's secret to the keychain, and the rules that keep the
 * two consistent live here: a kind that sends with a secret is never saved
 * without one, a change that makes the stored secret meaningless needs a new
 * one, and a secret nothing uses any more is removed. Each change comes back
 * with its PHI-free, secret-free facts for the audit entry.
 */
import { randomUUID } from 'node:crypto';
import type { ChannelSettings, NotifyChannel } from '../../src-shared/contract';
import type { Clock } from '../clock';
import { DispatchError } from '../dispatch';
import type { Logger } from '../log';
import type { SecretStore } from '../secrets';
import type { ChannelHealth } from './channel-health';
import type { ChannelRepo, StoredChannel } from './channel-repo';
import { CHANNEL_SECRET_KINDS, channelSecretAccount, secretKindFor, secretLabel, type ChannelConfig } from './channels';
import type { OutboundGuard } from '../net';
import { acceptedSecret, invalidSecret, refusedHost } from './secret-input';

export interface ChannelAdminDeps {
  repo: ChannelRepo;
  secrets: SecretStore;
  health(channelId: string): ChannelHealth;
  clock: Clock;
  log: Logger;
  outbound: OutboundGuard;
}

/** A saved channel and what changed, for the audit entry: names and kinds, never a secret. */
export interface SavedChannel {
  channel: NotifyChannel;
  detail: Record<string, unknown>;
}

type Undo = () => Promise<void>;

/** The hosts a channel's settings name, checked against the outbound rules before they are saved. */
function checkHosts(settings: ChannelSettings, outbound: OutboundGuard): void {
  if (settings.kind === 'pagerduty' && settings.eventsUrl) refusedHost(() => outbound.checkUrl(settings.eventsUrl!), ['settings', 'eventsUrl']);
  if (settings.kind === 'email') refusedHost(() => outbound.checkHost(settings.host), ['settings', 'host']);
}

/** The secret a channel with these settings needs, or a refusal of one it cannot use. */
function neededSecret(settings: ChannelConfig, secret: string | undefined, outbound: OutboundGuard) {
  const kind = secretKindFor(settings);
  if (kind === null && secret !== undefined) {
    throw invalidSecret(
      settings.kind === 'email'
        ? 'Without a user the relay is used unauthenticated: enter the user too, or leave the password out.'
        : 'This kind of channel keeps no secret; leave it out.',
    );
  }
  return { kind, value: kind === null || secret === undefined ? undefined : acceptedSecret(kind, secret, outbound) };
}

/**
 * Whether the stored secret still means the same after a change: a Slack
 * URL is no webhook receiver, a routing key no URL, and an SMTP password
 * belongs to its user.
 */
function sameCredential(before: StoredChannel, after: ChannelConfig): boolean {
  if (before.kind !== after.kind || secretKindFor(before) !== secretKindFor(after)) return false;
  return before.kind !== 'email' || after.kind !== 'email' || before.user === after.user;
}

function changedFields(before: StoredChannel, after: ChannelSettings): string[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  fields.delete('id');
  const value = (c: object, field: string) => JSON.stringify((c as Record<string, unknown>)[field]);
  return [...fields].filter((f) => value(before, f) !== value(after, f)).sort();
}

const notFound = (id: string) => new DispatchError('NOT_FOUND', `There is no notification channel ${id}; it may have been removed.`);

export class ChannelAdmin {
  constructor(private readonly deps: ChannelAdminDeps) {}

  async list(): Promise<NotifyChannel[]> {
    const held = await this.heldAccounts();
    return this.deps.repo.list().map((c) => this.present(c, held));
  }

  require(id: string): StoredChannel {
    const found = this.deps.repo.get(id);
    if (!found) throw notFound(id);
    return found;
  }

  /** Keychain first, then the row; a row that cannot be written takes the keychain entry back with it. */
  async create(settings: ChannelSettings, secret: string | undefined): Promise<SavedChannel> {
    const id = randomUUID();
    checkHosts(settings, this.deps.outbound);
    const { kind, value } = neededSecret({ ...settings, id }, secret, this.deps.outbound);
    if (kind !== null && value === undefined) throw invalidSecret(`Enter the ${secretLabel(kind)}; it is kept in the keychain.`);
    const undo = kind !== null && value !== undefined ? await this.storeSecret(channelSecretAccount(id, kind), value) : undefined;
    await this.orUndo(undo, () => this.deps.repo.insert(id, settings, this.deps.clock.now()));
    return { channel: await this.saved(id), detail: { name: settings.name, kind: settings.kind, secret: kind } };
  }

  /** A given secret replaces the stored one; without one, the stored one stays if it still fits. */
  async update(id: string, settings: ChannelSettings, secret: string | undefined): Promise<SavedChannel> {
    const before = this.require(id);
    const after: ChannelConfig = { ...settings, id };
    checkHosts(settings, this.deps.outbound);
    const { kind, value } = neededSecret(after, secret, this.deps.outbound);
    if (kind !== null && value === undefined && !sameCredential(before, after)) {
      throw invalidSecret(`Enter the ${secretLabel(kind)} for the changed settings; the stored one does not fit them.`);
    }
    const undo = kind !== null && value !== undefined ? await this.storeSecret(channelSecretAccount(id, kind), value) : undefined;
    await this.orUndo(undo, () => {
      if (!this.deps.repo.update(id, settings, this.deps.clock.now())) throw notFound(id);
    });
    const detail: Record<string, unknown> = { name: settings.name, kind: settings.kind, changed: changedFields(before, settings) };
    if (value !== undefined) detail.secretReplaced = kind;
    const stale = secretKindFor(before);
    if (stale !== null && stale !== kind) {
      await this.deps.secrets.delete(channelSecretAccount(id, stale));
      detail.secretRemoved = stale;
    }
    return { channel: await this.saved(id), detail };
  }

  /** The keychain entry first: if the keychain refuses, nothing is removed and the delete can be tried again. */
  async delete(id: string): Promise<Record<string, unknown>> {
    const channel = this.require(id);
    for (const kind of CHANNEL_SECRET_KINDS) await this.deps.secrets.delete(channelSecretAccount(id, kind));
    if (!this.deps.repo.delete(id)) throw notFound(id);
    return { name: channel.name, kind: channel.kind };
  }

  private async saved(id: string): Promise<NotifyChannel> {
    return this.present(this.require(id), await this.heldAccounts());
  }

  /** Which accounts the keychain holds, in one call and without reading any value. */
  private async heldAccounts(): Promise<Set<string>> {
    return new Set(await this.deps.secrets.list());
  }

  private present(channel: StoredChannel, held: Set<string>): NotifyChannel {
    const { id, ...settings } = channel;
    const kind = secretKindFor(channel);
    const { channelId: _id, ...health } = this.deps.health(id);
    return { id, settings, hasSecret: kind !== null && held.has(channelSecretAccount(id, kind)), health };
  }

  /** Writes the secret and returns how to put back what was there before. */
  private async storeSecret(account: string, value: string): Promise<Undo> {
    const previous = await this.deps.secrets.get(account);
    await this.deps.secrets.set(account, value);
    return async () => {
      if (previous === null) await this.deps.secrets.delete(account);
      else await this.deps.secrets.set(account, previous);
    };
  }

  private async orUndo(undo: Undo | undefined, write: () => void): Promise<void> {
    try {
      write();
    } catch (err) {
      await undo?.().catch((undoErr: unknown) => {
        // The save failed either way; the admin should know a keychain entry may be left behind.
        this.deps.log.error('a notification channel secret could not be taken back after a failed save', { error: undoErr });
      });
      throw err;
    }
  }
}
