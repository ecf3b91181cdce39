/**
 * The end-to-end suite: Chromium (the Debian build, TOOLCHAIN.md "Browsers")
 * against real Vigil hosts, started the way `npm run console` starts them.
 * Run it under scripts/with-keyring.sh (npm test does), so the hosts and the
 * teardown share one Secret Service.
 */
import { defineConfig } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_KEYCHAIN_SERVICE_ENV, E2E_ROOT_ENV, IDLE_TIMEOUT_SECONDS, SERVERS, dataDirOf, e2eKeychainService, type ServerName } from './tests/e2e/support/servers';

// Playwright evaluates this file again in every worker. Workers inherit the
// runner's environment, so only the runner (the first to get here) makes the
// run's data folder, and only the runner removes it: on exit, because that
// is after it has stopped the hosts (a globalTeardown runs before that).
if (!process.env[E2E_ROOT_ENV]) {
  const root = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
  process.env[E2E_ROOT_ENV] = root;
  process.env[E2E_KEYCHAIN_SERVICE_ENV] = `vigil-e2e-${randomBytes(4).toString('hex')}`;
  process.on('exit', () => rmSync(root, { recursive: true, force: true }));
}

/** Each host picks a free port and prints its URL; the named group puts it in the workers' environment. */
function readyLine(name: ServerName): RegExp {
  return new RegExp(`Vigil console: (?<${SERVERS[name].urlEnv}>https?://\\S+)`);
}

const common = {
  // The command's whole process group gets SIGTERM; console.mjs forwards it to the host it
  // started, and the hosts close their store before exiting (they give up after 10 s).
  gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  reuseExistingServer: false,
  stdout: 'ignore',
  stderr: 'pipe',
} as const;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e-artifacts',
  fullyParallel: false,
  // Two cores: the hosts, the browser and the runner already share them.
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  globalTeardown: './tests/e2e/support/global-teardown.ts',
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    // A NOC wall display.
    viewport: { width: 1920, height: 1080 },
    headless: true,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  // Started one after another, in this order: the first builds the renderer and
  // the host (the real `npm run console` path), the others run that build.
  webServer: [
    {
      ...common,
      name: 'console',
      command: `node scripts/console.mjs --port 0 --data-dir ${JSON.stringify(dataDirOf('console'))} --keychain-service ${e2eKeychainService()}`,
      wait: { stdout: readyLine('console') },
      // electron-vite builds main, preload and renderer first.
      timeout: 180_000,
    },
    {
      ...common,
      name: 'idle',
      command: `node out/main/host.js --port 0 --data-dir ${JSON.stringify(dataDirOf('idle'))} --keychain-service ${e2eKeychainService()} --idle-timeout ${IDLE_TIMEOUT_SECONDS}`,
      wait: { stdout: readyLine('idle') },
      timeout: 60_000,
    },
    {
      ...common,
      name: 'tour',
      command: `node out/main/host.js --port 0 --data-dir ${JSON.stringify(dataDirOf('tour'))} --keychain-service ${e2eKeychainService()}`,
      wait: { stdout: readyLine('tour') },
      timeout: 60_000,
    },
  ],
});
