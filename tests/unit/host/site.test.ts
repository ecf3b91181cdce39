import { describe, expect, it } from 'vitest';
import { isLoopback, planListen, siteFor } from '../../../src-main/host/listen-plan';
import { hostAllowed, originAllowed } from '../../../src-main/host/site';

describe('isLoopback', () => {
  it('knows the loopback spellings', () => {
    for (const host of ['127.0.0.1', '127.3.2.1', '::1', '0:0:0:0:0:0:0:1', 'localhost', 'LOCALHOST']) expect(isLoopback(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', '128.0.0.1', 'vigil.example.org', 'localhost.evil.example']) expect(isLoopback(host), host).toBe(false);
  });
});

describe('the Host and Origin checks', () => {
  it('accepts only this port under the loopback names and the bound name', async () => {
    const site = siteFor(await planListen({ host: '127.0.0.2' }), 4870);
    for (const host of ['127.0.0.1:4870', 'LOCALHOST:4870', '[::1]:4870', '127.0.0.2:4870']) expect(hostAllowed(site, host), host).toBe(true);
    for (const host of [undefined, '', '127.0.0.1', '127.0.0.1:4871', 'vigil.example.org:4870', 'a@127.0.0.1:4870', '127.0.0.1:4870/', '127.0.0.1:4870 x']) {
      expect(hostAllowed(site, host), String(host)).toBe(false);
    }
  });

  it('lets requests without Origin through and otherwise wants exactly its own origin', async () => {
    const site = siteFor(await planListen({ host: '127.0.0.1' }), 4870);
    expect(originAllowed(site, undefined)).toBe(true);
    expect(originAllowed(site, 'http://127.0.0.1:4870')).toBe(true);
    expect(originAllowed(site, 'http://localhost:4870')).toBe(true);
    for (const origin of ['null', '', 'https://127.0.0.1:4870', 'http://127.0.0.1:4870/', 'http://127.0.0.1', 'http://evil.example:4870', 'http://127.0.0.1:4870, http://evil.example']) {
      expect(originAllowed(site, origin), origin).toBe(false);
    }
  });

  it('treats the default port as implied', async () => {
    const site = siteFor(await planListen({ host: '127.0.0.1' }), 80);
    expect(hostAllowed(site, 'localhost')).toBe(true);
    expect(originAllowed(site, 'http://localhost')).toBe(true);
  });
});
