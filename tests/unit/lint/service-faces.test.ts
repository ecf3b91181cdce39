/**
 * The linter keeps services apart: a file in one src-main folder reaches
 * another folder only through its index.ts. Linted here as the project's
 * own ESLint config sees a file placed in the monitor's folder.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(code: string, file = 'src-main/monitor/lint-fixture.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message);
}

describe('service faces', () => {
  it("refuses a deep import into another service's folder, naming the import", async () => {
    const errors = await boundaryErrors("import type { ConnectionRecord } from '../connections/connections-repo';\nexport type R = ConnectionRecord;\n");
    expect(errors).toEqual(['Import ../connections/connections-repo: another service folder is reached only through its index.ts, never its inner files.']);
  });

  it('refuses it from a nested file too, and for value imports', async () => {
    const errors = await boundaryErrors("import { AuditLog } from '../../audit/audit-log';\nexport const A = AuditLog;\n", 'src-main/monitor/service/lint-fixture.ts');
    expect(errors).toHaveLength(1);
  });

  it("allows the folder's face, the folder's own files, and the shared top-level files", async () => {
    const errors = await boundaryErrors(
      [
        "import type { ConnectionRecord } from '../connections';",
        "import { AlertEngine } from './alert-engine';",
        "import { TargetRegistry } from './service/target-registry';",
        "import type { Clock } from '../clock';",
        'export type R = [ConnectionRecord, Clock, AlertEngine, TargetRegistry];',
        '',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
  });
});
