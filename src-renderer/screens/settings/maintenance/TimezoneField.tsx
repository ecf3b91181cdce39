import { useId } from 'react';
import { TextField } from '../../../components/Field';
import type { FieldBinding } from '../../../lib/forms';

/** Every zone this browser knows, offered as the name is typed; UTC first, the usual choice. */
const ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
const HERE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function TimezoneField(field: FieldBinding) {
  const listId = useId();
  return (
    <>
      <TextField
        label="Time zone"
        autoComplete="off"
        spellCheck={false}
        list={listId}
        hint={`e.g. Europe/London. UTC never shifts with daylight saving. This computer: ${HERE}.`}
        {...field}
      />
      <datalist id={listId}>
        {ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </>
  );
}
