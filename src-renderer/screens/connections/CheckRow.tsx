import type { CheckResult } from '../../../src-shared/contract';
import { formatMs } from '../../lib/format';
import { localDateTime } from '../../lib/time';
import { CheckStatusLabel } from './CheckStatusLabel';

type Facts = CheckResult['facts'];

/** Facts that are moments: the contract carries them as epoch ms, people read them as local dates. */
const TIME_FACTS: ReadonlySet<keyof Facts> = new Set(['validTo', 'expiresAt']);

function factText(key: keyof Facts, value: Facts[keyof Facts]): string {
  return TIME_FACTS.has(key) && typeof value === 'number' ? localDateTime(value) : String(value);
}

function CheckFacts({ facts }: { facts: Facts }) {
  // A null fact is one the server did not give (or nothing to list): leave it out rather than print "null".
  const entries = (Object.entries(facts) as [keyof Facts, Facts[keyof Facts]][]).filter(([, value]) => value !== null && value !== undefined);
  if (entries.length === 0) return null;
  return (
    <ul className="detail-list">
      {entries.map(([key, value]) => (
        <li key={key}>
          <span className="detail-key">{key}:</span> <code>{factText(key, value)}</code>
        </li>
      ))}
    </ul>
  );
}

/** What went wrong, led by the kind and knowledge-base code people search for, then what to do. */
function CheckError({ error, status }: { error: NonNullable<CheckResult['error']>; status: CheckResult['status'] }) {
  return (
    <div className={`check-error check-error-${status}`}>
      <p className="check-guidance">
        <strong>
          {error.kind} · {error.kbCode}
        </strong>
        {' — '}
        {error.guidance}
      </p>
      <p className="check-message">{error.message}</p>
      {/* Only roles that may see PHI get the server's own words, already redacted: set apart as a quotation, not Vigil's. */}
      {error.serverText && (
        <figure className="server-text">
          <figcaption>The server said:</figcaption>
          <blockquote>{error.serverText}</blockquote>
        </figure>
      )}
    </div>
  );
}

export function CheckRow({ check }: { check: CheckResult }) {
  return (
    <tr className={`check-row check-row-${check.status}`}>
      <td className="nowrap">
        <CheckStatusLabel status={check.status} />
      </td>
      <th scope="row">
        {check.label}
        {check.optional && <span className="tag">optional</span>}
      </th>
      {/* A skipped step took no time worth reading. */}
      <td className="num nowrap">{check.ms === null || check.status === 'skip' ? <span className="muted">—</span> : formatMs(check.ms)}</td>
      <td>
        <p className="check-summary">{check.summary}</p>
        {check.error && <CheckError error={check.error} status={check.status} />}
        <CheckFacts facts={check.facts} />
      </td>
    </tr>
  );
}
