import { useMutation } from '@tanstack/react-query';
import type { TicketQuery } from '../../api/query-keys';
import { errorText } from '../../api/error-text';
import { useCall } from '../../api/vigil-context';
import { Button } from '../../components/Button';
import { downloadText } from '../../lib/download';
import { formatCount } from '../../lib/format';

/** The queue as filtered now, as CSV in the import format (text redacted), downloaded. */
export function ExportViewButton({ query, onDone }: { query: TicketQuery; onDone: (message: string) => void }) {
  const call = useCall();
  const exportView = useMutation({
    mutationFn: () => call('tickets.export', { filter: query.filter ?? { status: 'open' }, sort: query.sort ?? 'urgency' }),
    onSuccess: (file) => {
      downloadText(file.fileName, file.content, 'text/csv');
      onDone(`Exported ${formatCount(file.rows)} tickets to ${file.fileName}${file.redacted ? ', text redacted' : ''}${file.truncated ? ' (only the first rows: narrow the view for the rest)' : ''}.`);
    },
    onError: (err) => onDone(`The view was not exported: ${errorText(err)}`),
  });
  return (
    <Button icon="download" pending={exportView.isPending} onClick={() => exportView.mutate()}>
      Export view (CSV)
    </Button>
  );
}
