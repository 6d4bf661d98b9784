import { Form } from '@remix-run/react';
import { Card, Field, FormError, SelectField, SubmitButton, type OptionGroup } from '~/components/ui';
import type { FormOutcome } from '~/utils/form-outcome';

export interface OrgSettingsResult extends FormOutcome {
  intent: 'org';
}

export interface OrgSettingsValues {
  name: string;
  timeZone: string;
  quietStart: string;
  quietEnd: string;
  reminders: string;
}

/** Name, the one time zone, quiet hours and reminder times — everything SMS timing reads. */
export function OrgSettingsCard({
  org,
  timeZones,
  canEdit,
  result,
}: {
  org: OrgSettingsValues;
  timeZones: OptionGroup[];
  canEdit: boolean;
  result?: OrgSettingsResult | undefined;
}) {
  const v = result && !result.ok && result.values ? { ...org, ...result.values } : org;
  const e = result && !result.ok ? result.fieldErrors : {};
  return (
    <Card
      id="org-settings"
      title="Business"
      description={
        canEdit
          ? 'Times in messages, quiet hours and reminders all use this time zone — never a device’s.'
          : 'Only the organisation’s owner can change these.'
      }
    >
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="org" />
        <FormError message={result && !result.ok ? result.formError : undefined} />
        <fieldset className="fieldset coach-settings-fields" disabled={!canEdit}>
          <Field label="Business name" name="name" defaultValue={v.name} required maxLength={120} error={e.name} />
          <SelectField label="Time zone" name="timeZone" groups={timeZones} defaultValue={v.timeZone} error={e.timeZone} />
          <div className="form-row">
            <Field
              label="Quiet hours start"
              name="quietStart"
              type="time"
              defaultValue={v.quietStart}
              error={e.quietStart}
              optional
              hint="No automatic SMS from…"
            />
            <Field
              label="Quiet hours end"
              name="quietEnd"
              type="time"
              defaultValue={v.quietEnd}
              error={e.quietEnd}
              optional
              hint="…until (may cross midnight). Leave both empty for none."
            />
          </div>
          <Field
            label="Reminders before a session"
            name="reminders"
            defaultValue={v.reminders}
            error={e.reminders}
            hint="Up to four, e.g. “24h, 2h” or “90m”. A reminder due in quiet hours waits for them to end."
          />
        </fieldset>
        {canEdit ? (
          <div className="sms-template-actions">
            <SubmitButton pendingText="Saving…" match={{ intent: 'org' }}>
              Save settings
            </SubmitButton>
            {result?.ok ? (
              <span className="sms-saved" role="status">
                {result.message}
              </span>
            ) : null}
          </div>
        ) : null}
      </Form>
    </Card>
  );
}
