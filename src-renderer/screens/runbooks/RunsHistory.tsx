import { useState } from 'react';
import type { RunbookSummary, RunSummary } from '../../../src-shared/contract';
import { RUN_RESULTS, RUN_TRIGGERS, type RunTrigger } from '../../../src-shared/runbooks';
import { errorText } from '../../api/error-text';
import type { RunFilters } from '../../api/query-keys';
import { useRuns } from '../../api/runbooks';
import { Button } from '../../components/Button';
import { DataTable } from '../../components/DataTable';
import { SelectField, TextField } from '../../components/Field';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { TimeAgo } from '../../components/TimeAgo';
import { formatSpan } from '../../lib/time';
import { RESULT_WORDS, RunStatus } from './run-words';

const TRIGGER_WORDS: Record<RunTrigger, string> = { manual: 'By hand', schedule: 'Scheduled', rerun: 'Run again' };

const COLUMNS = ['Runbook', 'Result', 'How', 'Asked by', 'When', 'Took', { label: 'Actions', className: 'shrink' }] as const;

export function RunRow({ run, now, onOpen, action = 'Open' }: { run: RunSummary; now: number; onOpen: () => void; action?: string }) {
  return (
    <tr>
      <th scope="row">{run.runbookName}</th>
      <td>
        <RunStatus state={run.state} result={run.result} />
      </td>
      <td>{TRIGGER_WORDS[run.trigger]}</td>
      <td>{run.actor}</td>
      <td>
        <TimeAgo at={run.startedAt ?? run.createdAt} now={now} />
      </td>
      <td>{run.durationMs === null ? '—' : formatSpan(run.durationMs)}</td>
      <td className="row-actions">
        <Button onClick={onOpen} aria-label={`${action} the run of ${run.runbookName} by ${run.actor}`}>
          {action}
        </Button>
      </td>
    </tr>
  );
}

export const RUN_COLUMNS = COLUMNS;

/** Filters as chosen: an empty choice is no filter. */
function withoutEmpty(filter: Record<string, string>): RunFilters {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== '')) as RunFilters;
}

/** Every run kept, newest first, narrowed by runbook, result, how it was started and who asked. */
export function RunsHistory({ runbooks, now, onOpenRun }: { runbooks: RunbookSummary[]; now: number; onOpenRun: (id: string) => void }) {
  const [chosen, setChosen] = useState({ runbookId: '', result: '', trigger: '', actor: '' });
  const runs = useRuns(withoutEmpty(chosen));
  const choose = (key: keyof typeof chosen) => (e: { target: { value: string } }) => setChosen((c) => ({ ...c, [key]: e.target.value }));
  const list = runs.data?.runs ?? [];
  return (
    <>
      <form className="filters" aria-label="Filter runs" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Runbook" value={chosen.runbookId} onChange={choose('runbookId')}>
          <option value="">All runbooks</option>
          {runbooks.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Result" value={chosen.result} onChange={choose('result')}>
          <option value="">Any result</option>
          {RUN_RESULTS.map((r) => (
            <option key={r} value={r}>
              {RESULT_WORDS[r]}
            </option>
          ))}
        </SelectField>
        <SelectField label="How" value={chosen.trigger} onChange={choose('trigger')}>
          <option value="">Any way</option>
          {RUN_TRIGGERS.map((t) => (
            <option key={t} value={t}>
              {TRIGGER_WORDS[t]}
            </option>
          ))}
        </SelectField>
        <TextField label="Asked by" value={chosen.actor} autoComplete="off" onChange={choose('actor')} hint="A username, or scheduler" />
      </form>
      {runs.isError && <Notice tone="error" title="Could not load the runs">{errorText(runs.error)}</Notice>}
      {runs.isPending && <LoadingLine label="Loading runs…" />}
      {runs.data && (
        <DataTable caption="Run history" captionHidden columns={COLUMNS} busy={runs.isFetching} empty={list.length === 0 ? 'No runs match.' : null}>
          {list.map((run) => (
            <RunRow key={run.id} run={run} now={now} onOpen={() => onOpenRun(run.id)} />
          ))}
        </DataTable>
      )}
    </>
  );
}
