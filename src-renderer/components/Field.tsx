import { useId, type ComponentProps, type ReactNode } from 'react';
import { Icon } from './Icon';

interface FieldFrameProps {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

/**
 * Every field takes its control's own props, ref included, so a form's
 * register(name) (react-hook-form) spreads straight onto it.
 *
 * One message under the label: the hint, or the error in its place. An error
 * usually restates the hint's rule, so showing both would say it twice, and
 * a screen reader would read it twice. The control names the message as its
 * description and is marked invalid while there is an error.
 */
function useFieldMessage(id: string | undefined, hint: ReactNode, error: string | undefined) {
  const generated = useId();
  const controlId = id ?? generated;
  const messageId = error ? `${controlId}-error` : hint ? `${controlId}-hint` : undefined;
  const message = error ? (
    <p id={messageId} className="field-error">
      <Icon name="warning" />
      <span>{error}</span>
    </p>
  ) : hint ? (
    <p id={messageId} className="field-hint">
      {hint}
    </p>
  ) : null;
  return {
    message,
    control: { id: controlId, 'aria-invalid': error ? true : undefined, 'aria-describedby': messageId },
  };
}

function fieldClass(...names: (string | undefined)[]): string {
  return ['field', ...names].filter(Boolean).join(' ');
}

export function TextField({ label, hint, error, id, className, ...input }: FieldFrameProps & ComponentProps<'input'>) {
  const { message, control } = useFieldMessage(id, hint, error);
  return (
    <div className={fieldClass(className)}>
      <label htmlFor={control.id}>{label}</label>
      {message}
      <input {...control} {...input} />
    </div>
  );
}

export function SelectField({ label, hint, error, id, className, children, ...select }: FieldFrameProps & ComponentProps<'select'>) {
  const { message, control } = useFieldMessage(id, hint, error);
  return (
    <div className={fieldClass(className)}>
      <label htmlFor={control.id}>{label}</label>
      {message}
      <select {...control} {...select}>
        {children}
      </select>
    </div>
  );
}

export function TextAreaField({ label, hint, error, id, className, ...textarea }: FieldFrameProps & ComponentProps<'textarea'>) {
  const { message, control } = useFieldMessage(id, hint, error);
  return (
    <div className={fieldClass(className)}>
      <label htmlFor={control.id}>{label}</label>
      {message}
      <textarea {...control} {...textarea} />
    </div>
  );
}

/** The box comes first and the label beside it, as people expect of a checkbox. */
export function CheckboxField({ label, hint, error, id, className, ...input }: FieldFrameProps & Omit<ComponentProps<'input'>, 'type'>) {
  const { message, control } = useFieldMessage(id, hint, error);
  return (
    <div className={fieldClass('field-checkbox', className)}>
      <div className="checkbox-line">
        <input {...control} type="checkbox" {...input} />
        <label htmlFor={control.id}>{label}</label>
      </div>
      {message}
    </div>
  );
}
