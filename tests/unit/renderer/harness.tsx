/**
 * Renders the whole renderer app with Testing Library against an in-memory
 * main (fakeVigil) that keeps to the contract: every reply it gives and every
 * event it pushes is checked against the contract's schemas, so a fake cannot
 * drift from what main really sends. The clock stands still at NOW in every
 * test, so "12 min ago" reads the same on a fast machine and a slow one.
 */
import type { QueryClient } from '@tanstack/react-query';
import { act, cleanup, configure, render, screen, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, vi } from 'vitest';
import { z } from 'zod';
import {
  auditExportNotice,
  CHANNELS,
  EVENTS,
  type ChannelName,
  type ChannelOutput,
  type EventName,
  type EventPayload,
  type ParsedInput,
  type UserSummary,
  type VigilApi,
} from '../../../src-shared/contract';
import type { Envelope, ErrorBody } from '../../../src-shared/errors';
import { DEFAULT_ALERT_RULE_SETTINGS } from '../../../src-shared/monitoring';
import { AppRoot } from '../../../src-renderer/AppRoot';
import { createQueryClient } from '../../../src-renderer/api/query-client';
import { ALWAYS_LIVE, type LiveSource } from '../../../src-renderer/bridge/live-updates';
import { useSessionStore } from '../../../src-renderer/state/session-store';
import { useUiStore } from '../../../src-renderer/state/ui-store';
import { useThemeStore } from '../../../src-renderer/state/theme-store';
import { useBoardStore } from '../../../src-renderer/state/board-store';
import { useTriageStore } from '../../../src-renderer/screens/triage/triage-store';
import { useKnowledgeStore } from '../../../src-renderer/screens/knowledge/knowledge-store';

/** The moment every test runs at: 2026-11-23 14:05:09 on this computer's clock. */
export const NOW = new Date(2026, 10, 23, 14, 5, 9).getTime();
export const MINUTE = 60_000;

// Only Date stands still: timers stay real, so Testing Library's waits and React Query's batching run as in a browser.
beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

// A loaded machine may be slow to render; a generous wait costs nothing when the test passes.
configure({ asyncUtilTimeout: 5_000 });

// jsdom lays nothing out, so the status board's virtual grid would find the
// scrolling <main> 0 px high and draw one row: <main> gets the window's height.
Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return this.tagName === 'MAIN' ? window.innerHeight : 0;
  },
});

// jsdom has <dialog> but not its modal methods.
if (!HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.open = false;
  };
}

// ------------------------------------------------------------ the fake main

type Reply<C extends ChannelName> = Envelope<ChannelOutput<C>> | Promise<Envelope<ChannelOutput<C>>>;
/** Handlers get the input as main's dispatcher hands it on: parsed by the channel's input schema. */
export type Handlers = { [C in ChannelName]?: (input: ParsedInput<C>) => Reply<C> };

export const ok = <T,>(data: T): Envelope<T> => ({ ok: true, data });
export const fail = (code: ErrorBody['code'], message: string, details?: unknown): Envelope<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

export function user(overrides: Partial<UserSummary> = {}): UserSummary {
  return {
    id: 1,
    username: 'ada',
    displayName: 'Ada Admin',
    role: 'admin',
    disabled: false,
    lockedUntil: null,
    lastLoginAt: Date.UTC(2025, 10, 20, 8),
    createdAt: Date.UTC(2025, 10, 1, 8),
    ...overrides,
  };
}

export function session(u: UserSummary) {
  return { user: u, idleTimeoutSeconds: 900, expiresAt: NOW + 12 * 3_600_000 };
}

export interface FakeVigil extends VigilApi {
  calls: { channel: ChannelName; input: unknown }[];
  handlers: Handlers;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  callsTo(channel: ChannelName): unknown[];
}

/** What the fakes of this test said or were sent against the contract; the test fails with them after it ends. */
const breaches: string[] = [];

/**
 * The console reaches main only through window.vigil (here the fake), never
 * the network: the EHR addresses tests type (ehr.hospital.example…) go to
 * the fake as data. Any fetch or WebSocket from the renderer is refused here
 * and fails the test after it ends, even if a component swallowed the error.
 */
function refuseNetwork(what: string) {
  return (target: unknown) => {
    const message = `The renderer tried to reach the network (${what} ${String(target).slice(0, 120)})`;
    breaches.push(message);
    throw new Error(message);
  };
}

beforeEach(() => {
  const refuseFetch = refuseNetwork('fetch');
  // As fetch fails: a rejected promise. Mock functions, so a test can check they stand before it calls them.
  vi.stubGlobal('fetch', vi.fn(async (target: unknown) => refuseFetch(target)));
  const refuseSocket = refuseNetwork('WebSocket');
  vi.stubGlobal(
    'WebSocket',
    vi.fn(function (url: unknown) {
      refuseSocket(url);
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  const found = breaches.splice(0);
  if (found.length > 0) throw new Error(`The fake main broke the contract, or the console reached past it:\n${found.join('\n')}`);
});

/** The breaches found so far, taken away: for the test that checks the fake itself. */
export function takeBreaches(): string[] {
  return breaches.splice(0);
}

function breach(what: string, error: z.ZodError): string {
  const message = `${what}:\n${z.prettifyError(error)}`;
  breaches.push(message);
  return message;
}

/**
 * Main as the tests need it. Unhandled channels answer NOT_FOUND so a test
 * sees what it forgot to set up. Input the contract refuses is answered
 * INVALID_INPUT, as main's dispatcher would, and fails the test; a reply
 * the contract refuses throws (the console sees main as unreachable) and
 * fails the test too.
 */
export function fakeVigil(handlers: Handlers = {}): FakeVigil {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const fake: FakeVigil = {
    calls: [],
    handlers: {
      'setup.status': () => ok({ needsAdmin: false, setupCodeRequired: false, version: '0.1.0-test' }),
      'session.whoami': () => fail('UNAUTHENTICATED', 'Your session has ended. Sign in again.'),
      ...handlers,
    },
    async invoke(channel, input) {
      fake.calls.push({ channel, input });
      const def = CHANNELS[channel];
      const parsed = def.input.safeParse(input ?? {});
      if (!parsed.success) {
        return fail('INVALID_INPUT', breach(`The console sent ${channel} what main would refuse`, parsed.error));
      }
      const handler = fake.handlers[channel] as ((i: unknown) => Reply<typeof channel>) | undefined;
      if (!handler) return fail('NOT_FOUND', `The fake has no handler for ${channel}.`);
      const reply = await handler(parsed.data);
      if (!reply.ok) return reply;
      const output = def.output.safeParse(reply.data);
      if (!output.success) throw new Error(breach(`The fake's reply to ${channel} is not what main may send`, output.error));
      return { ok: true, data: output.data as ChannelOutput<typeof channel> };
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    emit(event, payload) {
      const checked = EVENTS[event].payload.safeParse(payload);
      if (!checked.success) throw new Error(breach(`The test pushed a ${event} main would never send`, checked.error));
      for (const listener of listeners.get(event) ?? []) listener(checked.data);
    },
    callsTo(channel) {
      return fake.calls.filter((c) => c.channel === channel).map((c) => c.input);
    },
  };
  return fake;
}

/**
 * Main for someone already signed in (the transport kept their session, as
 * after a reload), answering what the landing screen, Connections, asks for.
 */
export function signedInAs(u: UserSummary, more: Handlers = {}): FakeVigil {
  return fakeVigil({
    'session.whoami': () => ok(session(u)),
    'connections.list': () => ok({ connections: [] }),
    'ehr.vendors': () => ok({ vendors: [] }),
    'monitor.board': () => ok({ tiles: [] }),
    'monitor.rules': () => ok(DEFAULT_ALERT_RULE_SETTINGS),
    // The frame asks for it on every screen for roles that read the audit trail.
    'audit.status': () => ok({ lastSeq: 12, anchoredSeq: 12, rollback: null, exportRetentionDays: 30, exportNotice: auditExportNotice(30) }),
    // The header asks for every role: team mode is off unless a test says otherwise.
    'team.status': () =>
      ok({ enabled: false, settings: null, workstation: 'ws-test', online: false, offlineSince: null, waiting: 0, lastError: null, lastSyncAt: null }),
    ...more,
  });
}

/** Main pushes an event, as the bridge would deliver it. */
export async function push<E extends EventName>(api: FakeVigil, event: E, payload: EventPayload<E>): Promise<void> {
  await act(async () => api.emit(event, payload));
}

// ------------------------------------------------------------ rendering and input

function resetWorld(hash: string, stored: Record<string, string>): void {
  localStorage.clear();
  for (const [key, value] of Object.entries(stored)) localStorage.setItem(key, value);
  window.history.replaceState(null, '', `/${hash}`);
  useSessionStore.setState(useSessionStore.getInitialState(), true);
  useUiStore.setState(useUiStore.getInitialState(), true);
  useThemeStore.setState(useThemeStore.getInitialState(), true);
  useBoardStore.setState(useBoardStore.getInitialState(), true);
  useTriageStore.setState(useTriageStore.getInitialState(), true);
  useKnowledgeStore.setState(useKnowledgeStore.getInitialState(), true);
}

/**
 * The whole console against this main, and a person at its keyboard and
 * mouse. `hash` is where the page starts, as after a reload (e.g.
 * '#/settings/users'); `stored` is what the browser kept in localStorage.
 * Main's events arrive as over Electron's IPC (always live) unless `live`
 * says otherwise, as the browser bridge's socket would.
 */
export function renderApp(
  api: VigilApi,
  hash = '',
  { live = ALWAYS_LIVE, queryClient, stored = {} }: { live?: LiveSource; queryClient?: QueryClient; stored?: Record<string, string> } = {},
): UserEvent {
  resetWorld(hash, stored);
  // The console's own cache settings (its stale time above all), so a screen here refetches only when it would there.
  const client = queryClient ?? createQueryClient();
  render(<AppRoot api={api} live={live} queryClient={client} />);
  return userEvent.setup();
}

/**
 * Puts `value` in a field as a person would: picks the option of a select,
 * or clears a text field and types (the braces user-event reads as keys
 * are typed as themselves).
 */
export async function fill(user: UserEvent, field: HTMLElement, value: string): Promise<void> {
  if (field instanceof HTMLSelectElement) {
    await user.selectOptions(field, value);
    return;
  }
  await user.clear(field);
  if (value !== '') await user.type(field, value.replace(/[{[]/g, '$&$&'));
}

/** Fills several fields, by label, in the order given (as a person tabs through a form). */
export async function fillForm(user: UserEvent, values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values)) await fill(user, screen.getByLabelText(label), value);
}

// ------------------------------------------------------------ what Testing Library does not read

/** Text as a person reads it: runs of white space as one space. */
export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function pageText(): string {
  return textOf(document.body);
}

/** What assistive technology reads as the control's description: its hint or its error. */
export function descriptionOf(control: HTMLElement): string {
  const ids = control.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)).filter((el): el is HTMLElement => el !== null).map(textOf).join(' ');
}

/** The body rows of the table with this caption, as text. */
export function tableRows(caption: string): string[] {
  const [, ...rows] = within(screen.getByRole('table', { name: caption })).getAllByRole('row');
  return rows.map(textOf);
}

/** The cells of each body row of the table with this caption, as text. */
export function tableCells(caption: string): string[][] {
  const [, ...rows] = within(screen.getByRole('table', { name: caption })).getAllByRole('row');
  return rows.map((row) => [...row.querySelectorAll('th, td')].map(textOf));
}

/** The text of every live message of this kind: alerts (errors) or polite status notices. */
export function liveTexts(role: 'alert' | 'status'): string[] {
  return screen.queryAllByRole(role).map(textOf);
}

/**
 * An accessible name as a browser reads it. dom-accessibility-api (under
 * Testing Library) drops the space before a visually hidden suffix, reading
 * `Disable<span class="visually-hidden"> bo</span>` as "Disablebo" where
 * Chromium says "Disable bo", so names are compared without their spaces.
 */
export function named(name: string): (accessibleName: string) => boolean {
  const squash = (text: string) => text.replace(/\s+/g, '');
  return (accessibleName) => squash(accessibleName) === squash(name);
}

export const button = (name: string) => screen.getByRole('button', { name: named(name) });
export const findButton = (name: string) => screen.findByRole('button', { name: named(name) });
export const queryButton = (name: string) => screen.queryByRole('button', { name: named(name) });

/** The main navigation's links, in order. */
export function navLinks(): string[] {
  return within(screen.getByRole('navigation', { name: 'Main' })).getAllByRole('link').map(textOf);
}

export function navLink(name: string): HTMLElement {
  return within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name });
}

/** The screen's title (its h1). */
export function heading(): string {
  return textOf(screen.getByRole('heading', { level: 1 }));
}
