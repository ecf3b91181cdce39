import { z } from 'zod';
import { CHANNELS } from '../../../src-shared/contract';
import { useSetExportRetention } from '../../api/audit';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { formatCount } from '../../lib/format';
import { boundsOf, wholeNumberText } from '../../lib/form-fields';
import { useContractForm } from '../../lib/forms';

const DAYS = boundsOf(CHANNELS['audit.setExportRetention'].input.shape.days);
const retentionSchema = z.object({ days: wholeNumberText(DAYS) });

/** How long the data folder keeps exported files, which are plain text: an administrator's setting. */
export function ExportRetention({ days }: { days: number }) {
  const save = useSetExportRetention();
  const { formProps, field, formError } = useContractForm({ schema: retentionSchema, defaultValues: { days: String(days) }, mutation: save });
  return (
    <form {...formProps((input) => save.mutate(input))} className="form form-inline" aria-label="Export retention">
      {formError && <Notice tone="error" title="The setting was not saved">{formError}</Notice>}
      <TextField
        label="Keep exports for (days)"
        inputMode="numeric"
        autoComplete="off"
        hint={`${DAYS.min} to ${formatCount(DAYS.max)} days; older exports are deleted at start and once a day.`}
        {...field('days')}
      />
      <Button type="submit" pending={save.isPending}>
        Save
      </Button>
      {save.isSuccess && (
        <p role="status">
          Exports are kept {formatCount(save.data.exportRetentionDays)} days
          {save.data.removed > 0 ? `; ${formatCount(save.data.removed)} older ${save.data.removed === 1 ? 'file was' : 'files were'} deleted now.` : '.'}
        </p>
      )}
    </form>
  );
}
