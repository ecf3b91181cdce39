import { useState, type FormEvent } from 'react';
import type { ChannelInput } from '../../../../src-shared/contract';
import { errorText } from '../../../api/error-text';
import { useSetSandbox } from '../../../api/sandbox';
import { Button } from '../../../components/Button';
import { TextField } from '../../../components/Field';
import { readForm } from '../../../lib/use-form-errors';
import { wholeNumber } from '../../../lib/rules';

/** A number of the sandbox, sent with Apply (or Enter): half-typed values are not worth a request each. */
export function NumberSetting({ label, unit, description, value, min, max, patch, onApplied }: {
  label: string;
  unit: string;
  description: string;
  value: number;
  min: number;
  max: number;
  patch: (n: number) => ChannelInput<'sandbox.set'>;
  onApplied: (change: string) => void;
}) {
  const set = useSetSandbox();
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (set.isPending) return;
    const parsed = wholeNumber(readForm(event.currentTarget).value ?? '', min, max);
    if ('problem' in parsed) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(null);
    set.mutate(patch(parsed.value), { onSuccess: () => onApplied(`${label} set to ${parsed.value.toLocaleString()} ${unit}.`) });
  }

  return (
    <form className="setting setting-number" onSubmit={submit} noValidate aria-label={label}>
      <TextField
        // Shows main's value again after every change, including one from Reset all faults.
        key={value}
        label={`${label} (${unit})`}
        name="value"
        inputMode="numeric"
        autoComplete="off"
        defaultValue={String(value)}
        hint={description}
        error={problem ?? (set.isError ? errorText(set.error) : undefined)}
      />
      <Button type="submit" pending={set.isPending}>
        Apply<span className="visually-hidden"> {label}</span>
      </Button>
    </form>
  );
}
