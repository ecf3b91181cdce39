import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliUsageError, DEFAULT_PORT, parseCliArgs } from '../../../src-main/host/cli-options';
import { createKeychain } from '../../../src-main/secrets/keychain';
import { makeTestCertificates } from '../../helpers/test-certs';
import { postApi } from './raw-http';

describe('parseCliArgs', () => {
  it('defaults to loopback on the standard port', () => {
    expect(parseCliArgs([])).toEqual({ help: false, port: DEFAULT_PORT, host: '127.0.0.1' });
  });

  it('reads every option', () => {
    expect(
      parseCliArgs(['--port', '0', '--host', '0.0.0.0', '--data-dir', '/srv/vigil', '--tls-cert', 'c.pem', '--tls-key', 'k.pem']),
    ).toEqual({ help: false, port: 0, host: '0.0.0.0', dataDir: '/srv/vigil', tlsCert: 'c.pem', tlsKey: 'k.pem' });
    expect(parseCliArgs(['-h']).help).toBe(true);
  });

  it('explains what is wrong with a command line', () => {
    expect(() => parseCliArgs(['--port', 'eighty'])).toThrow(CliUsageError);
    expect(() => parseCliArgs(['--port', '70000'])).toThrow(/0 to 65535/);
    expect(() => parseCliArgs(['--verbose'])).toThrow(CliUsageError);
    expect(() => parseCliArgs(['serve'])).toThrow(CliUsageError);
  });

  it('takes a keychain service name of safe characters only', () => {
    expect(parseCliArgs(['--keychain-service', 'vigil-e2e.1']).keychainService).toBe('vigil-e2e.1');
    expect(() => parseCliArgs(['--keychain-service', 'a b'])).toThrow(/--keychain-service/);
  });

  it('takes the idle timeout in whole seconds', () => {
    expect(parseCliArgs(['--idle-timeout', '4']).idleTimeoutMs).toBe(4000);
    expect(parseCliArgs([]).idleTimeoutMs).toBeUndefined();
    for (const bad of ['0', '-1', '4s', '1.5']) {
      expect(() => parseCliArgs(['--idle-timeout', bad]), bad).toThrow(/--idle-timeout/);
    }
  });
});

interface Run {
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  /** Resolves with stdout once it matches. */
  waitForOutput(pattern: RegExp): Promise<RegExpMatchArray>;
}

/** The CLI from source, as out/main/host.js runs it once built. */
function runCli(args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/host/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const run: Run = {
    stdout: '',
    stderr: '',
    exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    kill: (signal) => child.kill(signal),
    waitForOutput: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(run.stdout);
          if (match) resolve(match);
        };
        child.stdout.on('data', check);
        void run.exit.then(() => reject(new Error(`the CLI exited first:\n${run.stdout}\n${run.stderr}`)));
        check();
      }),
  };
  child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  return run;
}

describe('the host CLI', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
    dirs.push(dir);
    return dir;
  };

  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('prints the URL, serves, and stops cleanly on SIGTERM', async () => {
    // The CLI uses the keychain's own service name; remove what this run adds to it.
    const keychain = createKeychain();
    const before = new Set(await keychain.list());
    const run = runCli(['--port', '0', '--data-dir', tempDir()]);
    try {
      const [, url] = await run.waitForOutput(/^Vigil console: (http:\/\/127\.0\.0\.1:\d+) — open it in a browser\. Ctrl-C stops it\.$/m);
      expect((await postApi(url!, 'setup.status', {})).json()).toMatchObject({ ok: true, data: { needsAdmin: true } });
      run.kill('SIGTERM');
      expect(await run.exit).toBe(0);
    } finally {
      run.kill('SIGKILL');
      for (const account of await keychain.list()) if (!before.has(account)) await keychain.delete(account);
    }
  });

  it('prints the one-time setup code when it listens beyond loopback on a fresh data folder, and none on loopback', async () => {
    // Two CLIs starting at once each get a keychain service of their own: gnome-keyring
    // has been seen to lose track of an item when two processes create keys in one
    // collection under the same service at the same moment.
    const services = ['wide', 'narrow'].map((which) => `vigil-cli-test.${process.pid}.${which}`);
    const keychains = services.map((service) => createKeychain({ service }));
    const certs = makeTestCertificates();
    const dir = tempDir();
    writeFileSync(join(dir, 'cert.pem'), certs.serverCert);
    writeFileSync(join(dir, 'key.pem'), certs.serverKey);
    const tlsArgs = ['--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')];
    const wide = runCli(['--port', '0', '--host', '0.0.0.0', ...tlsArgs, '--data-dir', join(dir, 'wide'), '--keychain-service', services[0]!]);
    const narrow = runCli(['--port', '0', '--data-dir', join(dir, 'narrow'), '--keychain-service', services[1]!]);
    try {
      const [, code] = await wide.waitForOutput(/^ {4}([0-9A-Z]{5}(?:-[0-9A-Z]{5}){3})$/m);
      expect(wide.stdout).toContain('one-time setup code');
      expect(code).toMatch(/^[0-9A-Z-]{23}$/);
      await narrow.waitForOutput(/^Data folder: .*$/m);
      expect(narrow.stdout).not.toContain('setup code');
      for (const run of [wide, narrow]) {
        run.kill('SIGTERM');
        expect(await run.exit).toBe(0);
      }
    } finally {
      wide.kill('SIGKILL');
      narrow.kill('SIGKILL');
      for (const keychain of keychains) for (const account of await keychain.list()) await keychain.delete(account);
    }
  });

  it('explains a refused setting in a paragraph, without a stack, and exits 1', async () => {
    const dataDir = join(tempDir(), 'data');
    const run = runCli(['--host', '0.0.0.0', '--data-dir', dataDir]);
    expect(await run.exit).toBe(1);
    expect(run.stderr).toMatch(/^The Vigil console could not start\.\nRefusing to listen on 0\.0\.0\.0 without TLS/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('shows the usage for an unknown option and exits 2', async () => {
    const run = runCli(['--verbose']);
    expect(await run.exit).toBe(2);
    expect(run.stderr).toContain('Usage: npm run console');
  });
});
