/**
 * Reports read day cells kept in memory once read: after tickets change
 * (on days already read, and on days let go from memory by a long custom
 * range), every report equals the one a fresh start gives, which reads
 * everything from the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/clock';
import { manualTimers } from '../../../src-main/monitor/timers';
import type { KpiRange } from '../../../src-shared/contract';
import { CATEGORIES, PRIORITIES } from '../../../src-shared/tickets';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';

const ZONE = 'Europe/Berlin';
const START = Date.UTC(2026, 9, 20, 8);
const HOUR = 3_600_000;
const clock = manualClock(START);
const options = () => ({ clock, tickets: { timers: manualTimers(START), timeZone: ZONE }, kpi: { timeZone: ZONE }, idleTimeoutMs: 365 * 24 * HOUR, sessionLifetimeMs: 365 * 24 * HOUR });
const RANGES: KpiRange[] = [{ preset: '90d' }, { preset: '30d' }, { preset: '7d' }, { preset: '24h' }, { from: '2025-12-01', to: '2026-11-30' }];

let vigil: TestVigil;
let admin: string;

beforeAll(async () => {
  vigil = await startTestVigil(options());
  admin = await vigil.adminToken();
  await vigil.userToken('tess.tech', 'support_tech');
}, 60_000);

afterAll(async () => {
  await vigil?.close();
});

const reports = async () => Promise.all(RANGES.map((range) => vigil.ok('kpi.report', { range }, admin)));

describe('day cells kept in memory', () => {
  it('follow every change: reports equal those of a fresh start', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { ticket } = await vigil.ok('tickets.create', { title: `Ticket ${i}`, priority: PRIORITIES[i % 5]!, category: CATEGORIES[i % 5]! }, admin);
      ids.push(ticket.id);
      clock.advance(7 * HOUR);
    }
    // Read every range once: the days are in memory now (the long custom range lets some go again).
    await reports();
    for (const [i, id] of ids.entries()) {
      clock.advance(3 * HOUR);
      if (i % 3 === 0) await vigil.ok('tickets.assign', { id, assignee: 'tess.tech' }, admin);
      if (i % 4 === 1) await vigil.ok('tickets.update', { id, changes: { priority: PRIORITIES[(i + 2) % 5]! } }, admin);
      if (i % 2 === 0) {
        await vigil.ok('tickets.setStatus', { id, status: 'resolved' }, admin);
        if (i % 4 === 0) await vigil.ok('tickets.csat', { id, score: 1 + (i % 5) }, admin);
      }
    }
    // Reopened: taken back from the day it was resolved on.
    await vigil.ok('tickets.setStatus', { id: ids[2]!, status: 'in_progress' }, admin);
    const warm = await reports();
    expect(warm[0]!.kpis.find((k) => k.id === 'volume')!.value).toBe(ids.length);

    vigil = await vigil.restart(options());
    admin = await vigil.adminToken();
    expect(await reports()).toEqual(warm);
  }, 60_000);
});
