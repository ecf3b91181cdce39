import { CheckboxField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import type { FieldBinding } from '../../lib/forms';

/**
 * Whether this connection may use plain http:// to another computer, for an
 * endpoint that has no https. Main refuses it unless ticked; ticked, what it
 * costs is said beside it, in words nobody can miss.
 */
export function PlainHttpField({ field, allowed }: { field: FieldBinding; allowed: boolean }) {
  return (
    <>
      <CheckboxField
        label="Allow plain http:// (unencrypted)"
        hint="Only for an endpoint that has no https. Off: Vigil sends plain http:// to this computer alone."
        {...field}
      />
      {allowed && (
        <Notice tone="warning" title="Unencrypted">
          With plain http://, tokens, passwords and patient data cross the network unencrypted: anyone on the way can read them. Its tile on
          the status board says so.
        </Notice>
      )}
    </>
  );
}
