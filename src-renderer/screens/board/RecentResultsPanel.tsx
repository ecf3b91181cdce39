import type { ChannelOutput } from '../../../src-shared/contract';
import { DataTable } from '../../components/DataTable';
import { formatMs } from '../../lib/format';
import { isoOf, localDateTime, localTimeOfDay, sameLocalDay } from '../../lib/time';
import { CheckStatusLabel } from '../connections/CheckStatusLabel';

type StoredResult = ChannelOutput<'monitor.detail'>['recent'][number];

const COLUMNS = [{ label: 'Time', className: 'shrink' }, { label: 'Result', className: 'shrink' }, { label: 'Latency', className: 'shrink' }, 'Failed at'];

const ERROR_WORDS: Record<NonNullable<StoredResult['errorKind']>, string> = {
  timeout: 'timed out',
  stuck: 'stuck, aborted',
  error: 'error',
};

function failedAt({ failedProbe, errorKind }: StoredResult): string | null {
  if (!failedProbe && !errorKind) return null;
  return [failedProbe, errorKind && ERROR_WORDS[errorKind]].filter(Boolean).join(' — ');
}

/** Today's runs by the clock alone, which keeps the table narrow; older ones with their date. */
function whenText(at: number, now: number): string {
  return sameLocalDay(at, now) ? localTimeOfDay(at) : localDateTime(at);
}

/** The latest runs, newest first: whether a failure was a blip or a pattern. */
export function RecentResultsPanel({ results, now }: { results: StoredResult[]; now: number }) {
  const newestFirst = [...results].sort((a, b) => b.at - a.at);
  return (
    <section className="panel detail-panel" aria-labelledby="recent-title">
      <h3 id="recent-title">Recent runs</h3>
      <DataTable caption="Recent runs" captionHidden columns={COLUMNS} className="recent-table" empty={results.length === 0 ? 'No runs yet.' : undefined}>
        {newestFirst.map((r) => (
          <tr key={r.at}>
            <td className="nowrap num">
              <time dateTime={isoOf(r.at)} title={localDateTime(r.at)}>
                {whenText(r.at, now)}
              </time>
            </td>
            <td className="nowrap">
              <CheckStatusLabel status={r.status} />
            </td>
            <td className="nowrap num">{r.latencyMs === null ? <span className="muted">—</span> : formatMs(r.latencyMs)}</td>
            <td>{failedAt(r) ?? <span className="muted">—</span>}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
