/** The command line of the browser host (out/main/host.js, `npm run console`). */
import { parseArgs } from 'node:util';
import { DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_SESSION_LIFETIME_MS } from '../users';

export const DEFAULT_PORT = 4870;

export interface CliOptions {
  help: boolean;
  port: number;
  host: string;
  dataDir?: string;
  tlsCert?: string;
  tlsKey?: string;
  /** Signed-in sessions lock after this long without a person's input; unset keeps Vigil's default. */
  idleTimeoutMs?: number;
  /** Signed-in sessions end this long after sign-in, active or not; unset keeps Vigil's default. */
  sessionLifetimeMs?: number;
  /** Keychain service holding this console's secrets; separate consoles (and test runs) keep theirs apart. */
  keychainService?: string;
}

export const USAGE = `Usage: npm run console -- [options]

Serves the Vigil console to web browsers (NOC wall displays, browser mode).

Options:
  --port <n>         port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host <address>   address to listen on (default 127.0.0.1). Any address other
                     than loopback needs --tls-cert and --tls-key.
  --data-dir <path>  folder holding Vigil's encrypted database
                     (default: the per-user Vigil data folder)
  --tls-cert <path>  PEM certificate (chain) to serve HTTPS and WSS
  --tls-key <path>   PEM private key for --tls-cert
  --idle-timeout <seconds>
                     lock a signed-in session after this long without a key
                     press or pointer movement (default ${DEFAULT_IDLE_TIMEOUT_MS / 60_000} minutes)
  --session-lifetime <hours>
                     end a signed-in session this long after sign-in, however
                     active (default ${DEFAULT_SESSION_LIFETIME_MS / 3_600_000} hours)
  --keychain-service <name>
                     OS keychain service for this console's secrets (default
                     "vigil"); give each console on one account its own
  -h, --help         show this help

First run: while no account exists, a browser on this computer creates the
administrator as it is. Listening beyond loopback, the console also prints a
one-time setup code at start, which the setup screen asks for on any other
computer, so whoever reaches a fresh console first cannot make themselves
its administrator.

Signing in: failed sign-ins are counted per account and per source. On this
computer 5 failures lock the account here for 15 minutes; from the network
each failure makes that address wait (1, 2, 4, 8 s) and the 5th locks it out
of the account for 15 minutes, doubling up to a day. A lock from the network
never locks this computer. A locked-out administrator:
  npm run admin -- reset-password --username <name>   (see npm run admin -- --help)
`;

/** A command line that cannot be understood; the message says what is wrong. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) throw new CliUsageError(`--port must be a whole number from 0 to 65535, not "${text}".`);
  return port;
}

function parseIdleTimeout(text: string): number {
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds < 1) throw new CliUsageError(`--idle-timeout must be a whole number of seconds, at least 1, not "${text}".`);
  return seconds * 1000;
}

function parseSessionLifetime(text: string): number {
  const hours = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || hours <= 0 || hours > 168) {
    throw new CliUsageError(`--session-lifetime must be a number of hours above 0 and at most 168, not "${text}".`);
  }
  return Math.round(hours * 3_600_000);
}

function parseKeychainService(text: string): string {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(text)) {
    throw new CliUsageError(`--keychain-service must be 1–64 letters, digits, dots, dashes or underscores, not "${text}".`);
  }
  return text;
}

export function parseCliArgs(argv: string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'idle-timeout': { type: 'string' },
        'session-lifetime': { type: 'string' },
        'keychain-service': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new CliUsageError((err as Error).message);
  }
  return {
    help: values.help ?? false,
    port: values.port === undefined ? DEFAULT_PORT : parsePort(values.port),
    host: values.host ?? '127.0.0.1',
    dataDir: values['data-dir'],
    tlsCert: values['tls-cert'],
    tlsKey: values['tls-key'],
    idleTimeoutMs: values['idle-timeout'] === undefined ? undefined : parseIdleTimeout(values['idle-timeout']),
    sessionLifetimeMs: values['session-lifetime'] === undefined ? undefined : parseSessionLifetime(values['session-lifetime']),
    keychainService: values['keychain-service'] === undefined ? undefined : parseKeychainService(values['keychain-service']),
  };
}
