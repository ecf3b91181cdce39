import { z } from 'zod';
import { pairingCodeSchema } from '../../../src-shared/contract';
import { usePairDisplay } from '../../api/displays';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useContractForm } from '../../lib/forms';
import { AuthLayout } from '../start/AuthLayout';

/** Why the screen asks for a code: never paired, removed by an administrator, or its pairing no longer holds. */
export type PairingReason = 'new' | 'revoked' | 'unpaired';

const REASONS: Record<Exclude<PairingReason, 'new'>, string> = {
  revoked: 'An administrator removed this wall display. It shows nothing until it is paired again.',
  unpaired: 'This screen is no longer paired: it was paired again on another screen, or removed while it was off.',
};

/**
 * On the wall's browser (#/display): the code an administrator got when
 * adding the display. Pairing binds the display to this browser's own
 * secret; from then on the screen shows the board, read-only, and stays on.
 */
export function PairingScreen({ secret, reason, onPaired }: { secret: string; reason: PairingReason; onPaired: (displayToken: string) => void }) {
  const pair = usePairDisplay();
  const schema = z.object({ code: z.string() }).transform((form, ctx) => {
    const code = pairingCodeSchema.safeParse(form.code);
    if (!code.success) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: code.error.issues[0]?.message ?? 'Enter the pairing code' });
      return z.NEVER;
    }
    return { code: code.data, secret };
  });
  const { formProps, field, formError } = useContractForm({ schema, defaultValues: { code: '' }, mutation: pair });
  return (
    <AuthLayout
      title="Pair this screen as a wall display"
      intro={
        <p>
          An administrator adds a wall display in Vigil under Settings → Wall displays and is given a pairing code. Enter it here: this screen then shows the
          status board and the active alerts, read-only, and stays on with nobody signed in.
        </p>
      }
    >
      {reason !== 'new' && <Notice tone="warning" title={REASONS[reason]} />}
      <form {...formProps((input) => pair.mutate(input, { onSuccess: (paired) => onPaired(paired.displayToken) }))} className="form pairing-form" aria-label="Pair this screen">
        {formError && <Notice tone="error" title="This screen was not paired">{formError}</Notice>}
        <TextField
          label="Pairing code"
          className="field-code pairing-code"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="XXXX-XXXX"
          hint="8 letters and digits, as Settings shows them; it works for 10 minutes."
          autoFocus
          {...field('code')}
        />
        <Button type="submit" variant="primary" pending={pair.isPending}>
          Pair this screen
        </Button>
      </form>
    </AuthLayout>
  );
}
