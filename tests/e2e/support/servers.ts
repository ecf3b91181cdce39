/**
 * The hosts playwright.config.ts starts for the suite. Each has its own data
 * folder, so one spec's accounts and audit trail never leak into another's.
 */
import { join } from 'node:path';

/** The run's temporary folder, holding one data folder per host. */
export const E2E_ROOT_ENV = 'VIGIL_E2E_ROOT';

/** The hosts keep their secrets under this keychain service, which the teardown empties. */
export const E2E_KEYCHAIN_SERVICE_ENV = 'VIGIL_E2E_KEYCHAIN_SERVICE';

export function e2eKeychainService(): string {
  const service = process.env[E2E_KEYCHAIN_SERVICE_ENV];
  if (!service) throw new Error(`${E2E_KEYCHAIN_SERVICE_ENV} is not set: playwright.config.ts sets it when the run starts.`);
  return service;
}

/** Short enough to wait out in a test. The host ends idle sessions on a 5-second sweep. */
export const IDLE_TIMEOUT_SECONDS = 4;

export const SERVERS = {
  /** `npm run console` itself (it builds first): the roles and audit flow. */
  console: { urlEnv: 'VIGIL_E2E_CONSOLE_URL' },
  /** Sessions lock after IDLE_TIMEOUT_SECONDS without a call. */
  idle: { urlEnv: 'VIGIL_E2E_IDLE_URL' },
  /** Untouched until the screen tour, which starts at the first-run setup screen. */
  tour: { urlEnv: 'VIGIL_E2E_TOUR_URL' },
} as const;

export type ServerName = keyof typeof SERVERS;
export const SERVER_NAMES = Object.keys(SERVERS) as ServerName[];

export function dataDirOf(name: ServerName): string {
  const root = process.env[E2E_ROOT_ENV];
  if (!root) throw new Error(`${E2E_ROOT_ENV} is not set: playwright.config.ts sets it when the run starts.`);
  return join(root, name);
}

/** Where a host listens: it prints its URL once ready, and the config's webServer turns that into this variable. */
export function serverUrl(name: ServerName): string {
  const url = process.env[SERVERS[name].urlEnv];
  if (!url) throw new Error(`The ${name} host has not reported its URL (${SERVERS[name].urlEnv}); run the suite with npx playwright test.`);
  return url;
}
