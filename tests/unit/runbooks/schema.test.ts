/**
 * Runbook YAML against the schema: each broken file names the file, line and
 * column of what is wrong and what was expected; every shipped runbook is valid.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinActions } from '../../../src-main/runbooks/actions';
import type { ActionDeps } from '../../../src-main/runbooks/actions/deps';
import { validateRunbook } from '../../../src-main/runbooks/definition/validate';
import { SHIPPED_RUNBOOKS_DIR } from '../../../src-main/runbooks/library';
import { RECOMMENDED_RUNBOOKS } from '../../../src-shared/contract';

// The schema needs the actions' names and input shapes only; nothing here runs them.
const actions = builtinActions({} as ActionDeps);
const check = (yaml: string) => validateRunbook(yaml, 'broken.yaml', actions);

const GOOD = `id: sample
name: Sample
roles: [admin]
steps:
  - id: quick
    name: Quick check
    action: store_quick_check
`;

describe('broken runbooks', () => {
  it('accepts the good one it starts from', () => {
    expect(check(GOOD).issues).toEqual([]);
  });

  const cases: Array<[string, string, { line: number; column: number; message: RegExp }]> = [
    ['a YAML syntax error', `id: sample\nname: [unclosed\nroles: [admin]\n`, { line: 3, column: 1, message: /^YAML: / }],
    ['a wrong type for a key', GOOD.replace('roles: [admin]', 'roles: admin'), { line: 3, column: 8, message: /roles: expected array/ }],
    ['an unknown role', GOOD.replace('roles: [admin]', 'roles: [admin, janitor]'), { line: 3, column: 16, message: /roles|janitor|expected one of/ }],
    ['an unknown key', GOOD.replace('name: Sample', 'name: Sample\ncolour: red'), { line: 3, column: 1, message: /unexpected key colour/ }],
    ['an unknown action', GOOD.replace('store_quick_check', 'reboot_everything'), { line: 7, column: 13, message: /action: expected one of .*probe_connections/ }],
    ['a bad timeout', GOOD + '    timeout: soon\n', { line: 8, column: 14, message: /timeout: a duration such as 30s/ }],
    ['an undeclared parameter', GOOD.replace('action: store_quick_check', 'action: probe_connections\n    with: { connections: "${params.target}" }'), { line: 8, column: 26, message: /no parameter target is declared/ }],
    [
      'a reference to a later step',
      `id: sample\nname: Sample\nroles: [admin]\nsteps:\n  - id: a\n    name: A\n    action: end_maintenance\n    with:\n      window_id: \${steps.b.outputs.id}\n  - id: b\n    name: B\n    action: store_quick_check\n`,
      { line: 9, column: 18, message: /b is not an earlier step/ },
    ],
    ['an input the action does not take', GOOD.replace('action: store_quick_check', 'action: backup_store\n    with: { keep: 3, compress: true }'), { line: 8, column: 22, message: /unexpected input compress for backup_store/ }],
    ['a bad cron', GOOD + 'schedule:\n  cron: "every morning"\n', { line: 9, column: 9, message: /cron: expected a cron pattern/ }],
    ['an unknown parameter type', GOOD.replace('steps:', 'params:\n  - name: when\n    type: date\nsteps:'), { line: 6, column: 11, message: /type: expected type to be one of string, number/ }],
    ['a duplicate step id', GOOD + '  - id: quick\n    name: Again\n    action: store_quick_check\n', { line: 8, column: 9, message: /quick is used by an earlier step/ }],
    ['a missing key', GOOD.replace('name: Sample\n', ''), { line: 1, column: 1, message: /name: expected string/ }],
  ];

  it.each(cases)('%s: names the file, line and column and what was expected', (_, yaml, want) => {
    const v = check(yaml);
    expect(v.definition).toBeNull();
    expect(v.issues.length).toBeGreaterThan(0);
    const [first] = v.issues;
    expect(first).toMatchObject({ file: 'broken.yaml', line: want.line, column: want.column });
    expect(first!.message).toMatch(want.message);
  });

  it('refuses a confirmation on a scheduled runbook: nobody is there to confirm', () => {
    const v = check(GOOD + '    confirm: true\nschedule:\n  cron: "0 6 * * *"\n');
    expect(v.issues[0]).toMatchObject({ line: 8, message: expect.stringMatching(/nobody to confirm/) });
  });
});

describe('the shipped runbooks', () => {
  const files = readdirSync(SHIPPED_RUNBOOKS_DIR).filter((f) => f.endsWith('.yaml'));

  it('are the seed’s procedures', () => {
    expect(files.sort()).toEqual(['compliance-export.yaml', 'daily-health-check.yaml', 'emergency-response.yaml', 'prepare-model-rollback.yaml', 'test-ehr-integrations.yaml', 'weekly-maintenance.yaml']);
  });

  it.each(files)('%s validates', (file) => {
    const v = validateRunbook(readFileSync(join(SHIPPED_RUNBOOKS_DIR, file), 'utf8'), file, actions);
    expect(v.issues).toEqual([]);
    expect(v.definition?.id).toBe(file.replace(/\.yaml$/, ''));
  });

  it('schedule the daily check at 06:00 and the maintenance on Sunday at 02:00, and gate the rollback', () => {
    const def = (f: string) => validateRunbook(readFileSync(join(SHIPPED_RUNBOOKS_DIR, f), 'utf8'), f, actions).definition!;
    expect(def('daily-health-check.yaml').schedule?.cron).toBe('0 6 * * *');
    expect(def('weekly-maintenance.yaml').schedule?.cron).toBe('0 2 * * SUN');
    expect(def('prepare-model-rollback.yaml').approval).toEqual({ count: 1, roles: ['admin', 'safety_officer'] });
  });

  it('include each runbook a safety incident recommends, under the id and name it links to', () => {
    for (const { id, name } of Object.values(RECOMMENDED_RUNBOOKS)) {
      const def = validateRunbook(readFileSync(join(SHIPPED_RUNBOOKS_DIR, `${id}.yaml`), 'utf8'), `${id}.yaml`, actions).definition!;
      expect(def).toMatchObject({ id, name });
    }
  });
});
