/** The command line of the local recovery command (out/main/admin.js, `npm run admin`). */
import { parseArgs } from 'node:util';

export interface RecoveryOptions {
  help: boolean;
  command: 'reset-password' | null;
  username?: string;
  dataDir?: string;
  keychainService?: string;
}

export const USAGE = `Usage: npm run admin -- reset-password --username <name> [options]

Sets a new password for a Vigil account from this computer, for an
administrator locked out (or who forgot the password). It lifts every sign-in
lock on the account and writes an audit entry (actor "local-recovery", with
your operating-system account). It needs the data folder and the OS keychain
holding its database key, and it runs only while no Vigil (app or console)
has the data folder open: stop Vigil first.

The new password is asked for twice on the terminal, without echo; from a
pipe it is read as two lines. It is never taken from the command line.

Options:
  --username <name>          the account whose password to reset
  --data-dir <path>          Vigil's data folder (default: VIGIL_DATA_DIR, else
                             the per-user Vigil data folder)
  --keychain-service <name>  OS keychain service holding the database key
                             (default "vigil"; as given to the console)
  -h, --help                 show this help
`;

export class RecoveryUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecoveryUsageError';
  }
}

export function parseRecoveryArgs(argv: string[]): RecoveryOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        username: { type: 'string' },
        'data-dir': { type: 'string' },
        'keychain-service': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new RecoveryUsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true, command: null };
  if (positionals.length !== 1 || positionals[0] !== 'reset-password') {
    throw new RecoveryUsageError(
      positionals.length === 0 ? 'Name the command: reset-password.' : `Unknown command "${positionals.join(' ')}"; the one command is reset-password.`,
    );
  }
  if (!values.username) throw new RecoveryUsageError('Give the account with --username <name>.');
  return {
    help: false,
    command: 'reset-password',
    username: values.username,
    dataDir: values['data-dir'],
    keychainService: values['keychain-service'],
  };
}
