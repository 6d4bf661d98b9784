import { Form } from '@remix-run/react';
import { Card, Field, FormError, SelectField, SubmitButton } from '~/components/ui';
import { formatMoney } from '~/utils/coach-format';
import type { FormOutcome } from '~/utils/form-outcome';

export interface PackageTypeRow {
  id: string;
  name: string;
  sessions: number;
  sessionMinutes: number;
  priceCents: number;
  currency: string;
  validityDays: number | null;
}

const CURRENCIES = ['usd', 'cad', 'eur', 'gbp', 'aud', 'nzd'];

/** The package types the org sells, and a form to define another. */
export function PackageTypesPanel({ types, result }: { types: PackageTypeRow[]; result?: FormOutcome | undefined }) {
  const v = result && !result.ok ? result.values : undefined;
  return (
    <Card
      id="package-types"
      title="Package types"
      description="What you sell: give one to a client on their page, or send them a payment link."
    >
      {types.length > 0 ? (
        <ul className="coach-list">
          {types.map((t) => (
            <li key={t.id} className="coach-list-item">
              <div className="coach-list-main">
                <p className="coach-list-title">{t.name}</p>
                <p className="coach-list-meta">
                  {t.sessions} × {t.sessionMinutes} min · {formatMoney(t.priceCents, t.currency)}
                  {t.validityDays ? ` · valid ${t.validityDays} days` : ' · no expiry'}
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="coach-muted">No package types yet. Add the bundles you sell, e.g. 10 sessions of 60 minutes.</p>
      )}
      <details className="coach-disclosure" open={result?.ok === false ? true : undefined}>
        <summary>Add a package type</summary>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="add-type" />
          {result?.ok ? (
            <p className="saved" role="status">
              {result.message}
            </p>
          ) : null}
          <FormError message={result && !result.ok ? result.formError : null} />
          <Field
            label="Name"
            name="name"
            id="type-name"
            required
            maxLength={120}
            defaultValue={v?.name}
            error={result?.fieldErrors.name}
            hint="e.g. 10 × 60 min"
          />
          <div className="form-row">
            <Field
              label="Sessions"
              name="sessions"
              id="type-sessions"
              type="number"
              min={1}
              max={500}
              required
              defaultValue={v?.sessions ?? '10'}
              error={result?.fieldErrors.sessions}
            />
            <Field
              label="Minutes each"
              name="sessionMinutes"
              id="type-minutes"
              type="number"
              min={5}
              max={600}
              step={5}
              required
              defaultValue={v?.sessionMinutes ?? '60'}
              error={result?.fieldErrors.sessionMinutes}
            />
          </div>
          <div className="form-row">
            <Field
              label="Price"
              name="price"
              id="type-price"
              inputMode="decimal"
              required
              defaultValue={v?.price}
              error={result?.fieldErrors.price}
              hint="For the whole package, e.g. 900"
            />
            <SelectField
              label="Currency"
              name="currency"
              id="type-currency"
              groups={[{ label: 'Currency', options: CURRENCIES.map((c) => ({ value: c, label: c.toUpperCase() })) }]}
              defaultValue={v?.currency ?? 'usd'}
              error={result?.fieldErrors.currency}
            />
          </div>
          <Field
            label="Valid for (days)"
            name="validityDays"
            id="type-validity"
            type="number"
            min={1}
            max={3660}
            optional
            defaultValue={v?.validityDays}
            error={result?.fieldErrors.validityDays}
            hint="Leave empty for no expiry."
          />
          <SubmitButton pendingText="Adding…" match={{ intent: 'add-type' }} variant="secondary">
            Add package type
          </SubmitButton>
        </Form>
      </details>
    </Card>
  );
}
