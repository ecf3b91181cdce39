import { useState } from 'react';
import { z } from 'zod';
import type { RunbookSummary, RunSummary } from '../../../src-shared/contract';
import { RUN_RESULTS, RUN_TRIGGERS, type RunTrigger } from '../../../src-shared/runbooks';
import { errorText } from '../../api/error-text';
import type { RunFilters } from '../../api/query-keys';
import { useRuns } from '../../api/runbooks';
import { Button } from '../../components/Button';
import { DataTable } from '../../components/DataTable';
import { SelectField, TextField } from '../../components/Field';
import { LoadingLine } from '../../components/LoadingLine';
import { localTimeText } from '../../lib/form-fields';
import { useContractForm } from '../../lib/forms';
import { LOCAL_TIME_FORMAT } from '../../lib/time';
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

/** The span typed as the tables write times (To takes in the whole minute or day typed); empty is open-ended. */
const spanSchema = z
  .object({ from: localTimeText('from'), to: localTimeText('to') })
  .refine((f) => f.from === undefined || f.to === undefined || f.to > f.from, { path: ['to'], message: 'The end is before the start' });

type Span = z.output<typeof spanSchema>;

/** When the runs were asked for, applied on submit: a half-typed date narrows nothing useful. */
function SpanForm({ onApply }: { onApply: (span: Span) => void }) {
  const { form, formProps, field } = useContractForm({ schema: spanSchema, defaultValues: { from: '', to: '' } });
  return (
    <form {...formProps(onApply)} className="filters" aria-label="Runs between">
      <TextField label="From" hint={LOCAL_TIME_FORMAT} autoComplete="off" spellCheck={false} {...field('from')} />
      <TextField label="To" hint={LOCAL_TIME_FORMAT} autoComplete="off" spellCheck={false} {...field('to')} />
      <div className="filters-actions">
        <Button type="submit" variant="primary">
          Apply dates
        </Button>
        <Button
          onClick={() => {
            form.reset({ from: '', to: '' });
            onApply({ from: undefined, to: undefined });
          }}
        >
          Any date
        </Button>
      </div>
    </form>
  );
}

/** Every run kept, newest first, narrowed by runbook, result, how it was started, who asked and when; older pages on request. */
export function RunsHistory({ runbooks, now, onOpenRun }: { runbooks: RunbookSummary[]; now: number; onOpenRun: (id: string) => void }) {
  const [chosen, setChosen] = useState({ runbookId: '', result: '', trigger: '', actor: '' });
  const [span, setSpan] = useState<Span>({ from: undefined, to: undefined });
  const spanFilter = Object.fromEntries(Object.entries(span).filter(([, at]) => at !== undefined));
  const runs = useRuns({ ...withoutEmpty(chosen), ...spanFilter });
  const choose = (key: keyof typeof chosen) => (e: { target: { value: string } }) => setChosen((c) => ({ ...c, [key]: e.target.value }));
  const list = runs.data?.pages.flatMap((page) => page.runs) ?? [];
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
      <SpanForm onApply={setSpan} />
      {runs.isError && <Notice tone="error" title="Could not load the runs">{errorText(runs.error)}</Notice>}
      {runs.isPending && <LoadingLine label="Loading runs…" />}
      {runs.data && (
        <DataTable caption="Run history" captionHidden columns={COLUMNS} busy={runs.isFetching} empty={list.length === 0 ? 'No runs match.' : null}>
          {list.map((run) => (
            <RunRow key={run.id} run={run} now={now} onOpen={() => onOpenRun(run.id)} />
          ))}
        </DataTable>
      )}
      {runs.hasNextPage && (
        <Button onClick={() => void runs.fetchNextPage()} pending={runs.isFetchingNextPage}>
          Show older runs
        </Button>
      )}
    </>
  );
}
