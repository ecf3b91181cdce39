import { Button } from '../../../components/Button';
import { TextField } from '../../../components/Field';
import { TimeAgo } from '../../../components/TimeAgo';
import type { FieldBinding } from '../../../lib/forms';
import { localDateTime } from '../../../lib/time';
import type { SavedException } from './outbound-form';

/**
 * One allowed host: an allowed one by name, with who added it and when, and
 * its note to change; a new one with a box for its name. Named as a group
 * by its host, so each Note and Remove is known by it.
 */
export function ExceptionRow({ index, saved, host, note, now, onRemove }: {
  index: number;
  /** The host as saved, or null for one added in this form. */
  saved: SavedException | null;
  host: FieldBinding;
  note: FieldBinding;
  now: number;
  onRemove: () => void;
}) {
  const name = saved?.host ?? `New host ${index + 1}`;
  return (
    <fieldset className="setting exception-row">
      <legend className={saved ? 'exception-host' : 'visually-hidden'}>{name}</legend>
      {saved ? (
        <p className="setting-description">
          Added by {saved.addedBy}, {localDateTime(saved.addedAt)} (<TimeAgo at={saved.addedAt} now={now} />)
        </p>
      ) : (
        <TextField label="Host name or IP address" autoComplete="off" spellCheck={false} className="field-code" hint="As in the URL, e.g. 169.254.10.20 or metadata.internal.example." {...host} />
      )}
      <TextField label="Why it is allowed" autoComplete="off" hint="Required: what lives there, for the next administrator." {...note} />
      <Button icon="trash" onClick={onRemove}>
        Remove<span className="visually-hidden"> {name}</span>
      </Button>
    </fieldset>
  );
}
