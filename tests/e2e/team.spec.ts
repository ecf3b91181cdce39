/**
 * Team mode end to end: two hosts (each its own data folder) share one
 * throwaway PostgreSQL, each reaching it through its own loopback relay the
 * spec can cut, and two consoles in two browser contexts. The admin
 * connects the first through Settings → Team (screenshots and axe in both
 * themes); a ticket made in one console appears in the other within
 * seconds; the second goes offline (its relay cut), its header says so, it
 * edits, comes back, and both consoles show the merged ticket; an outage
 * both watch is acknowledged in one console and the other shows who has it
 * (screenshots in both themes). Tickets are
 * checked through the page's channel calls (the Triage screen is built
 * elsewhere).
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { createServer, Socket, type Server } from 'node:net';
import { migrateShared } from '../../src-main/team/shared-schema';
import { startPostgres, type PgCluster } from '../helpers/postgres';
import { checkScreenInBothThemes, createFirstAdmin, invokeFromPage, openScreen, ok } from './support/console';
import { startHost, stopHost, type Host } from './support/own-host';

/** A loopback TCP relay to PostgreSQL that can be cut: while cut, open connections drop and new ones are refused at once. */
interface Relay {
  port: number;
  cut: boolean;
  close(): Promise<void>;
}

async function startRelay(target: number): Promise<Relay> {
  const open = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    if (relay.cut) return void inbound.destroy();
    const outbound = new Socket();
    open.add(inbound).add(outbound);
    const drop = () => {
      inbound.destroy();
      outbound.destroy();
      open.delete(inbound);
      open.delete(outbound);
    };
    inbound.on('error', drop).on('close', drop);
    outbound.on('error', drop).on('close', drop);
    outbound.connect(target, '127.0.0.1', () => {
      inbound.pipe(outbound);
      outbound.pipe(inbound);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relay: Relay = {
    port: (server.address() as { port: number }).port,
    get cut() {
      return cut;
    },
    set cut(value: boolean) {
      cut = value;
      if (value) for (const s of open) s.destroy();
    },
    close: () => {
      for (const s of open) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  let cut = false;
  return relay;
}

/** Probes every 5 s with one retry: an outage shows within seconds. */
const FAST_PLAN = { intervalMs: 5_000, timeoutMs: 4_000, retries: 1, retryIntervalMs: 1_000 };

let cluster: PgCluster;
const hosts: Host[] = [];
const relays: Relay[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  cluster = await startPostgres();
  const owner = await cluster.connect();
  try {
    await migrateShared(owner);
  } finally {
    await owner.end();
  }
  for (const name of ['team-a', 'team-b']) {
    relays.push(await startRelay(cluster.port));
    hosts.push(await startHost(name));
  }
});

test.afterAll(async () => {
  for (const host of hosts) await stopHost(host);
  for (const relay of relays) await relay.close();
  await cluster?.destroy();
});

interface TicketView {
  ticket: { title: string; priority: string; status: string };
  comments: Array<{ body: string }>;
}

const view = async (page: Page, id: string) => {
  const d = await ok<TicketView>(page, 'tickets.get', { id });
  return { priority: d.ticket.priority, status: d.ticket.status, comments: d.comments.map((c) => c.body).sort() };
};

async function console(browser: Browser, host: Host): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(host.url);
  await createFirstAdmin(page);
  return page;
}

test('two consoles share tickets through one PostgreSQL and converge after one works offline', async ({ browser }) => {
  test.setTimeout(180_000);
  const a = await console(browser, hosts[0]!);
  const b = await console(browser, hosts[1]!);
  const syncA = a.getByRole('banner').getByLabel('Team sync');
  const syncB = b.getByRole('banner').getByLabel('Team sync');

  await test.step('the admin connects the first workstation through Settings → Team', async () => {
    await openScreen(a, 'Team');
    await checkScreenInBothThemes(a, 'team-off');
    const form = a.getByRole('form', { name: 'Connect to a shared database' });
    await form.getByLabel('Host').fill('127.0.0.1');
    await form.getByLabel('Port').fill(String(relays[0]!.port));
    await form.getByLabel('Database').fill(cluster.database);
    await form.getByLabel('Login').fill(cluster.app.user);
    await form.getByLabel('Password').fill(cluster.app.password);
    await form.getByLabel('Use TLS').uncheck();
    await form.getByRole('button', { name: 'Switch team mode on' }).click();
    await expect(a.getByRole('region', { name: 'Sync' })).toContainText('Online');
    await expect(syncA).toContainText('Team online');
  });

  await test.step('the second joins through the same channel', async () => {
    await ok(b, 'team.configure', { host: '127.0.0.1', port: relays[1]!.port, database: cluster.database, user: cluster.app.user, password: cluster.app.password, tls: false });
    await expect(syncB).toContainText('Team online');
  });

  let id = '';
  await test.step('a ticket made in one console appears in the other within seconds', async () => {
    id = (await ok<{ ticket: { id: string } }>(a, 'tickets.create', { title: 'Ward 4 printer jams', priority: 'medium', category: 'technical' })).ticket.id;
    await expect.poll(async () => (await invokeFromPage(b, 'tickets.get', { id })).ok, { timeout: 10_000, intervals: [250] }).toBe(true);
  });

  await test.step('the second goes offline, its header says so, and it edits', async () => {
    relays[1]!.cut = true;
    await ok(b, 'tickets.update', { id, changes: { priority: 'high' } });
    await ok(b, 'tickets.comment', { id, visibility: 'internal', body: 'B: swapped the tray while offline' });
    await expect(syncB).toContainText('Team offline', { timeout: 15_000 });
    await expect(syncB).toContainText('changes waiting');
    await ok(a, 'tickets.comment', { id, visibility: 'internal', body: 'A: ordered a new roller' });
    await openScreen(b, 'Team');
    await checkScreenInBothThemes(b, 'team-offline');
  });

  await test.step('it comes back and both consoles show the same ticket', async () => {
    relays[1]!.cut = false;
    await expect(syncB).toContainText('Team online', { timeout: 20_000 });
    const expected = { priority: 'high', status: 'new', comments: ['A: ordered a new roller', 'B: swapped the tray while offline'] };
    await expect.poll(() => view(b, id), { timeout: 15_000, intervals: [500] }).toEqual(expected);
    await expect.poll(() => view(a, id), { timeout: 15_000, intervals: [500] }).toEqual(expected);
  });

  await test.step('an outage both watch: the first acknowledgement wins, and the other console shows who has it', async () => {
    // B watches A's sandbox too, so one outage opens an alert on each workstation.
    await ok(a, 'sandbox.set', { requireAuth: false });
    const { baseUrl } = await ok<{ baseUrl: string }>(a, 'sandbox.get', {});
    const onB = await ok<{ id: number }>(b, 'connections.create', { config: { name: 'Ward EHR (via A)', vendor: 'generic', baseUrl, authMode: 'none' } });
    for (const [page, targetId] of [[a, 'conn:1'], [b, `conn:${onB.id}`]] as const) await ok(page, 'monitor.configure', { targetId, settings: { plan: FAST_PLAN, latencyThresholdMs: 2_000, dependsOn: [], metrics: null } });
    await ok(a, 'sandbox.set', { faults: { down: true } });
    await openScreen(a, 'Alerts');
    await openScreen(b, 'Alerts');
    const rowA = a.getByRole('row').filter({ hasText: 'Connection down' });
    const rowB = b.getByRole('row').filter({ hasText: 'Connection down' });
    await expect(rowA).toContainText('Open', { timeout: 30_000 });
    await expect(rowB).toContainText('Open', { timeout: 30_000 });
    await rowA.getByRole('button', { name: /^Acknowledge/ }).click();
    await expect(rowA).toContainText('by ada,');
    await expect(rowB).toContainText('by ada on another workstation', { timeout: 15_000 });
    await checkScreenInBothThemes(b, 'team-alert-held-elsewhere');
    await ok(a, 'sandbox.set', { faults: { down: false } });
  });

  await test.step('Settings → Team verifies the audit of both workstations', async () => {
    await openScreen(a, 'Team');
    await a.getByRole('button', { name: 'Verify the audit across workstations' }).click();
    await expect(a.getByRole('region', { name: 'Audit across workstations' })).toContainText('Every chain holds');
    await checkScreenInBothThemes(a, 'team-online');
  });
});
