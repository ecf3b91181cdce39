import type { RunbookParam } from '../../../src-shared/runbooks';
import { useConnections } from '../../api/connections';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import type { FieldBinding } from '../../lib/forms';
import { paramLabel } from './param-form';

/** The connections by name, and "All connections" where the runbook allows it. */
function ConnectionPicker({ param, label, hint, binding }: { param: Extract<RunbookParam, { type: 'connection' }>; label: string; hint?: string; binding: FieldBinding }) {
  const connections = useConnections();
  return (
    <SelectField label={label} hint={hint} {...binding}>
      <option value="">{connections.isPending ? 'Loading connections…' : 'Choose a connection'}</option>
      {param.allow_all && <option value="all">All connections</option>}
      {(connections.data?.connections ?? []).map((c) => (
        <option key={c.id} value={String(c.id)}>
          {c.config.name}
        </option>
      ))}
    </SelectField>
  );
}

/** One parameter's control: a box, a tick, or a choice, with its help as the hint. */
export function ParamField({ param, binding }: { param: RunbookParam; binding: FieldBinding }) {
  const label = param.required ? paramLabel(param) : `${paramLabel(param)} (optional)`;
  const hint = param.help;
  switch (param.type) {
    case 'boolean':
      return <CheckboxField label={paramLabel(param)} hint={hint} {...binding} />;
    case 'one-of':
      return (
        <SelectField label={label} hint={hint} {...binding}>
          {!param.required || param.default === undefined ? <option value="">Choose…</option> : null}
          {param.values.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </SelectField>
      );
    case 'connection':
      return <ConnectionPicker param={param} label={label} hint={hint} binding={binding} />;
    case 'duration':
      return <TextField label={label} hint={hint ?? 'A duration such as 30s, 5m or 1h30m.'} autoComplete="off" spellCheck={false} {...binding} />;
    case 'number':
      return <TextField label={label} hint={hint} inputMode="decimal" autoComplete="off" {...binding} />;
    case 'string':
      return param.values ? (
        <SelectField label={label} hint={hint} {...binding}>
          <option value="">Choose…</option>
          {param.values.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </SelectField>
      ) : (
        <TextField label={label} hint={hint} type={param.secret ? 'password' : 'text'} autoComplete="off" spellCheck={false} {...binding} />
      );
  }
}
