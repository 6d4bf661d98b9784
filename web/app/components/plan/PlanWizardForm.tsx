// The plan wizard's questions: goal, event, the days and hours available, strength. Posts to the page's
// action ("Preview" shows the plan without saving; "Create plan" saves it), so it works without JavaScript.
import { Form, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { addDays } from '~/utils/analytics-format';
import { GOAL_GROUPS, GOAL_LABELS, WEEKDAYS, WIZARD_MIN_EVENT_DAYS } from '~/utils/plans';
import { Button, Field, FormError, RadioGroup, SelectField } from '../ui';

export interface WizardValues {
  goalKind?: string;
  eventName?: string;
  eventDate?: string;
  startDate?: string;
  days?: number[];
  longDay?: string;
  hoursPerWeek?: string;
  includeStrength?: string;
}

interface Props {
  today: string;
  values: WizardValues;
  fieldErrors: Record<string, string>;
  formError?: string | undefined;
  previewed: boolean;
  /** False while another plan is active: "Create plan" would only answer that it is (one plan at a time). */
  canCreate: boolean;
}

export function PlanWizardForm({ today, values, fieldErrors, formError, previewed, canCreate }: Props) {
  const navigation = useNavigation();
  const pending = navigation.state !== 'idle' ? String(navigation.formData?.get('intent') ?? '') : '';
  const [goal, setGoal] = useState(values.goalKind ?? 'run_10k');
  const days = values.days ?? [1, 3, 5, 6];
  const general = goal === 'general_fitness';
  return (
    <Form method="post" className="plan-wizard" noValidate>
      <FormError message={formError} />
      <fieldset className="plan-wizard-step">
        <legend className="plan-wizard-legend">1 · Your goal</legend>
        <SelectField
          label="Goal"
          name="goalKind"
          value={goal}
          onChange={(e) => setGoal(e.target.value)}
          error={fieldErrors.goalKind}
          groups={GOAL_GROUPS.map((g) => ({ label: g.label, options: g.kinds.map((k) => ({ value: k, label: GOAL_LABELS[k]! })) }))}
        />
        {general ? (
          <p className="field-hint">No event: the plan builds fitness steadily for 12 weeks, with a recovery week every few weeks.</p>
        ) : (
          <div className="plan-form-row">
            <Field
              label="Event name"
              name="eventName"
              defaultValue={values.eventName ?? ''}
              maxLength={120}
              optional
              error={fieldErrors.eventName}
            />
            <Field
              label="Event date"
              name="eventDate"
              type="date"
              min={addDays(today, WIZARD_MIN_EVENT_DAYS)}
              defaultValue={values.eventDate ?? addDays(today, 84)}
              error={fieldErrors.eventDate}
            />
          </div>
        )}
        <Field
          label="First day of the plan"
          name="startDate"
          type="date"
          min={today}
          defaultValue={values.startDate ?? addDays(today, 1)}
          error={fieldErrors.startDate}
        />
      </fieldset>
      <fieldset className="plan-wizard-step">
        <legend className="plan-wizard-legend">2 · Your week</legend>
        <fieldset className="field fieldset" aria-describedby={fieldErrors.availableDays ? 'days-error' : undefined}>
          <legend className="field-label">Days you can train</legend>
          <div className="plan-days-pick">
            {WEEKDAYS.map((d, i) => (
              <label key={d} className="radio">
                <input type="checkbox" name="days" value={i} defaultChecked={days.includes(i)} />
                <span>{d.slice(0, 3)}</span>
              </label>
            ))}
          </div>
          {fieldErrors.availableDays ? (
            <p id="days-error" className="field-error">
              Pick at least two days.
            </p>
          ) : null}
        </fieldset>
        <div className="plan-form-row">
          <SelectField
            label="Long session on"
            name="longDay"
            defaultValue={values.longDay ?? '6'}
            error={fieldErrors.longDay}
            groups={[{ label: 'Day', options: WEEKDAYS.map((d, i) => ({ value: String(i), label: d })) }]}
          />
          <Field
            label="Hours a week, at most"
            name="hoursPerWeek"
            type="number"
            inputMode="decimal"
            min={2}
            max={25}
            step={0.5}
            defaultValue={values.hoursPerWeek ?? '6'}
            error={fieldErrors.hoursPerWeek}
            hint="Your biggest week; most weeks are less."
          />
        </div>
        <RadioGroup
          label="Include strength sessions?"
          name="includeStrength"
          defaultValue={values.includeStrength ?? 'no'}
          options={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]}
        />
      </fieldset>
      <div className="plan-wizard-actions">
        <Button type="submit" name="intent" value="preview" variant={previewed ? 'secondary' : 'primary'} disabled={pending !== ''}>
          {pending === 'preview' ? 'Working it out…' : previewed ? 'Update preview' : 'Preview'}
        </Button>
        {previewed && canCreate ? (
          <Button type="submit" name="intent" value="create" disabled={pending !== ''}>
            {pending === 'create' ? 'Creating…' : 'Create plan'}
          </Button>
        ) : previewed ? (
          <p className="field-hint">To create this plan, pause or cancel your current one first.</p>
        ) : null}
      </div>
    </Form>
  );
}
