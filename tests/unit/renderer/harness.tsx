/**
 * Renders the whole renderer app against an in-memory VigilApi, with just
 * enough lookups (by label, by role and name) to write behavioural tests
 * without a testing library.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { QueryClient } from '@tanstack/react-query';
import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayload,
  UserSummary,
  VigilApi,
} from '../../../src-shared/contract';
import type { Envelope, ErrorBody } from '../../../src-shared/errors';
import { AppRoot } from '../../../src-renderer/AppRoot';
import { useSessionStore } from '../../../src-renderer/state/session-store';
import { useUiStore } from '../../../src-renderer/state/ui-store';
import { useThemeStore } from '../../../src-renderer/state/theme-store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// jsdom has <dialog> but not its modal methods.
if (!HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.open = false;
  };
}

type Reply<C extends ChannelName> = Envelope<ChannelOutput<C>> | Promise<Envelope<ChannelOutput<C>>>;
export type Handlers = { [C in ChannelName]?: (input: ChannelInput<C>) => Reply<C> };

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
  return { user: u, idleTimeoutSeconds: 900 };
}

export interface FakeVigil extends VigilApi {
  calls: { channel: ChannelName; input: unknown }[];
  handlers: Handlers;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  callsTo(channel: ChannelName): unknown[];
}

/** Unhandled channels answer NOT_FOUND so a test sees what it forgot to set up. */
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
      const handler = fake.handlers[channel] as ((i: unknown) => Reply<typeof channel>) | undefined;
      if (!handler) return fail('NOT_FOUND', `The fake has no handler for ${channel}.`);
      return handler(input);
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
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
    ...more,
  });
}

let root: Root | null = null;
let container: HTMLElement | null = null;

function resetWorld(hash: string): void {
  localStorage.clear();
  window.history.replaceState(null, '', `/${hash}`);
  useSessionStore.setState(useSessionStore.getInitialState(), true);
  useUiStore.setState(useUiStore.getInitialState(), true);
  useThemeStore.setState(useThemeStore.getInitialState(), true);
}

/** `hash` is where the page starts, as after a reload (e.g. '#/settings/users'). */
export async function renderApp(api: VigilApi, hash = ''): Promise<void> {
  resetWorld(hash);
  container = document.createElement('div');
  document.body.append(container);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  root = createRoot(container);
  await act(async () => root?.render(<AppRoot api={api} queryClient={queryClient} />));
}

export async function cleanup(): Promise<void> {
  await act(async () => root?.unmount());
  container?.remove();
  root = null;
  container = null;
}

// ------------------------------------------------------------ waiting and acting

export async function waitFor<T>(check: () => T, timeoutMs = 2000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return check();
    } catch (err) {
      if (Date.now() - started > timeoutMs) throw err;
    }
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
  }
}

/** Main pushes an event, as the bridge would deliver it. */
export async function push<E extends EventName>(api: FakeVigil, event: E, payload: EventPayload<E>): Promise<void> {
  await act(async () => api.emit(event, payload));
}

export async function click(element: HTMLElement): Promise<void> {
  await act(async () => element.click());
}

/**
 * Types into a field as a person would. The value goes through the native
 * setter: React watches the element's own one and would take a direct
 * assignment for its own update, so a controlled input would miss it.
 */
export async function fill(label: string, value: string): Promise<void> {
  const input = byLabel(label);
  if (!(input instanceof HTMLInputElement || input instanceof HTMLSelectElement || input instanceof HTMLTextAreaElement)) {
    throw new Error(`"${label}" is not an input`);
  }
  const setValue = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')?.set;
  await act(async () => {
    setValue?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** Fills several fields, by label, in the order given (as a person tabs through a form). */
export async function fillForm(values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values)) await fill(label, value);
}

// ------------------------------------------------------------ lookups

function text(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The control a visible <label> with exactly this text points at. */
export function byLabel(label: string): HTMLElement {
  const found = [...document.querySelectorAll('label')].filter((l) => text(l) === label);
  if (found.length !== 1) throw new Error(`expected one label "${label}", found ${found.length}`);
  const control = document.getElementById(found[0]!.htmlFor);
  if (!control) throw new Error(`label "${label}" points at nothing`);
  return control;
}

export function queryButton(name: string): HTMLButtonElement | null {
  return [...document.querySelectorAll('button')].find((b) => text(b) === name) ?? null;
}

export function button(name: string): HTMLButtonElement {
  const found = queryButton(name);
  if (!found) throw new Error(`no button "${name}"; buttons: ${[...document.querySelectorAll('button')].map(text).join(' | ')}`);
  return found;
}

export function heading(level = 1): string {
  const h = document.querySelector(`h${level}`);
  if (!h) throw new Error(`no h${level}`);
  return text(h);
}

export function navLinks(): string[] {
  const nav = document.querySelector('nav[aria-label="Main"]');
  if (!nav) throw new Error('no main navigation');
  return [...nav.querySelectorAll('a')].map(text);
}

export function navLink(name: string): HTMLAnchorElement {
  const link = [...document.querySelectorAll<HTMLAnchorElement>('nav[aria-label="Main"] a')].find((a) => text(a) === name);
  if (!link) throw new Error(`no nav link "${name}"`);
  return link;
}

/** The text of every live message (alerts and status notices). */
export function alerts(): string[] {
  return [...document.querySelectorAll('[role="alert"]')].map(text);
}

/** The text of every polite live region (status notices and lines). */
export function statusTexts(): string[] {
  return [...document.querySelectorAll('[role="status"]')].map(text);
}

/** What assistive technology reads as the control's description: its hint and error. */
export function descriptionOf(control: HTMLElement): string {
  const ids = control.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)).filter((el): el is HTMLElement => el !== null).map(text).join(' ');
}

export function pageText(): string {
  return text(document.body);
}

/** The rows of the table with this caption, as text. */
export function tableRows(caption: string): string[] {
  const table = [...document.querySelectorAll('table')].find((t) => t.caption && text(t.caption) === caption);
  if (!table) throw new Error(`no table captioned "${caption}"`);
  return [...table.querySelectorAll('tbody tr')].map(text);
}

/** A switch by its name, which leaves out the On/Off it shows to the eye (aria-hidden). */
export function switchNamed(name: string): HTMLButtonElement {
  const visibleName = (el: Element) =>
    [...el.childNodes]
      .filter((n) => !(n instanceof Element && n.getAttribute('aria-hidden') === 'true'))
      .map((n) => n.textContent ?? '')
      .join('')
      .trim();
  const found = [...document.querySelectorAll<HTMLButtonElement>('[role="switch"]')].find((s) => visibleName(s) === name);
  if (!found) throw new Error(`no switch "${name}"`);
  return found;
}
