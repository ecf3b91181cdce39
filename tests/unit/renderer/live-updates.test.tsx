// @vitest-environment jsdom
/**
 * Live updates that recover: while main's events are not arriving (the
 * browser's event socket lost) the console says so at the top, since when,
 * and asks again for the screen in view on a timer; when they return it
 * asks again for everything. The bridge's state is the test's to set.
 */
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PAUSED_REFRESH_MS } from '../../../src-renderer/api/use-live-updates';
import { createLiveState } from '../../../src-renderer/bridge/live-updates';
import { localTimeOfDay } from '../../../src-renderer/lib/time';
import type { UserSummary } from '../../../src-shared/contract';
import { fail, liveTexts, NOW, ok, pageText, renderApp, signedInAs, tableRows, user } from './harness';

const ADA = user();
const BO = user({ id: 2, username: 'bo', displayName: 'Bo', role: 'operator' });

/** Signed in on Users, main's list as the test keeps it, events arriving at first. */
async function usersConsole() {
  let users: UserSummary[] = [ADA];
  const api = signedInAs(ADA, { 'users.list': () => ok({ users }) });
  const live = createLiveState();
  live.set({ state: 'live' });
  renderApp(api, '#/settings/users', { live });
  await waitFor(() => expect(tableRows('Users')).toHaveLength(1));
  return { api, live, setUsers: (next: UserSummary[]) => (users = next) };
}

const banner = () => document.querySelector('.live-banner');
const statusText = () => liveTexts('status').join(' ');

describe('live updates', () => {
  it('while events arrive nothing is said', async () => {
    await usersConsole();
    expect(banner()).toBeNull();
    expect(pageText()).not.toContain('Live updates');
  });

  it('paused: a banner in a polite live region says so, since when, and that the screen may be out of date', async () => {
    const { live } = await usersConsole();
    await act(async () => live.set({ state: 'paused', since: NOW - 38_000 }));
    // NOW is 14:05:09 on this computer's clock.
    expect(statusText()).toContain('Live updates paused — reconnecting; last update 14:04:31');
    expect(statusText()).toContain('What is shown may be out of date. This screen is asked for again every 30 seconds until updates resume.');
    expect(banner()?.closest('[role="status"]')).not.toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('when events come back every query is asked again, so what changed meanwhile shows; the return is said', async () => {
    const { api, live, setUsers } = await usersConsole();
    await act(async () => live.set({ state: 'paused', since: NOW - 5_000 }));
    const asked = { users: api.callsTo('users.list').length, setup: api.callsTo('setup.status').length };

    // An account added while no event could say so.
    setUsers([ADA, BO]);
    expect(tableRows('Users')).toHaveLength(1);

    await act(async () => live.set({ state: 'live' }));
    await waitFor(() => expect(tableRows('Users')).toHaveLength(2));
    expect(banner()).toBeNull();
    expect(statusText()).toContain('Live updates resumed at 14:05:09; the screen was refreshed.');
    expect(api.callsTo('users.list').length).toBeGreaterThan(asked.users);
    // Not only the screen's own: everything the console holds.
    expect(api.callsTo('setup.status').length).toBeGreaterThan(asked.setup);
  });

  it('a host that ended the session while away: the refetch hears so, and the console locks', async () => {
    const { api, live } = await usersConsole();
    await act(async () => live.set({ state: 'paused', since: NOW - 5_000 }));
    api.handlers['users.list'] = () => fail('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
    await act(async () => live.set({ state: 'off' }));
    await screen.findByRole('heading', { level: 1, name: 'Console locked' });
    expect(pageText()).toContain('Your session ended.');
  });

  it('while paused, the screen in view is asked for again on a timer', async () => {
    const { api, live, setUsers } = await usersConsole();
    vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setInterval', 'clearInterval'] });
    await act(async () => live.set({ state: 'paused', since: NOW - 5_000 }));
    const before = api.callsTo('users.list').length;
    setUsers([ADA, BO]);

    await act(async () => vi.advanceTimersByTimeAsync(PAUSED_REFRESH_MS - 1_000));
    expect(api.callsTo('users.list')).toHaveLength(before);
    await act(async () => vi.advanceTimersByTimeAsync(1_000));
    await vi.waitFor(() => expect(tableRows('Users')).toHaveLength(2));
    // A refresh that worked brings the last update forward: what is shown is that recent.
    await vi.waitFor(() => expect(statusText()).toContain(`last update ${localTimeOfDay(NOW + PAUSED_REFRESH_MS)}`));
    expect(banner()).not.toBeNull();
  });
});
