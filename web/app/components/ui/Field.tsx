import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { cx } from './cx';
import { DateInput } from './DateInput';

interface Common {
  label: string;
  name: string;
  error?: string;
  hint?: ReactNode;
  optional?: boolean;
  id?: string;
  className?: string;
}

function describe(id: string, hint: unknown, error: unknown) {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Label({ htmlFor, label, optional }: { htmlFor: string; label: string; optional?: boolean }) {
  return (
    <label htmlFor={htmlFor} className="field-label">
      {label}
      {optional ? <span className="field-optional"> (optional)</span> : null}
    </label>
  );
}

function Messages({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

export function Field({ label, name, error, hint, optional, id, className, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const fieldId = id ?? `field-${name}`;
  return (
    <div className={cx('field', error && 'field-invalid', className)}>
      <Label htmlFor={fieldId} label={label} optional={optional} />
      {input.type === 'date' ? (
        // Dates read as the app writes them, over the native picker.
        <DateInput
          id={fieldId}
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={describe(fieldId, hint, error)}
          {...input}
        />
      ) : (
        <input
          id={fieldId}
          name={name}
          className="input"
          aria-invalid={error ? true : undefined}
          aria-describedby={describe(fieldId, hint, error)}
          {...input}
        />
      )}
      <Messages id={fieldId} hint={hint} error={error} />
    </div>
  );
}

export interface OptionGroup {
  label: string;
  options: { value: string; label: string }[];
}

export function SelectField({
  label,
  name,
  error,
  hint,
  optional,
  id,
  className,
  groups,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { groups: OptionGroup[] }) {
  const fieldId = id ?? `field-${name}`;
  return (
    <div className={cx('field', error && 'field-invalid', className)}>
      <Label htmlFor={fieldId} label={label} optional={optional} />
      <select
        id={fieldId}
        name={name}
        className="input select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describe(fieldId, hint, error)}
        {...select}
      >
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <Messages id={fieldId} hint={hint} error={error} />
    </div>
  );
}

export function RadioGroup({
  label,
  name,
  error,
  hint,
  optional,
  id,
  className,
  options,
  defaultValue,
}: Common & { options: { value: string; label: string }[]; defaultValue?: string }) {
  const groupId = id ?? `field-${name}`;
  return (
    <fieldset className={cx('field', 'fieldset', error && 'field-invalid', className)} aria-describedby={describe(groupId, hint, error)}>
      <legend className="field-label">
        {label}
        {optional ? <span className="field-optional"> (optional)</span> : null}
      </legend>
      <div className="radio-row">
        {options.map((o) => (
          <label key={o.value} className="radio">
            <input
              type="radio"
              name={name}
              value={o.value}
              defaultChecked={defaultValue === o.value}
              aria-invalid={error ? true : undefined}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <Messages id={groupId} hint={hint} error={error} />
    </fieldset>
  );
}

/** A field for choosing a password; states the rule the server enforces (10+ characters, not common). */
export function NewPasswordField({ label = 'New password', name, error }: { label?: string; name: string; error?: string }) {
  return (
    <Field
      label={label}
      name={name}
      type="password"
      autoComplete="new-password"
      required
      error={error}
      hint="At least 10 characters, and not a common password."
    />
  );
}
