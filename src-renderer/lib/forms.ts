import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useEffectEvent, useRef, type FormEvent } from 'react';
import { get, useForm, type DefaultValues, type FieldError, type FieldValues, type Path, type RegisterOptions, type UseFormRegisterReturn } from 'react-hook-form';
import type { z } from 'zod';
import { errorText, issuesOf } from '../api/error-text';
import { isVigilError } from '../api/vigil-error';
import { fieldAt, fieldPaths } from './form-fields';

/**
 * The one way the console builds a form: react-hook-form, checked by a zod
 * schema derived from the contract's (zodResolver), whose output is the
 * input main takes. Field names are the contract's input paths
 * ('config.baseUrl'), so an issue main sends back by path lands on the
 * field it names, as does the same schema's issue found here first.
 *
 * What every form here does the same way: problems show when it is sent
 * (and stay until it is sent again), each next to its field in place of the
 * hint; focus goes to the first field at fault; main's answer goes next to
 * the fields its issues name and, when it names none, above the form
 * (formError); Enter in a field sends the form (a native submit).
 */

/** A control bound to a form field (react-hook-form's register), with the problem its Field component shows. */
export type FieldBinding = UseFormRegisterReturn & { error: string | undefined };

interface MutationLike {
  error: unknown;
  isPending: boolean;
  reset(): void;
}

export interface ContractFormOptions<TValues extends FieldValues, TOutput> {
  /** Form values in, the input main takes out; its issues name the fields at fault. */
  schema: z.ZodType<TOutput, TValues>;
  defaultValues: DefaultValues<TValues>;
  /** Values from main that replace the form's whenever they change (a setting main just applied). */
  values?: TValues;
  /** The call the form makes: while it runs the form is not sent again, and its refusal is shown. */
  mutation?: MutationLike;
  /** The field a CONFLICT that names no path is about (a username already taken). */
  conflictField?: Path<TValues>;
  /** Where an issue path from main lands when no field has its name (a list's item, say; 'list.root' for the list). */
  fieldFor?: (path: string[]) => string | undefined;
  /** Hears every change typed: what the last save did is old news then. */
  onEdit?: () => void;
}

/** Main's refusal, placed: the messages for the fields its issues name, and whether anything is left for above the form. */
function placeRefusal<TValues extends FieldValues>(err: unknown, values: TValues, options: ContractFormOptions<TValues, unknown>) {
  const onFields: Record<string, string> = {};
  const issues = issuesOf(err);
  if (options.conflictField && isVigilError(err, 'CONFLICT') && issues.length === 0) {
    onFields[options.conflictField] = err.message;
    return { onFields, unplaced: false };
  }
  const fields = fieldPaths(values);
  let unplaced = issues.length === 0;
  for (const issue of issues) {
    const path = issue.path.map(String);
    const field = options.fieldFor?.(path) ?? fieldAt(path, fields);
    if (field === undefined) unplaced = true;
    else onFields[field] ??= issue.message;
  }
  return { onFields, unplaced };
}

export function useContractForm<TValues extends FieldValues, TOutput>(options: ContractFormOptions<TValues, TOutput>) {
  const { schema, defaultValues, values, mutation } = options;
  const form = useForm<TValues, unknown, TOutput>({
    resolver: zodResolver(schema),
    defaultValues,
    values,
    // Checked when sent, and again only when sent again: no message appears while someone is still typing.
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const formRef = useRef<HTMLFormElement>(null);
  const edited = useEffectEvent(() => options.onEdit?.());
  useEffect(() => form.subscribe({ formState: { values: true }, callback: edited }), [form]);
  const refusal = mutation?.error ? placeRefusal(mutation.error, form.getValues(), options as ContractFormOptions<TValues, unknown>) : null;

  /** Focus to the first control, in the order the form shows them, whose field is at fault. */
  function focusFirst(atFault: (name: string) => boolean): void {
    for (const control of formRef.current?.elements ?? []) {
      const name = control.getAttribute('name');
      if (name && atFault(name) && control instanceof HTMLElement) {
        control.focus();
        return;
      }
    }
  }

  // Main's refusal goes next to the fields it names, and focus to the first of them.
  const showRefusal = useEffectEvent((err: unknown) => {
    const { onFields } = placeRefusal(err, form.getValues(), options as ContractFormOptions<TValues, unknown>);
    for (const [name, message] of Object.entries(onFields)) form.setError(name as Path<TValues>, { type: 'server', message });
    focusFirst((name) => name in onFields);
  });
  const refused = mutation?.error;
  useEffect(() => {
    if (refused) showRefusal(refused);
  }, [refused]);

  /** The form's onSubmit: checks, then hands the input for main to `onValid` (not while the last call still runs). */
  function onSubmit(onValid: (input: TOutput) => void): (event: FormEvent<HTMLFormElement>) => void {
    return (event) =>
      void form.handleSubmit(
        (input) => {
          if (!mutation?.isPending) onValid(input);
        },
        (errors) => {
          // What main said last was about other values.
          mutation?.reset();
          focusFirst((name) => get(errors, name) !== undefined);
        },
      )(event);
  }

  const errorOf = (name: Path<TValues>): string | undefined => (get(form.formState.errors, name) as FieldError | undefined)?.message;

  return {
    form,
    /** Props for the <form> element. */
    formProps: (onValid: (input: TOutput) => void) => ({ ref: formRef, noValidate: true, onSubmit: onSubmit(onValid) }),
    /** A control bound to a field, with its problem for the Field component to show. */
    field: (name: Path<TValues>, rules?: RegisterOptions<TValues, Path<TValues>>): FieldBinding => ({ ...form.register(name, rules), error: errorOf(name) }),
    /** Main's refusal where it names no field of this form: said above it. */
    formError: refusal?.unplaced ? errorText(mutation?.error) : null,
  };
}
