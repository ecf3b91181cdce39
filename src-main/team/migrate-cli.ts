/**
 * `npm run team:migrate`: brings the shared database's schema up to date.
 * Run it as the database's owner, with the usual PostgreSQL environment
 * (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE); workstations
 * never can, their role may only read and call the functions.
 */
import pg from 'pg';
import { migrateShared } from './shared-schema';

const client = new pg.Client();
try {
  await client.connect();
  const applied = await migrateShared(client);
  console.log(applied.length > 0 ? `Applied shared schema migrations ${applied.join(', ')}.` : 'The shared schema is up to date.');
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  await client.end().catch(() => undefined);
}
