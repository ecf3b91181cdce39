/**
 * The knowledge base on a real encrypted store: FTS5 is compiled in, every
 * code the EHR classifier emits has an article, the seed's error codes and
 * symptom phrases find the right article first, local edits keep their
 * history while shipped updates replace only unedited copies, and votes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EHR_KB_CODES } from '../../../src-main/ehr';
import { createKbModule, loadShipped, SHIPPED_KB_DIR } from '../../../src-main/kb';
import { SYMPTOMS } from '../../../src-main/kb/symptoms';
import { createLogger } from '../../../src-main/log';
import { EventBus } from '../../../src-main/events';
import { systemClock } from '../../../src-main/clock';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';

let vigil: TestVigil;
let admin: string;
let tech: string;

beforeAll(async () => {
  vigil = await startTestVigil();
  admin = await vigil.adminToken();
  tech = await vigil.userToken('tess.tech', 'support_tech');
});

afterAll(async () => {
  await vigil?.close();
});

const firstFound = async (query: string) => (await vigil.ok('kb.search', { query }, tech)).articles[0]?.id;

describe('the store', () => {
  it('has FTS5 with bm25 in the bundled, encrypted SQLite', () => {
    const db = vigil.store.db;
    db.exec("CREATE VIRTUAL TABLE temp.probe USING fts5 (body, tokenize = 'porter unicode61')");
    db.prepare('INSERT INTO temp.probe (body) VALUES (?), (?)').run('the token endpoint refused the client', 'a printer jam');
    const rows = db.prepare("SELECT body, bm25(probe) AS score FROM temp.probe WHERE probe MATCH 'refusing'").all() as Array<{ body: string; score: number }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.body).toContain('refused');
    expect(rows[0]!.score).toBeLessThan(0);
    db.exec('DROP TABLE temp.probe');
  });
});

describe('the shipped articles', () => {
  it('read without a failure, each id once', () => {
    const { articles, failures } = loadShipped(SHIPPED_KB_DIR);
    expect(failures).toEqual([]);
    expect(articles.length).toBeGreaterThanOrEqual(16);
  });

  it('have an article for every code the EHR error classifier emits', async () => {
    expect(EHR_KB_CODES.length).toBeGreaterThanOrEqual(11);
    const missing = [];
    for (const code of EHR_KB_CODES) {
      const found = await vigil.call('kb.suggest', { codes: [code], limit: 1 }, tech);
      if (!found.ok || found.data.articles[0]?.codes.includes(code) !== true) missing.push(code);
    }
    expect(missing).toEqual([]);
  });

  it('name only classifier codes among the symptoms they recognise', () => {
    expect(SYMPTOMS.map(([code]) => code).filter((c) => !EHR_KB_CODES.includes(c))).toEqual([]);
  });

  it('include the troubleshooting guides of the help content', async () => {
    const list = await vigil.ok('kb.list', {}, tech);
    const titles = list.articles.map((a) => a.title);
    for (const guide of ['Troubleshooting FHIR integration issues', 'Troubleshooting SMART on FHIR sign-in', 'Troubleshooting clinical data problems']) expect(titles).toContain(guide);
    expect(list.categories.reduce((n, c) => n + c.count, 0)).toBe(list.articles.length);
  });
});

describe('search', () => {
  it.each(EHR_KB_CODES)('finds the article for %s first', async (code) => {
    const found = await vigil.ok('kb.search', { query: code }, tech);
    expect(found.articles[0]).toMatchObject({ id: code, match: 'code' });
  });

  it.each([
    ['Patient or clinical resource creation fails', 'fhir_validation_error'],
    ['FHIR resource validation failed', 'fhir_validation_error'],
    ['Clinical transaction shows as rejected in healthcare dashboard', 'fhir_validation_error'],
    ['Healthcare provider authentication fails', 'smart_auth_error'],
    ['SMART on FHIR authorization failed', 'smart_auth_error'],
    ['Cannot access patient data or clinical resources', 'smart_auth_error'],
    ['Patient data access blocked', 'patient_consent_required'],
    ['Patient consent required for data access', 'patient_consent_required'],
    ['Clinical workflows stopped due to consent issues', 'patient_consent_required'],
    ['Use standard medical codes SNOMED LOINC ICD-10', 'guide-clinical-data'],
    ['429 too many requests', 'fhir_rate_limited'],
    ['certificate expired', 'tls_certificate_error'],
    ['requests time out', 'fhir_timeout'],
  ])('finds "%s" in %s first', async (phrase, id) => {
    expect(await firstFound(phrase)).toBe(id);
  });

  it('takes anything typed without failing, FTS5 syntax included', async () => {
    for (const query of ['AND OR NOT', '"unclosed', 'NEAR(token', 'title:token*', '***']) expect((await vigil.call('kb.search', { query }, tech)).ok).toBe(true);
  });

  it('suggests an alert’s articles by its rule and detail', async () => {
    const found = await vigil.ok('kb.suggest', { text: 'conn:1 answered with a server error (503)', limit: 3 }, tech);
    expect(found.articles[0]).toMatchObject({ id: 'fhir_server_error', match: 'code' });
    expect((await vigil.call('kb.suggest', { alertId: 'no-such-alert' }, tech)).ok).toBe(false);
  });
});

describe('editing and voting', () => {
  it('lets only admins write; an edit is a new revision and the old one is kept', async () => {
    const denied = await vigil.call('kb.create', { id: 'ward-printers', title: 'Ward printers', category: 'operations', body: 'Restart the spooler.' }, tech);
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const made = await vigil.ok('kb.create', { id: 'ward-printers', title: 'Ward printers', category: 'operations', body: 'Restart the spooler.' }, admin);
    expect(made).toMatchObject({ revision: 1, source: 'local', shippedVersion: null, updatedBy: 'admin' });
    const edited = await vigil.ok('kb.update', { id: 'ward-printers', baseRevision: 1, title: 'Ward printers', category: 'operations', body: 'Restart the print spooler, then the printer.' }, admin);
    expect(edited.revision).toBe(2);
    const stale = await vigil.call('kb.update', { id: 'ward-printers', baseRevision: 1, title: 'Ward printers', category: 'operations', body: 'Other words.' }, admin);
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const history = await vigil.ok('kb.history', { id: 'ward-printers' }, tech);
    expect(history.revisions.map((r) => [r.revision, r.body])).toEqual([
      [2, 'Restart the print spooler, then the printer.'],
      [1, 'Restart the spooler.'],
    ]);
    expect(await firstFound('print spooler')).toBe('ward-printers');
    const audit = await vigil.ok('audit.list', { action: 'kb.update' }, admin);
    expect(audit.entries.map((e) => [e.actor, e.target, e.outcome])).toEqual([
      ['admin', 'kb:ward-printers', 'CONFLICT'],
      ['admin', 'kb:ward-printers', 'ok'],
    ]);
  });

  it('lets one of two edits made from the same revision at once win; the other is told to reload', async () => {
    const base = await vigil.ok('kb.get', { id: 'network_unreachable' }, tech);
    const edit = (words: string) => vigil.call('kb.update', { id: base.id, baseRevision: base.revision, title: base.title, category: base.category, codes: base.codes, tags: base.tags, body: `${base.body}\n\n${words}` }, admin);
    const results = await Promise.all([edit('First.'), edit('Second.')]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
    expect((await vigil.ok('kb.history', { id: base.id }, tech)).revisions).toHaveLength(base.revision + 1);
  });

  it('counts one vote per person, a new vote replacing the old', async () => {
    await vigil.ok('kb.vote', { id: 'fhir_timeout', helpful: true }, tech);
    await vigil.ok('kb.vote', { id: 'fhir_timeout', helpful: false }, admin);
    const changed = await vigil.ok('kb.vote', { id: 'fhir_timeout', helpful: false }, tech);
    expect(changed).toEqual({ helpful: 0, notHelpful: 2, myVote: 'not_helpful' });
    expect(await vigil.ok('kb.get', { id: 'fhir_timeout' }, tech)).toMatchObject({ helpful: 0, notHelpful: 2, myVote: 'not_helpful' });
  });

  it('takes a newer shipped version of an unedited article, and keeps a local edit, noting the newer one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-kb-'));
    try {
      const bump = (id: string, text: string) => {
        const original = readFileSync(join(SHIPPED_KB_DIR, `${id}.md`), 'utf8');
        writeFileSync(join(dir, `${id}.md`), original.replace(/^version: \d+$/m, 'version: 2').replace(/\n---\n/, `\n---\n${text}\n\n`));
      };
      const before = await vigil.ok('kb.get', { id: 'smart_scope_error' }, tech);
      await vigil.ok('kb.update', { id: 'smart_scope_error', baseRevision: before.revision, title: before.title, category: before.category, codes: before.codes, tags: before.tags, body: `${before.body}\n\nLocal note: ask Dana in the EHR team.` }, admin);
      bump('fhir_not_found', 'Shipped update.');
      bump('smart_scope_error', 'Shipped update.');
      createKbModule({ db: vigil.store.db, clock: systemClock, log: createLogger({ sink: () => {} }), events: new EventBus(), monitor: { alert: () => null }, shippedDir: dir });
      expect(await vigil.ok('kb.get', { id: 'fhir_not_found' }, tech)).toMatchObject({ source: 'shipped', shippedVersion: 2, revision: 2, newerShipped: null });
      expect((await vigil.ok('kb.get', { id: 'fhir_not_found' }, tech)).body).toMatch(/^Shipped update\./);
      const kept = await vigil.ok('kb.get', { id: 'smart_scope_error' }, tech);
      expect(kept).toMatchObject({ source: 'local', shippedVersion: 1, newerShipped: 2, revision: 2 });
      expect(kept.body).toContain('ask Dana');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
