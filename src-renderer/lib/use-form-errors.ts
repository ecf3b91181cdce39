import { useEffect, useRef, useState, type RefObject } from 'react';
import { fieldErrorsFrom, formErrorFrom, hasFieldPaths, type FieldErrors } from '../api/error-text';
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

/** A CONFLICT that names no path (a username already taken), put on the field the form knows it is about. */
function pathlessConflict(err: unknown, conflictField: string | undefined): FieldErrors | null {
  return conflictField && isVigilError(err, 'CONFLICT') && !hasFieldPaths(err) ? { [conflictField]: err.message } : null;
}

function serverFieldErrors(err: unknown, fields: readonly string[], conflictField: string | undefined): FieldErrors {
  return pathlessConflict(err, conflictField) ?? fieldErrorsFrom(err, fields);
}

function focusFirstInvalid(form: HTMLFormElement | null, fields: readonly string[], errors: FieldErrors): void {
  const first = fields.find((f) => errors[f]);
  const control = first ? form?.elements.namedItem(first) : null;
  if (control instanceof HTMLElement) control.focus();
}

/**
 * One place for a form's problems: those found before sending (from the
 * contract's schemas) and those main sent back (each issue whose path names
 * a field next to it, whatever the code; anything else above the form).
 * Focus jumps to the first field at fault, so a keyboard user lands where
 * the fix is.
 */
export function useFormErrors(
  fields: readonly string[],
  mutation: MutationLike,
  formRef: RefObject<HTMLFormElement | null>,
  /** The field a CONFLICT without paths is about (a username already taken). */
  conflictField?: string,
) {
  const [local, setLocal] = useState<FieldErrors>({});
  const hasLocal = Object.keys(local).length > 0;
  const fromMain = serverFieldErrors(mutation.error, fields, conflictField);
  const errors = hasLocal ? local : fromMain;
  const formError = hasLocal || pathlessConflict(mutation.error, conflictField) ? null : formErrorFrom(mutation.error, fields);

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
