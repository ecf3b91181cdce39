import type { Connection } from '../../../src-shared/contract';
import { Button } from '../../components/Button';
import { TimeAgo } from '../../components/TimeAgo';
import { AUTH_MODE_LABELS } from './auth-modes';
import { LastTestLabel } from './LastTestLabel';
import type { ShownDiagnostics } from './shown-diagnostics';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function ConnectionRow({ connection, vendorLabel, selected, shown, now, onSelect, onTest }: {
  connection: Connection;
  vendorLabel: string;
  selected: boolean;
  /** The same run the details show: a test just finished here counts before the list catches up. */
  shown: ShownDiagnostics;
  now: number;
  onSelect: () => void;
  /** Absent for roles that may not run diagnostics. */
  onTest: (() => void) | null;
}) {
  const { config } = connection;
  const testing = shown.kind === 'running';
  const last = shown.kind === 'done' ? shown.diagnostics : null;
  return (
    // What is read from across the room (name, last result) keeps to one line; the sign-in method may wrap.
    <tr className={selected ? 'row-selected' : undefined}>
      <th scope="row" className="nowrap">
        {/* The name opens the details below the table; aria-current marks whose they are. */}
        <button type="button" className="row-pick" aria-current={selected || undefined} onClick={onSelect}>
          {config.name}
        </button>
        {connection.sandbox && <span className="tag">built-in</span>}
        {!config.enabled && <span className="tag">disabled</span>}
      </th>
      <td className="nowrap">{vendorLabel}</td>
      <td>{AUTH_MODE_LABELS[config.authMode]}</td>
      <td className="mono nowrap">{hostOf(config.baseUrl)}</td>
      <td className="nowrap">
        <LastTestLabel diagnostics={last} running={testing} />
      </td>
      <td className="nowrap">{last ? <TimeAgo at={last.finishedAt} now={now} /> : <span className="muted">—</span>}</td>
      {onTest && (
        <td>
          <Button icon="play" pending={testing} onClick={onTest}>
            Test now<span className="visually-hidden"> {config.name}</span>
          </Button>
        </td>
      )}
    </tr>
  );
}
