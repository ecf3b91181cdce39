import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { Icon } from './Icon';

interface FieldFrameProps {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

/** Ties label, hint and error to the control so screen readers read all three. */
function useFieldIds(id: string | undefined, hint: ReactNode, error: string | undefined) {
  const generated = useId();
  const controlId = id ?? generated;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  return {
    controlId,
    hintId,
    errorId,
    describedBy: [errorId, hintId].filter(Boolean).join(' ') || undefined,
  };
}

function FieldHint({ hint, id }: { hint: ReactNode; id: string | undefined }) {
  return hint ? (
    <p id={id} className="field-hint">
      {hint}
    </p>
  ) : null;
}

function FieldError({ error, id }: { error: string | undefined; id: string | undefined }) {
  return error ? (
    <p id={id} className="field-error">
      <Icon name="warning" />
      <span>{error}</span>
    </p>
  ) : null;
}

export function TextField({ label, hint, error, id, className, ...input }: FieldFrameProps & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds(id, hint, error);
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={ids.controlId}>{label}</label>
      <FieldHint hint={hint} id={ids.hintId} />
      <input id={ids.controlId} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...input} />
      <FieldError error={error} id={ids.errorId} />
    </div>
  );
}

export function SelectField({ label, hint, error, id, className, children, ...select }: FieldFrameProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const ids = useFieldIds(id, hint, error);
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={ids.controlId}>{label}</label>
      <FieldHint hint={hint} id={ids.hintId} />
      <select id={ids.controlId} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...select}>
        {children}
      </select>
      <FieldError error={error} id={ids.errorId} />
    </div>
  );
}

export function TextAreaField({ label, hint, error, id, className, ...textarea }: FieldFrameProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds(id, hint, error);
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={ids.controlId}>{label}</label>
      <FieldHint hint={hint} id={ids.hintId} />
      <textarea id={ids.controlId} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...textarea} />
      <FieldError error={error} id={ids.errorId} />
    </div>
  );
}

/** The box comes first and the label beside it, as people expect of a checkbox. */
export function CheckboxField({ label, hint, error, id, className, ...input }: FieldFrameProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const ids = useFieldIds(id, hint, error);
  return (
    <div className={['field', 'field-checkbox', className].filter(Boolean).join(' ')}>
      <div className="checkbox-line">
        <input id={ids.controlId} type="checkbox" aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...input} />
        <label htmlFor={ids.controlId}>{label}</label>
      </div>
      <FieldHint hint={hint} id={ids.hintId} />
      <FieldError error={error} id={ids.errorId} />
    </div>
  );
}
