/**
 * Remote computers without leaving the machine: the host under test counts
 * only 127.0.0.1 as itself, so requests sent from another loopback address
 * (bound with localAddress) arrive as from the network.
 */
export const onlyFirstLoopbackIsLocal = (address: string): boolean => address === '127.0.0.1';

export const REMOTE_A = '127.0.0.2';
export const REMOTE_B = '127.0.0.3';
export const REMOTE_C = '127.0.0.4';
