import { useEffect, useRef, useState, type RefObject } from 'react';
import { fieldErrorsFrom, formErrorFrom, type FieldErrors } from '../api/error-text';
import { isVigilError } from '../api/vigil-error';

interface MutationLike {
  error: unknown;
  reset(): void;
}

/** The string values of a form, by input name. */
export function readForm(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  new FormData(form).forEach((value, key) => {
    if (typeof value === 'string') values[key] = value;
  });
  return values;
}

function serverFieldErrors(err: unknown, fields: readonly string[], conflictField: string | undefined): FieldErrors {
  if (conflictField && isVigilError(err, 'CONFLICT')) return { [conflictField]: err.message };
  return fieldErrorsFrom(err, fields);
}

function focusFirstInvalid(form: HTMLFormElement | null, fields: readonly string[], errors: FieldErrors): void {
  const first = fields.find((f) => errors[f]);
  const control = first ? form?.elements.namedItem(first) : null;
  if (control instanceof HTMLElement) control.focus();
}

/**
 * One place for a form's problems: those found before sending (from the
 * contract's schemas) and those main sent back (INVALID_INPUT paths mapped to
 * fields, anything else above the form). Focus jumps to the first field at
 * fault, so a keyboard user lands where the fix is.
 */
export function useFormErrors(
  fields: readonly string[],
  mutation: MutationLike,
  formRef: RefObject<HTMLFormElement | null>,
  /** A field a CONFLICT is about (a username already taken). */
  conflictField?: string,
) {
  const [local, setLocal] = useState<FieldErrors>({});
  const hasLocal = Object.keys(local).length > 0;
  const fromMain = serverFieldErrors(mutation.error, fields, conflictField);
  const errors = hasLocal ? local : fromMain;
  const conflictShown = conflictField !== undefined && isVigilError(mutation.error, 'CONFLICT');
  const formError = hasLocal || conflictShown ? null : formErrorFrom(mutation.error, fields);

  const fieldsRef = useRef(fields);
  useEffect(() => {
    focusFirstInvalid(formRef.current, fieldsRef.current, serverFieldErrors(mutation.error, fieldsRef.current, conflictField));
  }, [mutation.error, formRef, conflictField]);

  /** True when nothing is wrong; otherwise shows the problems and returns false. */
  function check(problems: Record<string, string | undefined>): boolean {
    const found: FieldErrors = {};
    for (const [field, message] of Object.entries(problems)) if (message) found[field] = message;
    setLocal(found);
    if (Object.keys(found).length === 0) return true;
    mutation.reset();
    focusFirstInvalid(formRef.current, fields, found);
    return false;
  }

  return { errors, formError, check };
}
