/** Tiles, details and alerts as main sends them (timed from the tests' fixed NOW), and a console serving them, for the status board tests. */
import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import type { ChannelOutput, UserSummary } from '../../../src-shared/contract';
import { DEFAULT_PROBE_PLAN, type AlertView, type BoardTile, type ConnectionState, type TargetStatus } from '../../../src-shared/monitoring';
import { resetConnectionsView } from '../../../src-renderer/screens/board/view-store';
import { VENDORS } from './connection-fixtures';
import { MINUTE, NOW, ok, signedInAs, textOf, type FakeVigil, type Handlers } from './harness';

export type Detail = ChannelOutput<'monitor.detail'>;

export { NOW };

export function status(targetId: string, state: ConnectionState, rest: Partial<TargetStatus> = {}): TargetStatus {
  const health = state === 'MAINTENANCE' || state === 'PAUSED' ? 'UP' : state;
  return {
    targetId,
    state,
    health,
    reason: state === 'DOWN' ? 'CapabilityStatement: connection refused (failed 3 times in a row)' : 'All probes passed in 120 ms',
    since: NOW - 12 * MINUTE,
    healthSince: NOW - 12 * MINUTE,
    flapping: false,
    latencyMs: state === 'DOWN' ? null : 120,
    checkedAt: NOW - 20_000,
    cause: state === 'DOWN' ? { probe: 'capability', kind: 'NETWORK', kbCode: 'network_unreachable' } : null,
    ...rest,
  };
}

/** A connection's tile (conn:<id>), healthy figures unless told otherwise. */
export function tile(id: number, name: string, state: ConnectionState, rest: Partial<BoardTile> = {}): BoardTile {
  const targetId = `conn:${id}`;
  return {
    targetId,
    kind: 'connection',
    name,
    vendor: 'epic',
    host: `ehr${id}.example.org`,
    tags: [],
    status: status(targetId, state),
    uptime24h: 99.5,
    certDaysLeft: 120,
    tokenMinutesLeft: 5,
    openAlerts: 0,
    worstSeverity: null,
    maintenance: null,
    paused: state === 'PAUSED',
    plainHttp: false,
    workstation: null,
    metrics: {},
    dependsOn: [],
    ...rest,
  };
}

export function workstationTile(rest: Partial<BoardTile> = {}): BoardTile {
  return {
    ...tile(0, 'This workstation', 'UP'),
    targetId: 'workstation',
    kind: 'workstation',
    vendor: null,
    host: null,
    status: status('workstation', 'UP', { reason: 'CPU, memory and disk fine', latencyMs: null }),
    certDaysLeft: null,
    tokenMinutesLeft: null,
    workstation: { cpu: 12.4, memory: 40, disk: 55.2 },
    ...rest,
  };
}

export function alert(id: string, targetId: string, rest: Partial<AlertView> = {}): AlertView {
  return {
    id,
    dedupKey: `${targetId}:health`,
    targetId,
    rule: 'health',
    severity: 'SEV1',
    grade: 2,
    peakGrade: 2,
    title: 'Epic production is DOWN',
    detail: 'CapabilityStatement: connection refused',
    cause: { probe: 'capability', kind: 'NETWORK', kbCode: 'network_unreachable' },
    status: 'open',
    openedAt: NOW - 10 * MINUTE,
    updatedAt: NOW - 10 * MINUTE,
    acknowledged: null,
    resolved: null,
    escalation: { policy: { levels: [{ afterMs: 0 }], repeatEveryMs: null }, level: 1, notifiedAt: NOW - 10 * MINUTE },
    affected: [],
    flapping: false,
    targetName: 'Epic production',
    affectedNames: [],
    ...rest,
  };
}

const uptime = (percent: number | null, runs: number, failures: number) => ({ from: NOW - 3_600_000, to: NOW, runs, failures, percent });

/** A detail for a tile: an hour of 5-minute points with one failure, its last run, a recent result per probe. */
export function detailOf(t: BoardTile, rest: Partial<Detail> = {}): Detail {
  const step = 5 * MINUTE;
  const from = NOW - 12 * step;
  const points = Array.from({ length: 12 }, (_, i) => ({
    start: from + i * step,
    runs: 10,
    failures: i === 7 ? 1 : 0,
    p50: 100 + i,
    p95: 200 + i,
    p99: 400 + i,
  }));
  return {
    tile: t,
    settings: { plan: DEFAULT_PROBE_PLAN, latencyThresholdMs: 2000, dependsOn: [], metrics: null },
    uptime: { '1h': uptime(99.17, 120, 1), '24h': uptime(99.9, 2880, 3), '7d': uptime(100, 20160, 0), '30d': uptime(null, 0, 0) },
    latency: { range: '24h', stepMs: step, points, summary: { from, to: NOW, samples: 120, p50: 105, p95: 205, p99: 410 } },
    lastRun: [
      { probe: 'capability', label: 'CapabilityStatement', optional: false, status: 'fail', ms: 3012, summary: 'Connection refused', error: { kind: 'NETWORK', kbCode: 'network_unreachable' } },
      { probe: 'cds', label: 'CDS Hooks discovery', optional: true, status: 'skip', ms: null, summary: 'Needs the server', error: null },
    ],
    recent: [
      { at: NOW - 60_000, status: 'fail', latencyMs: null, failedProbe: 'capability', errorKind: 'error' },
      { at: NOW - 30_000, status: 'pass', latencyMs: 130, failedProbe: null, errorKind: null },
    ],
    alerts: [],
    windows: [],
    ...rest,
  };
}

/** A signed-in console whose main answers the board with these tiles and each detail from `details` (or a default one). */
export function boardConsole(u: UserSummary, tiles: BoardTile[], details: Record<string, Detail> = {}, more: Handlers = {}): FakeVigil {
  resetConnectionsView();
  return signedInAs(u, {
    'ehr.vendors': () => ok({ vendors: VENDORS }),
    'monitor.board': () => ok({ tiles }),
    'monitor.detail': ({ targetId }) => {
      const found = details[targetId] ?? tiles.find((t) => t.targetId === targetId);
      return ok(found && 'tile' in found ? found : detailOf(found ?? (tiles[0] as BoardTile)));
    },
    ...more,
  });
}

/** One of the Connections screen's two tabs, by its name. */
export function tab(name: 'Status board' | 'Setup & diagnostics'): HTMLElement {
  return screen.getByRole('tab', { name });
}

/** Connections lands on the status board; the list, its forms and diagnostics are one tab away. */
export async function openSetupTab(person: UserEvent): Promise<void> {
  await person.click(await screen.findByRole('tab', { name: 'Setup & diagnostics' }));
}

/** A tile's button, which opens its detail: named by the target and its state. */
export function tileButton(targetId: string): HTMLButtonElement {
  const found = document.querySelector<HTMLButtonElement>(`.board-grid button[data-target-id="${targetId}"]`);
  if (!found) throw new Error(`no tile for ${targetId}`);
  return found;
}

/** The tiles' names as the board shows them, in order (their buttons' text without the state said for screen readers). */
export function tileNames(): string[] {
  return [...document.querySelectorAll<HTMLButtonElement>('.board-grid button[data-target-id]')].map((b) => b.firstChild?.textContent ?? '');
}

function tileElement(targetId: string): HTMLElement {
  const found = tileButton(targetId).closest('li');
  if (!found) throw new Error(`no tile for ${targetId}`);
  return found;
}

/** One tile's text, found by its target. */
export function tileText(targetId: string): string {
  return textOf(tileElement(targetId));
}

/** The figures on a tile (or anywhere the same facts show), by their label. */
export function factsIn(root: HTMLElement): Record<string, string> {
  const terms = within(root).queryAllByRole('term');
  return Object.fromEntries(terms.map((dt) => [textOf(dt), textOf(dt.nextElementSibling)]));
}

export function tileFacts(targetId: string): Record<string, string> {
  return factsIn(tileElement(targetId));
}

/** One figure of a tile, the term and its value together (where its tone shows). */
export function tileFact(targetId: string, label: string): HTMLElement {
  const term = within(tileElement(targetId)).getByText(label, { selector: 'dt' });
  if (!term.parentElement) throw new Error(`the ${label} of ${targetId} stands alone`);
  return term.parentElement;
}

/** The tags under a tile's figures: alerts, flapping, maintenance, pause. */
export function tileTags(targetId: string): string[] {
  return [...tileElement(targetId).querySelectorAll('.tile-tags .tag')].map(textOf);
}

/**
 * jsdom lays nothing out, so recharts would measure its box as 0 × 0 and
 * draw nothing: this ResizeObserver reports the box a screen would give it.
 */
export function giveChartsRoom(width = 900, height = 340): () => void {
  const original = globalThis.ResizeObserver;
  globalThis.ResizeObserver = class {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      this.callback([{ target, contentRect: { width, height } } as unknown as ResizeObserverEntry], this as unknown as ResizeObserver);
    }
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  return () => {
    globalThis.ResizeObserver = original;
  };
}
