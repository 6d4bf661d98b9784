import { Field, RadioGroup } from '~/components/ui';

export interface ClientValues {
  name?: string | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  notes?: string | undefined;
  smsConsent?: string | undefined;
}

const CONSENT = [
  { value: 'granted', label: 'Agreed to texts' },
  { value: 'unknown', label: 'Not asked yet' },
  { value: 'revoked', label: 'Said no / opted out' },
];

/** The client's fields, shared by "Add client" and the profile editor; errors sit beside their field. */
export function ClientFields({
  values = {},
  errors = {},
  idPrefix = 'client',
}: {
  values?: ClientValues;
  errors?: Record<string, string>;
  idPrefix?: string;
}) {
  return (
    <>
      <Field
        label="Name"
        name="name"
        id={`${idPrefix}-name`}
        required
        maxLength={120}
        autoComplete="off"
        defaultValue={values.name ?? ''}
        error={errors.name}
      />
      <div className="form-row">
        <Field
          label="Mobile phone"
          name="phone"
          id={`${idPrefix}-phone`}
          type="tel"
          optional
          autoComplete="off"
          inputMode="tel"
          defaultValue={values.phone ?? ''}
          error={errors.phone}
          hint="International format, e.g. +1 303 555 0100."
        />
        <Field
          label="Email"
          name="email"
          id={`${idPrefix}-email`}
          type="email"
          optional
          autoComplete="off"
          defaultValue={values.email ?? ''}
          error={errors.email}
        />
      </div>
      <RadioGroup
        label="SMS reminders"
        name="smsConsent"
        id={`${idPrefix}-consent`}
        options={CONSENT}
        defaultValue={values.smsConsent ?? 'unknown'}
        error={errors.smsConsent}
        hint="Texts are only sent to clients who agreed."
      />
      <div className="field">
        <label htmlFor={`${idPrefix}-notes`} className="field-label">
          Notes<span className="field-optional"> (optional)</span>
        </label>
        <textarea
          id={`${idPrefix}-notes`}
          name="notes"
          className="input coach-textarea"
          rows={3}
          maxLength={4000}
          defaultValue={values.notes ?? ''}
          aria-invalid={errors.notes ? true : undefined}
        />
        {errors.notes ? <p className="field-error">{errors.notes}</p> : null}
      </div>
    </>
  );
}
