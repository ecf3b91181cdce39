import { useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import type { RunbookIssue, RunbookSummary } from '../../../src-shared/contract';
import { errorText } from '../../api/error-text';
import { useDeleteRunbook, useRunbook, useSaveRunbook, useValidateRunbook } from '../../api/runbooks';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { VersionsPanel } from './VersionsPanel';

/** How long typing rests before main is asked whether the YAML is valid. */
export const VALIDATE_AFTER_MS = 400;

const NEW_RUNBOOK = `id: my-runbook
name: My runbook
description: What it is for.
roles: [admin]
steps:
  - id: probe
    name: Probe every connection
    action: probe_connections
`;

/** Where a 1-based line and column fall in the text. */
function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length); i += 1) offset += (lines[i]?.length ?? 0) + 1;
  return Math.min(text.length, offset + column - 1);
}

/** The problems, each at its line and column; pressing one puts the caret there. */
function IssueList({ id, issues, onJump }: { id: string; issues: RunbookIssue[]; onJump: (issue: RunbookIssue) => void }) {
  if (issues.length === 0) {
    return (
      <p id={id} className="status status-ok yaml-valid">
        <Icon name="check" /> Valid: it matches the runbook schema.
      </p>
    );
  }
  return (
    <div id={id} className="yaml-issues" role="region" aria-label="Problems in the YAML">
      <p className="field-error">
        <Icon name="warning" />
        <span>
          {issues.length} problem{issues.length === 1 ? '' : 's'}: it cannot be saved or run until fixed.
        </span>
      </p>
      <ul>
        {issues.map((issue) => (
          <li key={`${issue.line}:${issue.column}:${issue.message}`}>
            <Button variant="link" onClick={() => onJump(issue)}>
              Line {issue.line}, column {issue.column}
            </Button>{' '}
            <span>
              {issue.path.length > 0 && <code>{issue.path.join('.')}</code>} {issue.message}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function DeleteDialog({ runbook, onClose, onDeleted }: { runbook: RunbookSummary; onClose: () => void; onDeleted: () => void }) {
  const remove = useDeleteRunbook();
  return (
    <Dialog title={`Delete ${runbook.name}?`} onClose={onClose}>
      <p>Its versions go; the history of its runs stays in the audit trail and run history.</p>
      {remove.error ? <Notice tone="error" title="It was not deleted">{errorText(remove.error)}</Notice> : null}
      <div className="dialog-actions">
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="danger" icon="trash" pending={remove.isPending} onClick={() => remove.mutate(runbook.id, { onSuccess: onDeleted })}>
          Delete runbook
        </Button>
      </div>
    </Dialog>
  );
}

/** Checks the text with main as it is typed, once typing rests. */
function useLiveValidation(yaml: string | null, fileName: string) {
  const validate = useValidateRunbook();
  const ask = useEffectEvent((text: string) => validate.mutate({ yaml: text, fileName }));
  useEffect(() => {
    if (yaml === null) return;
    const timer = setTimeout(() => ask(yaml), VALIDATE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [yaml]);
  return validate;
}

function EditorForm({ runbook, initialYaml, initialIssues, baseVersion, onSaved, onClose }: {
  runbook: RunbookSummary | null;
  initialYaml: string;
  initialIssues: RunbookIssue[];
  baseVersion: number | null;
  onSaved: (saved: RunbookSummary) => void;
  onClose: () => void;
}) {
  const [yaml, setYaml] = useState(initialYaml);
  const [typed, setTyped] = useState<string | null>(null);
  const fileName = runbook?.fileName ?? 'runbook.yaml';
  const validate = useLiveValidation(typed, fileName);
  const save = useSaveRunbook();
  const area = useRef<HTMLTextAreaElement>(null);
  const issuesId = useId();
  const issues = typed === null ? initialIssues : (validate.data?.issues ?? initialIssues);

  const jump = (issue: RunbookIssue) => {
    const at = offsetOf(yaml, issue.line, issue.column);
    area.current?.focus();
    area.current?.setSelectionRange(at, offsetOf(yaml, issue.endLine, issue.endColumn) || at);
  };

  return (
    <form
      className="form form-wide yaml-form"
      aria-label="Runbook YAML"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ yaml, fileName, baseVersion }, { onSuccess: ({ runbook: saved }) => onSaved(saved) });
      }}
    >
      {save.error ? <Notice tone="error" title="It was not saved">{errorText(save.error)}</Notice> : null}
      <div className="field field-code">
        <label htmlFor={`${issuesId}-yaml`}>YAML</label>
        <textarea
          id={`${issuesId}-yaml`}
          ref={area}
          className="yaml-text"
          value={yaml}
          rows={Math.min(32, Math.max(12, yaml.split('\n').length + 1))}
          spellCheck={false}
          aria-invalid={issues.length > 0 || undefined}
          aria-describedby={issuesId}
          onChange={(e) => {
            setYaml(e.target.value);
            setTyped(e.target.value);
            save.reset();
          }}
        />
      </div>
      <div aria-live="polite">
        <IssueList id={issuesId} issues={issues} onJump={jump} />
      </div>
      <div className="dialog-actions">
        <Button onClick={onClose}>Close</Button>
        <Button type="submit" variant="primary" icon="check" pending={save.isPending}>
          {baseVersion === null ? 'Import runbook' : 'Save as a new version'}
        </Button>
      </div>
    </form>
  );
}

/** An admin's view of one runbook's YAML (or a new one's): edit with the schema's problems at their line and column, save, compare versions, delete. */
export function RunbookEditor({ runbook, onClose, onSaved, onDeleted }: {
  runbook: RunbookSummary | null;
  onClose: () => void;
  onSaved: (saved: RunbookSummary) => void;
  onDeleted: (runbook: RunbookSummary) => void;
}) {
  const loaded = useRunbook(runbook?.id ?? null);
  const [deleting, setDeleting] = useState(false);
  const title = runbook ? `Edit ${runbook.name}` : 'Import a runbook';
  return (
    <section className="runbook-editor" aria-labelledby="runbook-editor-title">
      <div className="editor-head">
        <h2 id="runbook-editor-title">{title}</h2>
        {runbook?.source === 'custom' && (
          <Button variant="danger" icon="trash" onClick={() => setDeleting(true)}>
            Delete
          </Button>
        )}
      </div>
      {runbook === null ? (
        <EditorForm runbook={null} initialYaml={NEW_RUNBOOK} initialIssues={[]} baseVersion={null} onSaved={onSaved} onClose={onClose} />
      ) : (
        <>
          {loaded.isPending && <LoadingLine label="Loading the YAML…" />}
          {loaded.isError && <Notice tone="error" title="Could not load the YAML">{errorText(loaded.error)}</Notice>}
          {loaded.data && (
            <EditorForm
              key={loaded.data.runbook.version}
              runbook={loaded.data.runbook}
              initialYaml={loaded.data.yaml}
              initialIssues={loaded.data.issues}
              baseVersion={loaded.data.runbook.version}
              onSaved={onSaved}
              onClose={onClose}
            />
          )}
          <VersionsPanel id={runbook.id} />
        </>
      )}
      {deleting && runbook && <DeleteDialog runbook={runbook} onClose={() => setDeleting(false)} onDeleted={() => onDeleted(runbook)} />}
    </section>
  );
}
