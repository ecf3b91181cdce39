import { describe, expect, it, vi } from 'vitest';
import { allowedExternalUrl, openExternalLink } from '../../../src-main/electron/external-links';
import { denyAllPermissions, guardContents, type GuardedContents } from '../../../src-main/electron/hardening';
import { createLogger } from '../../../src-main/log';

type Listener = (event: { url?: string; preventDefault(): void }) => void;

function stubContents() {
  const on = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents = {
    on: (event: string, listener: Listener) => on.set(event, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => {
      openHandler = handler;
    },
  } as GuardedContents;
  return {
    contents,
    navigate(url: string) {
      const event = { url, preventDefault: vi.fn() };
      on.get('will-navigate')?.(event);
      return event.preventDefault;
    },
    attachWebview() {
      const event = { preventDefault: vi.fn() };
      on.get('will-attach-webview')?.(event);
      return event.preventDefault;
    },
    open: (url: string) => openHandler?.({ url }),
  };
}

describe('the navigation guard', () => {
  it('cancels every navigation and hands the URL to the link policy', () => {
    const stub = stubContents();
    const openLink = vi.fn();
    guardContents(stub.contents, openLink);

    for (const url of ['https://hl7.org/fhir/', 'vigil://app/index.html', 'file:///etc/passwd']) {
      expect(stub.navigate(url)).toHaveBeenCalled();
    }
    expect(openLink.mock.calls).toEqual([['https://hl7.org/fhir/'], ['vigil://app/index.html'], ['file:///etc/passwd']]);
  });

  it('denies every new window and every <webview>', () => {
    const stub = stubContents();
    const openLink = vi.fn();
    guardContents(stub.contents, openLink);

    expect(stub.open('https://hl7.org/fhir/')).toEqual({ action: 'deny' });
    expect(openLink).toHaveBeenCalledWith('https://hl7.org/fhir/');
    expect(stub.attachWebview()).toHaveBeenCalled();
  });
});

describe('external links', () => {
  it('allows only https on the default port to a listed host, without credentials', () => {
    expect(allowedExternalUrl('https://hl7.org/fhir/R4/')?.href).toBe('https://hl7.org/fhir/R4/');
    for (const url of [
      'http://hl7.org/fhir/',
      'https://hl7.org.evil.example/',
      'https://evil.example/?https://hl7.org',
      'https://user:pw@hl7.org/',
      'https://hl7.org:8443/',
      'file:///etc/passwd',
      'smb://hl7.org/share',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(allowedExternalUrl(url), url).toBeNull();
    }
  });

  it('opens an allowed link only after the user confirms', async () => {
    const log = createLogger({ sink: () => {} });
    const open = vi.fn(async () => {});

    await openExternalLink('https://fhir.epic.com/Specifications', { confirm: async () => false, open, log });
    expect(open).not.toHaveBeenCalled();

    await openExternalLink('https://fhir.epic.com/Specifications', { confirm: async () => true, open, log });
    expect(open).toHaveBeenCalledWith('https://fhir.epic.com/Specifications');
  });

  it('never asks about, or opens, a link that is not allowed, and logs it', async () => {
    const lines: string[] = [];
    const confirm = vi.fn(async () => true);
    const open = vi.fn(async () => {});

    await openExternalLink('https://evil.example/steal?mrn=123', { confirm, open, log: createLogger({ sink: (l) => lines.push(l) }) });

    expect(confirm).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', host: 'evil.example' });
    expect(lines[0]).not.toContain('mrn');
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (handler) => {
        request = handler;
      },
      setPermissionCheckHandler: (handler) => {
        check = handler;
      },
    });

    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(check?.()).toBe(false);
  });
});
