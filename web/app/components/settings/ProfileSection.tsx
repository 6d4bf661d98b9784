import { Form } from '@remix-run/react';
import { Card, Field, RadioGroup, SelectField, type OptionGroup } from '../ui';
import { SaveRow } from './SaveRow';
import type { FormOutcome } from '~/utils/form-outcome';

interface Profile {
  email: string;
  displayName: string;
  units: 'km' | 'mi';
  timeZone: string;
  birthDate: string;
  sex: string;
}

type Result = FormOutcome;

export function ProfileSection({
  profile,
  timeZones,
  today,
  result,
}: {
  profile: Profile;
  timeZones: OptionGroup[];
  today: string;
  result?: Result;
}) {
  const errors = result?.fieldErrors ?? {};
  // After a failed save without JavaScript, show what was typed rather than the stored values.
  const v = { ...profile, ...(result?.ok ? {} : result?.values) };
  return (
    <Card id="profile" title="Profile" description="How Cadence addresses you and shows your numbers.">
      <p className="profile-email">
        Signed in as <strong>{profile.email}</strong>
      </p>
      <Form method="post" className="form form-wide">
        <input type="hidden" name="intent" value="profile" />
        <Field
          label="Display name"
          name="displayName"
          autoComplete="nickname"
          required
          maxLength={80}
          defaultValue={v.displayName}
          error={errors.displayName}
        />
        <RadioGroup
          label="Units"
          name="units"
          defaultValue={v.units}
          error={errors.units}
          options={[
            { value: 'km', label: 'Kilometres' },
            { value: 'mi', label: 'Miles' },
          ]}
        />
        <SelectField
          label="Time zone"
          name="timeZone"
          defaultValue={v.timeZone}
          groups={timeZones}
          error={errors.timeZone}
          hint="Weeks, reminders and dates follow this time zone."
        />
        <div className="form-row">
          <Field
            label="Birth date"
            name="birthDate"
            type="date"
            optional
            min="1900-01-01"
            max={today}
            defaultValue={v.birthDate}
            error={errors.birthDate}
          />
        </div>
        <RadioGroup
          label="Sex"
          name="sex"
          optional
          defaultValue={v.sex}
          error={errors.sex}
          hint="Used only for age-graded performance."
          options={[
            { value: '', label: 'Prefer not to say' },
            { value: 'female', label: 'Female' },
            { value: 'male', label: 'Male' },
          ]}
        />
        <SaveRow intent="profile" label="Save profile" pendingText="Saving…" result={result} />
      </Form>
    </Card>
  );
}
