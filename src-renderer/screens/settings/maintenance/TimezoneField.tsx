import { useId, type ChangeEvent } from 'react';
import { TextField } from '../../../components/Field';

/** Every zone this browser knows, offered as the name is typed; UTC first, the usual choice. */
const ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
const HERE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function TimezoneField({ value, error, onChange }: { value: string; error: string | undefined; onChange: (event: ChangeEvent<HTMLInputElement>) => void }) {
  const listId = useId();
  return (
    <>
      <TextField
        label="Time zone"
        name="timezone"
        autoComplete="off"
        spellCheck={false}
        list={listId}
        hint={`e.g. Europe/London. UTC never shifts with daylight saving. This computer: ${HERE}.`}
        value={value}
        error={error}
        onChange={onChange}
      />
      <datalist id={listId}>
        {ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </>
  );
}
