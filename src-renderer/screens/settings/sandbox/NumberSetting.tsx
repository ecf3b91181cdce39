import { useMemo } from 'react';
import { z } from 'zod';
import type { ChannelInput } from '../../../../src-shared/contract';
import { useSetSandbox } from '../../../api/sandbox';
import { Button } from '../../../components/Button';
import { TextField } from '../../../components/Field';
import { wholeNumberText, type Bounds } from '../../../lib/form-fields';
import { useContractForm } from '../../../lib/forms';

/** A number of the sandbox, sent with Apply (or Enter): half-typed values are not worth a request each. */
export function NumberSetting({ label, unit, description, value, bounds, patch, onApplied }: {
  label: string;
  unit: string;
  description: string;
  value: number;
  bounds: Bounds;
  patch: (n: number) => ChannelInput<'sandbox.set'>;
  onApplied: (change: string) => void;
}) {
  const set = useSetSandbox();
  const schema = useMemo(() => z.object({ value: wholeNumberText(bounds) }), [bounds]);
  const { formProps, field, formError } = useContractForm({
    schema,
    defaultValues: { value: String(value) },
    // Shows main's value again after every change, including one from Reset all faults.
    values: { value: String(value) },
    mutation: set,
  });
  const input = field('value');

  return (
    <form
      {...formProps((n) => set.mutate(patch(n.value), { onSuccess: () => onApplied(`${label} set to ${n.value.toLocaleString()} ${unit}.`) }))}
      className="setting setting-number"
      aria-label={label}
    >
      <TextField label={`${label} (${unit})`} inputMode="numeric" autoComplete="off" hint={description} {...input} error={input.error ?? formError ?? undefined} />
      <Button type="submit" pending={set.isPending}>
        Apply<span className="visually-hidden"> {label}</span>
      </Button>
    </form>
  );
}
