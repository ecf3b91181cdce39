/**
 * Wall displays: adding one with a one-time pairing code, pairing a wall's
 * browser, opening display sessions with its token and secret, what a wall
 * is sent, and revoking. The display records live in the store, so walls
 * outlive a host restart: their sessions are in memory only, and a wall
 * opens a new one with the secret its browser kept.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { v7 as uuidv7 } from 'uuid';
import { ALERT_LIST_MAX } from '../../src-shared/monitoring';
import { PAIRING_CODE_TTL_MS, type ChannelOutput, type WallDisplay } from '../../src-shared/contract';
import type { Clock } from '../clock';
import type { CallSource } from '../dispatch';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { MonitorApi } from '../monitor';
import type { Sessions } from '../users';
import { DisplayRepo, type DisplayRow } from './display-repo';
import { hashOf, newDisplayToken, newPairingCode, secretMatches } from './pairing';
import { PairingThrottle } from './pairing-throttle';
import { wallAlerts, wallTile } from './wall-view';

/** A wall that reloads keeps its session; more tabs than this on one wall, and the oldest must connect again. */
const SESSIONS_PER_DISPLAY = 4;
/** The last contact is written at most this often per display; Settings shows minutes, not seconds. */
const CONTACT_WRITE_MS = 60_000;

export class UnknownDisplayError extends Error {
  constructor() {
    super('There is no such wall display: it was removed.');
    this.name = 'UnknownDisplayError';
  }
}

export class WrongCodeError extends Error {
  constructor() {
    super('That code is not right, or it has run out. Check it on the Wall displays page of Settings, or ask an administrator for a new one.');
    this.name = 'WrongCodeError';
  }
}

export class PairingBlockedError extends Error {
  constructor(readonly retryAt: number) {
    super('Too many wrong codes were entered from here. Wait a few minutes, then enter the code again.');
    this.name = 'PairingBlockedError';
  }
}

export class NotPairedError extends Error {
  constructor() {
    super('This screen is no longer paired as a wall display. An administrator gives it a new pairing code.');
    this.name = 'NotPairedError';
  }
}

export interface DisplaysDeps {
  db: Database.Database;
  clock: Clock;
  events: EventBus;
  log: Logger;
  sessions: Pick<Sessions, 'startDisplay' | 'endDisplay' | 'displayConnected' | 'hasDisplays'>;
  monitor: Pick<MonitorApi, 'board' | 'alerts'>;
}

type Paired = ChannelOutput<'display.pair'>['display'];

export class DisplaysService {
  private readonly repo: DisplayRepo;
  private readonly throttle: PairingThrottle;
  /** The latest contact of each display, and when it was last written. */
  private readonly contacts = new Map<string, { at: number; writtenAt: number }>();

  constructor(private readonly deps: DisplaysDeps) {
    this.repo = new DisplayRepo(deps.db);
    this.throttle = new PairingThrottle(deps.clock);
  }

  list(): WallDisplay[] {
    return this.repo.all().map((row) => this.view(row));
  }

  /** Throws DuplicateDisplayNameError. */
  create(name: string, by: string): { display: WallDisplay; code: string } {
    const code = newPairingCode();
    const now = this.deps.clock.now();
    const id = uuidv7();
    this.repo.insert({ id, name, created_at: now, created_by: by, code_hash: hashOf(code), code_expires_at: now + PAIRING_CODE_TTL_MS });
    this.changed(id);
    return { display: this.view(this.repo.get(id)!), code };
  }

  /** Throws UnknownDisplayError. A paired display keeps working until a browser pairs with the new code. */
  newCode(id: string): { display: WallDisplay; code: string } {
    const code = newPairingCode();
    if (!this.repo.setCode(id, hashOf(code), this.deps.clock.now() + PAIRING_CODE_TTL_MS)) throw new UnknownDisplayError();
    this.changed(id);
    return { display: this.view(this.repo.get(id)!), code };
  }

  /** Throws UnknownDisplayError. The wall hears at once (display.revoked) and goes back to asking for a code. */
  revoke(id: string): DisplayRow {
    const row = this.repo.remove(id);
    if (!row) throw new UnknownDisplayError();
    this.contacts.delete(id);
    this.dropSessions(id);
    this.changed(id);
    return row;
  }

  /** Throws PairingBlockedError, or WrongCodeError (which counts against the source). */
  pair(code: string, secret: string, source: CallSource): { displayToken: string; display: Paired } {
    const retryAt = this.throttle.retryAt(source);
    if (retryAt !== null) throw new PairingBlockedError(retryAt);
    const displayToken = newDisplayToken();
    const before = this.repo.claimCode(hashOf(code), this.deps.clock.now(), { tokenHash: hashOf(displayToken), secretHash: hashOf(secret) });
    if (!before) {
      this.throttle.fail(source);
      throw new WrongCodeError();
    }
    // Paired again (a new browser on the wall): the browser it replaces stops now.
    if (before.token_hash !== null) this.dropSessions(before.id);
    this.changed(before.id);
    return { displayToken, display: { id: before.id, name: before.name } };
  }

  /** Throws NotPairedError: unknown token (revoked, paired elsewhere) or the secret of another browser. */
  connect(displayToken: string, secret: string): { token: string; display: Paired } {
    const row = this.repo.byToken(hashOf(displayToken));
    if (!row || !secretMatches(secret, row.secret_hash)) {
      if (row) this.deps.log.warn('a wall display token came with the wrong secret: refused', { displayId: row.id });
      throw new NotPairedError();
    }
    const token = this.deps.sessions.startDisplay(row.id, SESSIONS_PER_DISPLAY);
    this.contact(row.id, true);
    this.changed(row.id);
    return { token, display: { id: row.id, name: row.name } };
  }

  /** Throws NotPairedError when the display has gone meanwhile. */
  board(displayId: string): ChannelOutput<'display.board'> {
    const row = this.current(displayId);
    return { display: { id: row.id, name: row.name }, tiles: this.deps.monitor.board().map(wallTile) };
  }

  alerts(displayId: string): ChannelOutput<'display.alerts'> {
    this.current(displayId);
    return { alerts: wallAlerts(this.deps.monitor.alerts({ status: 'active', limit: ALERT_LIST_MAX })) };
  }

  private current(displayId: string): DisplayRow {
    const row = this.repo.get(displayId);
    if (!row) throw new NotPairedError();
    this.contact(displayId, false);
    return row;
  }

  /** Notes a wall's call; written now and then, and Settings told when it is. */
  private contact(id: string, force: boolean): void {
    const at = this.deps.clock.now();
    const known = this.contacts.get(id);
    if (!force && known && at - known.writtenAt < CONTACT_WRITE_MS) {
      known.at = at;
      return;
    }
    this.repo.touch(id, at);
    this.contacts.set(id, { at, writtenAt: at });
    if (!force) this.changed(id);
  }

  private dropSessions(id: string): void {
    for (const token of this.deps.sessions.endDisplay(id)) this.deps.events.emit('display.revoked', {}, token);
  }

  private changed(displayId: string): void {
    this.deps.events.emit('displays.changed', { displayId });
  }

  private view(row: DisplayRow): WallDisplay {
    const now = this.deps.clock.now();
    const seen = Math.max(row.last_contact_at ?? 0, this.contacts.get(row.id)?.at ?? 0);
    return {
      id: row.id,
      name: row.name,
      createdAt: row.created_at,
      createdBy: row.created_by,
      state: row.paired_at !== null ? 'paired' : row.code_expires_at !== null && row.code_expires_at > now ? 'waiting' : 'expired',
      codeExpiresAt: row.code_expires_at,
      pairedAt: row.paired_at,
      lastContactAt: seen > 0 ? seen : null,
      connected: this.deps.sessions.displayConnected(row.id),
    };
  }
}
