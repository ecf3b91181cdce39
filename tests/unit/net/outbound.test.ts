/** The outbound rules as pure checks and as the DNS guard sockets use; nothing here opens a socket. */
import { describe, expect, it } from 'vitest';
import { OutboundGuard, OutboundRefusedError, refusalFor } from '../../../src-main/net';
import { fakeDns } from '../../helpers/fake-dns';

function lookup(guard: OutboundGuard, host: string): Promise<unknown> {
  return new Promise((resolve, reject) => guard.lookup(host, {}, (err, address) => (err ? reject(err) : resolve(address))));
}

describe('refusalFor', () => {
  it.each([
    '169.254.169.254',
    '169.254.0.1',
    '[fe80::1]',
    'fe80::abcd',
    '::ffff:169.254.169.254',
    '100.100.100.200',
    'fd00:ec2::254',
    'metadata.google.internal',
    'METADATA.GOOGLE.INTERNAL.',
    'metadata',
    'instance-data.ec2.internal',
  ])('refuses %s', (host) => {
    expect(refusalFor(host)).not.toBeNull();
  });

  it.each(['127.0.0.1', '10.0.0.5', '192.168.1.20', '172.16.0.9', '::1', 'ehr.example.org', 'fhir.epic.com', '169.255.0.1'])('allows %s', (host) => {
    expect(refusalFor(host)).toBeNull();
  });
});

describe('OutboundGuard', () => {
  it('refuses a URL by its host, says why and what to do, and lets an admin allow that host', () => {
    const guard = new OutboundGuard();
    expect(() => guard.checkUrl('http://169.254.169.254/latest/meta-data/')).toThrow(OutboundRefusedError);
    expect(() => guard.checkUrl('http://169.254.169.254/latest/meta-data/')).toThrow(/link-local.*Settings → Network/);
    expect(() => guard.checkUrl('https://ehr.example.org/fhir')).not.toThrow();
    guard.setAllowed(['169.254.169.254']);
    expect(() => guard.checkUrl('http://169.254.169.254/latest/meta-data/')).not.toThrow();
    guard.setAllowed([]);
    expect(() => guard.checkUrl('http://169.254.169.254/')).toThrow(OutboundRefusedError);
  });

  it('refuses a name that resolves to a refused address before any socket opens, and passes the others through', async () => {
    const dns = fakeDns({ 'imds.example.test': '169.254.169.254', 'ehr.example.test': '10.1.2.3' });
    const guard = new OutboundGuard([], dns);
    await expect(lookup(guard, 'imds.example.test')).rejects.toThrow(/resolves to 169\.254\.169\.254/);
    await expect(lookup(guard, 'ehr.example.test')).resolves.toBe('10.1.2.3');
    await expect(guard.checkResolved('imds.example.test')).rejects.toThrow(OutboundRefusedError);
    await expect(guard.checkResolved('ehr.example.test')).resolves.toBeUndefined();
    guard.setAllowed(['imds.example.test']);
    await expect(lookup(guard, 'imds.example.test')).resolves.toBe('169.254.169.254');
    expect(dns.asked).toEqual(['imds.example.test', 'ehr.example.test', 'imds.example.test', 'ehr.example.test', 'imds.example.test']);
  });

  it('refuses in an undici interceptor before the request is handed on', () => {
    const guard = new OutboundGuard();
    const handedOn: unknown[] = [];
    const dispatch = guard.interceptor((opts) => {
      handedOn.push(opts);
      return true;
    });
    expect(() => dispatch({ origin: 'http://metadata.google.internal', path: '/', method: 'GET' }, {})).toThrow(OutboundRefusedError);
    expect(dispatch({ origin: 'http://127.0.0.1:9', path: '/', method: 'GET' }, {})).toBe(true);
    expect(handedOn).toHaveLength(1);
  });
});
