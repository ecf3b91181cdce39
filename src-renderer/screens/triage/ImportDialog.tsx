import { useState } from 'react';
import type { ChannelOutput } from '../../../src-shared/contract';
import type { ImportFormat } from '../../../src-shared/tickets';
import { ticketNumberLabel } from '../../../src-shared/tickets';
import { errorText } from '../../api/error-text';
import { useTicketAction } from '../../api/tickets';
import { Button } from '../../components/Button';
import { DataTable } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { formatCount } from '../../lib/format';

type ImportReply = ChannelOutput<'tickets.import'>;

function formatOf(fileName: string): ImportFormat | null {
  const lower = fileName.toLowerCase();
  return lower.endsWith('.csv') ? 'csv' : lower.endsWith('.json') ? 'json' : null;
}

function CheckResult({ checked }: { checked: ImportReply }) {
  return (
    <>
      <p className="import-summary">
        {formatCount(checked.rows)} rows: <strong>{formatCount(checked.valid)} valid</strong>, {formatCount(checked.rows - checked.valid)} with problems.
      </p>
      {checked.issues.length > 0 && (
        <div className="import-issues">
          <DataTable
            caption={`Problems found${checked.issueCount > checked.issues.length ? ` (the first ${checked.issues.length} of ${formatCount(checked.issueCount)})` : ''}`}
            columns={[{ label: 'Line', className: 'shrink' }, { label: 'Row', className: 'shrink' }, 'Column', 'Problem']}
          >
            {checked.issues.map((issue, i) => (
              <tr key={i}>
                <td>{issue.line ?? '—'}</td>
                <td>{issue.row}</td>
                <td>{issue.column ?? 'the whole row'}</td>
                <td>{issue.message}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </>
  );
}

/**
 * A CSV or JSON file is checked first and every problem listed by line and
 * column; nothing is imported until the person chooses: all rows when
 * every one is valid, or only the valid ones.
 */
export function ImportDialog({ onClose, onDone }: { onClose: () => void; onDone: (message: string) => void }) {
  const run = useTicketAction('tickets.import');
  const [file, setFile] = useState<{ name: string; format: ImportFormat; content: string } | null>(null);
  const [checked, setChecked] = useState<ImportReply | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);

  async function pick(chosen: File | undefined) {
    setChecked(null);
    setFile(null);
    run.reset();
    if (!chosen) return;
    const format = formatOf(chosen.name);
    if (format === null) {
      setFileProblem('Choose a .csv or .json file in the import format (see the README).');
      return;
    }
    setFileProblem(null);
    const content = await chosen.text();
    if (content.trim() === '') {
      setFileProblem('The file is empty.');
      return;
    }
    setFile({ name: chosen.name, format, content });
    run.mutate({ format, content, mode: 'check' }, { onSuccess: setChecked });
  }

  function importRows(mode: 'all' | 'valid') {
    if (!file) return;
    run.mutate(
      { format: file.format, content: file.content, mode },
      {
        onSuccess: (done) =>
          onDone(
            `Imported ${formatCount(done.imported)} ticket${done.imported === 1 ? '' : 's'} from ${file.name}` +
              (done.numbers ? ` (${ticketNumberLabel(done.numbers.first)} to ${ticketNumberLabel(done.numbers.last)})` : '') +
              (done.rows > done.imported ? `; ${formatCount(done.rows - done.imported)} rows left out.` : '.'),
          ),
      },
    );
  }

  const allValid = checked !== null && checked.issueCount === 0 && checked.valid > 0;
  return (
    <Dialog title="Import tickets" onClose={onClose} wide>
      <p>Tickets with their history, as CSV or JSON in the format the README describes. The file is checked first; nothing is imported until you choose.</p>
      <TextField label="File" type="file" accept=".csv,.json,text/csv,application/json" error={fileProblem ?? undefined} onChange={(event) => void pick(event.target.files?.[0])} />
      {run.isPending && <p role="status">{checked ? 'Importing…' : 'Checking the file…'}</p>}
      {run.error != null && <Notice tone="error" title="The file was not imported">{errorText(run.error)}</Notice>}
      {checked && <CheckResult checked={checked} />}
      <div className="dialog-actions">
        <Button onClick={onClose}>Cancel</Button>
        {checked && !allValid && checked.valid > 0 && (
          <Button variant="primary" pending={run.isPending} onClick={() => importRows('valid')}>
            Import only the {formatCount(checked.valid)} valid rows
          </Button>
        )}
        {allValid && (
          <Button variant="primary" pending={run.isPending} onClick={() => importRows('all')}>
            Import {formatCount(checked.valid)} tickets
          </Button>
        )}
      </div>
    </Dialog>
  );
}
