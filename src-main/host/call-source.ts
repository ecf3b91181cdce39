/**
 * Who is calling the host, from the socket's peer address. Never from a
 * header: no proxy is trusted, so X-Forwarded-For and the like are ignored.
 *
 * A peer on loopback is this machine ('local', like the Electron window);
 * any other is remote, counted per address, and an IPv6 address per /64: one
 * machine commonly holds a whole /64 and picks new addresses in it at will,
 * so counting single IPv6 addresses would let it dodge every per-source limit.
 */
import { isIP } from 'node:net';
import { LOCAL_SOURCE, type CallSource } from '../dispatch';
import { isLoopback } from './listen-plan';

/** Which peer addresses are this machine. */
export type IsLocalAddress = (address: string) => boolean;

/** '::ffff:192.0.2.1' (an IPv4 peer on a dual-stack socket) is 192.0.2.1. */
function unmapped(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

export const isLoopbackPeer: IsLocalAddress = (address) => isLoopback(unmapped(address));

/** The /64 an IPv6 address belongs to, e.g. '2001:db8:0:1::/64'. */
function ipv6Network(address: string): string {
  const [head = '', tail] = address.split('%', 1)[0]!.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])));
  const front = groups(head);
  const back = tail === undefined ? [] : groups(tail);
  const all = [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back];
  return `${all
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

export function callSourceOf(peerAddress: string | undefined, isLocal: IsLocalAddress): CallSource {
  // A socket already gone has no address; it is nobody we know, so never local.
  if (!peerAddress) return { kind: 'remote', address: 'unknown' };
  const address = unmapped(peerAddress);
  if (isLocal(address)) return LOCAL_SOURCE;
  return { kind: 'remote', address: isIP(address) === 6 ? ipv6Network(address) : address };
}
