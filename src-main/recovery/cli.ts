/**
 * `npm run admin -- reset-password --username <name>` (built: `node
 * out/main/admin.js …`): the local recovery command for a locked-out
 * administrator, in plain Node, without Electron or a running Vigil. What it
 * may do rests on what it needs: the data folder and the OS keychain entry
 * holding the database key, which only the account Vigil runs under has.
 */
import { hostname, userInfo } from 'node:os';
import { passwordSchema } from '../../src-shared/contract';
import { createAuditModule } from '../audit';
import { systemClock } from '../clock';
import { EventBus } from '../events';
import { createLogger } from '../log';
import { createKeychain, KeychainError } from '../secrets';
import { openStore, resolveDataDir, StoreError } from '../store';
import { NoSuchAccount, resetPasswordLocally } from '../users';
import { passwordPrompt, PromptAborted } from './password-prompt';
import { parseRecoveryArgs, RecoveryUsageError, USAGE } from './recovery-options';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function isUserFixable(err: unknown): err is Error {
  return err instanceof StoreError || err instanceof KeychainError || err instanceof NoSuchAccount || err instanceof PromptAborted;
}

async function newPassword(): Promise<string> {
  const prompt = passwordPrompt(process.stdin, process.stderr);
  try {
    const first = await prompt.ask('New password: ');
    const checked = passwordSchema.safeParse(first);
    if (!checked.success) throw new PromptAborted(`${checked.error.issues[0]?.message ?? 'Not a usable password'}; nothing was changed.`);
    if ((await prompt.ask('The same again: ')) !== first) throw new PromptAborted('The two passwords differ; nothing was changed.');
    return first;
  } finally {
    prompt.close();
  }
}

async function main(): Promise<void> {
  let options;
  try {
    options = parseRecoveryArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof RecoveryUsageError) fail(`${err.message}\n\n${USAGE}`, 2);
    throw err;
  }
  if (options.help || !options.username) {
    process.stdout.write(USAGE);
    return;
  }

  const dataDir = options.dataDir ?? resolveDataDir();
  const secrets = createKeychain({ service: options.keychainService });
  const log = createLogger({ level: 'warn' });
  try {
    // Opened (and held) before asking, so a wrong folder or a running Vigil is said before any typing.
    const store = await openStore({ dataDir, secrets, alone: true });
    try {
      // The audit module, not a bare log: it checks the chain against its keychain anchor and moves the anchor on.
      const audit = await createAuditModule({ store, secrets, clock: systemClock, log, events: new EventBus(), dataDir });
      process.stderr.write(`Data folder: ${dataDir}\nNew password for ${options.username} (at least 12 characters).\n`);
      const { user, clearedSources } = await resetPasswordLocally(
        { db: store.db, clock: systemClock, audit: audit.api.sink },
        { username: options.username, newPassword: await newPassword(), ranBy: { osUser: userInfo().username, host: hostname() } },
      );
      process.stdout.write(
        `The password of ${user.username} (${user.role}) is reset` +
          (clearedSources > 0 ? `, and sign-in locks from ${clearedSources} source(s) are lifted` : '') +
          '. The audit log records it under "local-recovery".\n' +
          (user.disabled ? 'The account is disabled: another administrator must enable it before it can sign in.\n' : ''),
      );
      await audit.close();
    } finally {
      store.close();
    }
  } catch (err) {
    if (isUserFixable(err)) fail(`The password was not reset.\n${err.message}`, 1);
    throw err;
  }
}

void main();
