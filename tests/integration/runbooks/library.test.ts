/**
 * Runbooks as admins keep them: a broken shipped file listed with its error
 * and refused at Run, imports and edits as versions (a stale edit refused,
 * parallel saves decided once), the diff between versions, deletes, and
 * the exec allow-list's audit entry.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';

let vigil: TestVigil;
let admin: string;
let operator: string;
let shipped: string;

const yaml = (name: string, extra = '') => `id: mine\nname: ${name}\nroles: [admin, operator]\nsteps:\n  - id: quick\n    name: Quick check\n    action: store_quick_check\n${extra}`;

beforeAll(async () => {
  shipped = mkdtempSync(join(tmpdir(), 'vigil-runbooks-shipped-'));
  writeFileSync(join(shipped, 'broken.yaml'), 'id: broken\nname: Broken\nroles: [admin]\nsteps:\n  - id: a\n    name: A\n    action: store_quick_check\n    timeout: forever\n');
  writeFileSync(join(shipped, 'fine.yaml'), 'id: fine\nname: Fine\nroles: [admin, operator]\nsteps:\n  - { id: a, name: A, action: store_quick_check }\n');
  vigil = await startTestVigil({ runbooks: { shippedDir: shipped } });
  admin = await vigil.adminToken();
  operator = await vigil.userToken('olly', 'operator');
});

afterAll(async () => {
  await vigil?.close();
  rmSync(shipped, { recursive: true, force: true });
});

describe('shipped files', () => {
  it('lists an invalid runbook with its error for admins only, and refuses to run it', async () => {
    const { runbooks } = await vigil.ok('runbooks.list', {}, admin);
    expect(runbooks.find((b) => b.id === 'broken')).toMatchObject({
      valid: false,
      mayRun: false,
      source: 'shipped',
      error: { file: 'broken.yaml', line: 8, column: 14, message: expect.stringContaining('timeout') },
    });
    expect((await vigil.ok('runbooks.list', {}, operator)).runbooks.map((b) => b.id)).toEqual(['fine']);
    const refused = await vigil.call('runbooks.run', { id: 'broken' }, admin);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('broken.yaml:8:14') });
  });

  it('cannot be deleted', async () => {
    const reply = await vigil.call('runbooks.delete', { id: 'fine' }, admin);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('CONFLICT');
  });
});

describe('versions', () => {
  it('imports, refuses invalid YAML with line and column, keeps each edit as a version with a diff', async () => {
    const invalid = await vigil.call('runbooks.save', { yaml: yaml('Mine', '    critical: maybe\n'), fileName: 'mine.yaml', baseVersion: null }, admin);
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) expect(invalid.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^mine\.yaml:8:15: critical/) });

    expect((await vigil.ok('runbooks.save', { yaml: yaml('Mine'), baseVersion: null }, admin)).runbook).toMatchObject({ id: 'mine', version: 1, source: 'custom' });
    const again = await vigil.call('runbooks.save', { yaml: yaml('Mine'), baseVersion: null }, admin);
    expect(again.ok).toBe(false);

    // Two admins save over version 1 at once: one wins, the other is told to reload.
    const both = await Promise.all(['Mine, edited', 'Mine, edited too'].map((n) => vigil.call('runbooks.save', { yaml: yaml(n), baseVersion: 1 }, admin)));
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['CONFLICT']);

    const { versions } = await vigil.ok('runbooks.versions', { id: 'mine' }, admin);
    expect(versions.map((v) => [v.version, v.savedBy])).toEqual([
      [2, 'admin'],
      [1, 'admin'],
    ]);
    const diff = await vigil.ok('runbooks.diff', { id: 'mine', from: 1, to: 2 }, admin);
    expect(diff).toMatchObject({ added: 1, removed: 1 });
    expect(diff.lines.filter((l) => l.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'name: Mine', oldLine: 2, newLine: null },
      { kind: 'added', text: expect.stringMatching(/^name: Mine, edited/), oldLine: null, newLine: 2 },
    ]);
    expect(diff.patch).toContain('-name: Mine\n');
    expect((await vigil.ok('runbooks.get', { id: 'mine', version: 1 }, operator)).yaml).toBe(yaml('Mine'));
  });

  it('deletes an imported runbook, with an audit entry', async () => {
    await vigil.ok('runbooks.save', { yaml: yaml('Gone').replace('id: mine', 'id: gone'), baseVersion: null }, admin);
    await vigil.ok('runbooks.delete', { id: 'gone' }, admin);
    expect((await vigil.ok('runbooks.list', {}, admin)).runbooks.map((b) => b.id)).not.toContain('gone');
    const entry = vigil.store.db.prepare("SELECT actor, target FROM audit_log WHERE action = 'runbooks.delete' AND outcome = 'ok'").get();
    expect(entry).toEqual({ actor: 'admin', target: 'runbook:gone' });
  });

  it('records who changed the exec allow-list and keeps who added an unchanged entry', async () => {
    const entry = { name: 'printer', path: '/usr/bin/printf', args: ['%s', '{a}'], note: 'echo' };
    const first = await vigil.ok('runbooks.exec.set', { entries: [entry] }, admin);
    const second = await vigil.ok('runbooks.exec.set', { entries: [entry, { ...entry, name: 'other' }] }, admin);
    expect(second.entries.find((e) => e.name === 'printer')!.addedAt).toBe(first.entries[0]!.addedAt);
    const details = vigil.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'runbooks.exec.set' ORDER BY seq").pluck().all() as string[];
    expect(JSON.parse(details.at(-1)!)).toMatchObject({ added: ['other'], removed: [], changed: [] });
  });
});
