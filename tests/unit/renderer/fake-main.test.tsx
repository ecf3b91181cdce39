// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fakeVigil, ok, takeBreaches, user } from './harness';

/** The fake main keeps to the contract, so a test that passes against it would pass against main. */
describe('the fake main', () => {
  it('refuses a reply the contract would not let main send, naming the channel and the field', async () => {
    const broken = { ...user(), role: 'janitor' } as unknown as ReturnType<typeof user>;
    const api = fakeVigil({ 'users.list': () => ok({ users: [broken] }) });
    await expect(api.invoke('users.list', {})).rejects.toThrow(/users\.list[\s\S]*users\[0\]\.role/);
    expect(takeBreaches()).toHaveLength(1);
  });

  it('lets nothing in a renderer test reach the network: the EHR addresses tests type are data for the fake, never contacted', async () => {
    // The harness's refusals stand in for the real ones, or nothing below is called.
    expect(vi.isMockFunction(fetch)).toBe(true);
    expect(vi.isMockFunction(WebSocket)).toBe(true);
    await expect(fetch('http://ehr.hospital.example/fhir/metadata')).rejects.toThrow(/tried to reach the network \(fetch http:\/\/ehr\.hospital\.example/);
    expect(() => new WebSocket('wss://evil.example/events')).toThrow(/tried to reach the network \(WebSocket wss:\/\/evil\.example/);
    expect(takeBreaches()).toHaveLength(2);
  });

  it('refuses an event main would never push', () => {
    const api = fakeVigil();
    expect(() => api.emit('session.ended', { reason: 'bored' } as never)).toThrow(/session\.ended[\s\S]*reason/);
    expect(takeBreaches()).toHaveLength(1);
  });

  it('answers input the contract refuses with INVALID_INPUT, as main does, and reports it', async () => {
    const api = fakeVigil({ 'users.disable': () => ok(user()) });
    const reply = await api.invoke('users.disable', { id: -1 });
    expect(reply.ok).toBe(false);
    expect(reply.ok ? null : reply.error.code).toBe('INVALID_INPUT');
    expect(takeBreaches()).toEqual([expect.stringContaining('users.disable')]);
  });

  it('hands its handlers the input as main parses it, defaults filled in', async () => {
    let seen: unknown = null;
    const api = fakeVigil({
      'alerts.list': (input) => {
        seen = input;
        return ok({ alerts: [] });
      },
    });
    await api.invoke('alerts.list', {});
    expect(seen).toEqual({ status: 'active', limit: 200 });
  });
});
