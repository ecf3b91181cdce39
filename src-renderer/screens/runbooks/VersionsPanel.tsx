import { useState } from 'react';
import { errorText } from '../../api/error-text';
import { useRunbookDiff, useRunbookVersions } from '../../api/runbooks';
import { SelectField } from '../../components/Field';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { formatBytes } from '../../lib/format';
import { localDateTime } from '../../lib/time';

const MARK = { added: '+', removed: '−', same: ' ' } as const;

/** The saved versions, and the line diff between any two of them (the newest against the one before, to start). */
export function VersionsPanel({ id }: { id: string }) {
  const versions = useRunbookVersions(id);
  const list = versions.data?.versions ?? [];
  const [picked, setPicked] = useState<{ from: number; to: number } | null>(null);
  const range = picked ?? (list.length >= 2 ? { from: list[1]?.version ?? 1, to: list[0]?.version ?? 1 } : null);
  const diff = useRunbookDiff(id, range);
  const choose = (edge: 'from' | 'to') => (e: { target: { value: string } }) =>
    setPicked({ ...(range ?? { from: 1, to: 1 }), [edge]: Number(e.target.value) });

  return (
    <section className="panel versions-panel" aria-labelledby="versions-title">
      <h3 id="versions-title">Versions</h3>
      {versions.isPending && <LoadingLine label="Loading versions…" />}
      {versions.isError && <Notice tone="error" title="Could not load the versions">{errorText(versions.error)}</Notice>}
      <ul className="versions-list">
        {list.map((v) => (
          <li key={v.version}>
            Version {v.version}: saved by {v.savedBy}, {localDateTime(v.savedAt)} ({formatBytes(v.bytes)})
          </li>
        ))}
      </ul>
      {range && (
        <>
          <div className="field-pair">
            <SelectField label="Compare version" value={String(range.from)} onChange={choose('from')}>
              {list.map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version}
                </option>
              ))}
            </SelectField>
            <SelectField label="With version" value={String(range.to)} onChange={choose('to')}>
              {list.map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version}
                </option>
              ))}
            </SelectField>
          </div>
          {diff.isError && <Notice tone="error" title="Could not compare them">{errorText(diff.error)}</Notice>}
          {diff.data && (
            <>
              <p>
                {diff.data.added} line{diff.data.added === 1 ? '' : 's'} added, {diff.data.removed} removed.
              </p>
              <pre className="diff" aria-label={`Changes from version ${range.from} to ${range.to}`} tabIndex={0}>
                {diff.data.lines.map((line, i) => (
                  <span key={i} className={`diff-line diff-${line.kind}`}>
                    {MARK[line.kind]} {line.text}
                  </span>
                ))}
              </pre>
            </>
          )}
        </>
      )}
    </section>
  );
}
