/** Safety incidents, their comments and signatures in the store. */
import type Database from 'better-sqlite3-multiple-ciphers';
import { INDICATOR_LABELS, type RecommendedActionCode, type SafetyIncident, type SeriesKey, type SignatureMeaning } from '../../src-shared/contract';
import { verifySignature } from './signatures';

interface Row {
  number: number;
  id: string;
  indicator: SeriesKey;
  status: 'open' | 'recovered';
  level: 'warning' | 'critical';
  peak_level: 'warning' | 'critical';
  opened_at: number;
  closed_at: number | null;
  worst_value: number;
  threshold: number;
  detail: string;
  action_code: RecommendedActionCode | null;
  action_text: string | null;
  ticket_id: string | null;
  ticket_number: number | null;
  alert_id: string | null;
  settings: number;
  acknowledged_by: string | null;
  acknowledged_at: number | null;
}

export interface SignatureRow {
  id: string;
  incident_id: string;
  signer: string;
  printed_name: string;
  meaning: SignatureMeaning;
  signed_at: number;
  content: string;
  hash: string;
}

export interface NewIncident {
  id: string;
  indicator: SeriesKey;
  level: 'warning' | 'critical';
  openedAt: number;
  value: number;
  threshold: number;
  detail: string;
  settings: number;
}

export const seriesLabel = (key: SeriesKey) => (key === 'overall' ? 'Overall safety score' : INDICATOR_LABELS[key]);

export class IncidentRepo {
  // Asked seven times a tick: prepared once.
  private readonly openStmt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.openStmt = db.prepare("SELECT * FROM safety_incidents WHERE indicator = ? AND status = 'open'");
  }

  open(key: SeriesKey): SafetyIncident | null {
    const row = this.openStmt.get(key) as Row | undefined;
    return row ? this.view(row) : null;
  }

  find(id: string): SafetyIncident | null {
    const row = this.db.prepare('SELECT * FROM safety_incidents WHERE id = ?').get(id) as Row | undefined;
    return row ? this.view(row) : null;
  }

  list(filter: 'open' | 'unsigned' | 'all', limit: number): SafetyIncident[] {
    const where =
      filter === 'open' ? "WHERE status = 'open'" : filter === 'unsigned' ? 'WHERE NOT EXISTS (SELECT 1 FROM safety_signatures s WHERE s.incident_id = safety_incidents.id)' : '';
    const rows = this.db.prepare(`SELECT * FROM safety_incidents ${where} ORDER BY number DESC LIMIT ?`).all(limit) as Row[];
    return rows.map((r) => this.view(r));
  }

  counts(): { open: number; unsigned: number } {
    return this.db
      .prepare(
        `SELECT coalesce(sum(status = 'open'), 0) AS open,
                coalesce(sum(NOT EXISTS (SELECT 1 FROM safety_signatures s WHERE s.incident_id = i.id)), 0) AS unsigned
           FROM safety_incidents i`,
      )
      .get() as { open: number; unsigned: number };
  }

  /** Incidents opened in [from, to): how many, how many critical, how many signed. */
  period(from: number, to: number): { total: number; critical: number; signed: number } {
    return this.db
      .prepare(
        `SELECT count(*) AS total, coalesce(sum(peak_level = 'critical'), 0) AS critical,
                coalesce(sum(EXISTS (SELECT 1 FROM safety_signatures s WHERE s.incident_id = i.id)), 0) AS signed
           FROM safety_incidents i WHERE opened_at >= ? AND opened_at < ?`,
      )
      .get(from, to) as { total: number; critical: number; signed: number };
  }

  /** Refused by the store (the unique open index) when one is already open for the series. */
  insert(n: NewIncident): void {
    this.db
      .prepare(
        `INSERT INTO safety_incidents (id, indicator, status, level, peak_level, opened_at, worst_value, threshold, detail, settings)
         VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(n.id, n.indicator, n.level, n.level, n.openedAt, n.value, n.threshold, n.detail, n.settings);
  }

  /** The episode goes on: its level now, its worst value and the detail of now. */
  update(id: string, c: { level: 'warning' | 'critical'; worstValue: number; threshold: number; detail: string }): void {
    this.db
      .prepare(
        `UPDATE safety_incidents SET level = ?, peak_level = CASE WHEN ? = 'critical' THEN 'critical' ELSE peak_level END,
                worst_value = ?, threshold = ?, detail = ? WHERE id = ?`,
      )
      .run(c.level, c.level, c.worstValue, c.threshold, c.detail, id);
  }

  escalated(id: string, e: { action: { code: RecommendedActionCode; text: string }; ticket: { id: string; number: number } | null; alertId: string | null }): void {
    this.db
      .prepare(
        `UPDATE safety_incidents SET action_code = ?, action_text = ?, ticket_id = coalesce(?, ticket_id), ticket_number = coalesce(?, ticket_number),
                alert_id = coalesce(?, alert_id) WHERE id = ?`,
      )
      .run(e.action.code, e.action.text, e.ticket?.id ?? null, e.ticket?.number ?? null, e.alertId, id);
  }

  close(id: string, at: number): void {
    this.db.prepare("UPDATE safety_incidents SET status = 'recovered', closed_at = ? WHERE id = ?").run(at, id);
  }

  /** The first acknowledgement stands; false when it was already acknowledged. */
  acknowledge(id: string, by: string, at: number): boolean {
    return this.db.prepare('UPDATE safety_incidents SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged_by IS NULL').run(by, at, id).changes === 1;
  }

  comment(id: string, by: string, at: number, text: string): void {
    this.db.prepare('INSERT INTO safety_comments (incident_id, at, by, text) VALUES (?, ?, ?, ?)').run(id, at, by, text);
  }

  sign(row: SignatureRow): void {
    this.db
      .prepare('INSERT INTO safety_signatures (id, incident_id, signer, printed_name, meaning, signed_at, content, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.id, row.incident_id, row.signer, row.printed_name, row.meaning, row.signed_at, row.content, row.hash);
  }

  private view(r: Row): SafetyIncident {
    const comments = this.db.prepare('SELECT at, by, text FROM safety_comments WHERE incident_id = ? ORDER BY seq').all(r.id) as SafetyIncident['comments'];
    const signatures = (this.db.prepare('SELECT * FROM safety_signatures WHERE incident_id = ? ORDER BY signed_at').all(r.id) as SignatureRow[]).map((s) => ({
      id: s.id,
      incidentId: s.incident_id,
      signer: s.signer,
      printedName: s.printed_name,
      meaning: s.meaning,
      signedAt: s.signed_at,
      hash: s.hash,
      verified: verifySignature({ incidentId: s.incident_id, content: s.content, signer: s.signer, signedAt: s.signed_at, meaning: s.meaning, hash: s.hash }, r.id),
    }));
    return {
      id: r.id,
      number: r.number,
      indicator: r.indicator,
      label: seriesLabel(r.indicator),
      status: r.status,
      level: r.level,
      peakLevel: r.peak_level,
      openedAt: r.opened_at,
      closedAt: r.closed_at,
      worstValue: r.worst_value,
      threshold: r.threshold,
      detail: r.detail,
      action: r.action_code && r.action_text ? { code: r.action_code, text: r.action_text } : null,
      ticket: r.ticket_id && r.ticket_number !== null ? { id: r.ticket_id, number: r.ticket_number } : null,
      alertId: r.alert_id,
      settingsVersion: r.settings,
      acknowledged: r.acknowledged_by && r.acknowledged_at !== null ? { by: r.acknowledged_by, at: r.acknowledged_at } : null,
      comments,
      signatures,
    };
  }
}
