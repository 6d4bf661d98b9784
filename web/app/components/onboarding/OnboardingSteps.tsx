import { Field, RadioGroup, SelectField } from '../ui';
import { GOAL_OPTIONS, type OnboardingStep, type OnboardingValues, WEEKDAYS } from '~/utils/intake';

interface StepProps {
  values: OnboardingValues;
  errors: Record<string, string>;
  units: 'km' | 'mi';
  today: string;
}

/** One step's questions; every one of them optional. */
export function StepFields({ step, ...props }: StepProps & { step: OnboardingStep }) {
  switch (step) {
    case 'goal':
      return <GoalStep {...props} />;
    case 'availability':
      return <AvailabilityStep {...props} />;
    case 'background':
      return <BackgroundStep {...props} />;
    case 'baseline':
      return <BaselineStep {...props} />;
  }
}

function GoalStep({ values, errors, today }: StepProps) {
  return (
    <>
      <SelectField
        label="What are you training for?"
        name="goalKind"
        defaultValue={values.goalKind}
        error={errors.goalKind}
        groups={[{ label: 'Goals', options: GOAL_OPTIONS }]}
      />
      <div className="form-row">
        <Field
          label="Event name"
          name="eventName"
          maxLength={120}
          defaultValue={values.eventName}
          error={errors.eventName}
          placeholder="e.g. City Half Marathon"
        />
        <Field label="Event date" name="eventDate" type="date" min={today} defaultValue={values.eventDate} error={errors.eventDate} />
      </div>
    </>
  );
}

function AvailabilityStep({ values, errors }: StepProps) {
  return (
    <>
      <fieldset className={`field fieldset${errors.days ? ' field-invalid' : ''}`} aria-describedby="days-hint">
        <legend className="field-label">Days you can train</legend>
        <div className="onboarding-days">
          {WEEKDAYS.map((d) => (
            <label key={d.value} className="onboarding-day">
              <input type="checkbox" name="days" value={d.value} defaultChecked={values.days.includes(d.value)} />
              <span aria-hidden="true">{d.short}</span>
              <span className="visually-hidden">{d.label}</span>
            </label>
          ))}
        </div>
        <p id="days-hint" className="field-hint">
          Roughly is fine — you can move any session later.
        </p>
        {errors.days ? <p className="field-error">{errors.days}</p> : null}
      </fieldset>
      <div className="form-row">
        <SelectField
          label="Day for your long session"
          name="longDay"
          defaultValue={values.longDay}
          error={errors.longDay}
          groups={[{ label: 'Days', options: [{ value: '', label: 'No preference' }, ...WEEKDAYS] }]}
        />
        <Field
          label="Hours a week you can give"
          name="hoursPerWeek"
          type="number"
          inputMode="decimal"
          min={1}
          max={30}
          step={0.5}
          defaultValue={values.hoursPerWeek}
          error={errors.hoursPerWeek}
        />
      </div>
    </>
  );
}

function BackgroundStep({ values, errors, today }: StepProps) {
  return (
    <>
      <div className={`field${errors.injuries ? ' field-invalid' : ''}`}>
        <label htmlFor="field-injuries" className="field-label">
          Injuries or niggles we should know about
        </label>
        <textarea
          id="field-injuries"
          name="injuries"
          className="input onboarding-textarea"
          rows={3}
          maxLength={500}
          defaultValue={values.injuries}
          aria-invalid={errors.injuries ? true : undefined}
          aria-describedby={errors.injuries ? 'field-injuries-error' : undefined}
        />
        {errors.injuries ? (
          <p id="field-injuries-error" className="field-error">
            {errors.injuries}
          </p>
        ) : null}
      </div>
      <RadioGroup
        label="Are you coming back from a break?"
        name="returning"
        defaultValue={values.returning}
        error={errors.returning}
        options={[
          { value: 'no', label: 'No' },
          { value: 'yes', label: 'Yes' },
        ]}
      />
      <Field
        label="When did you start again?"
        name="returnDate"
        type="date"
        max={today}
        defaultValue={values.returnDate}
        error={errors.returnDate}
        hint="If you're back from a break: your plan then starts gently and builds from here."
      />
    </>
  );
}

function BaselineStep({ values, errors, units }: StepProps) {
  const dist = units === 'mi' ? 'mi' : 'km';
  return (
    <>
      <p className="onboarding-note">
        We don't have much of your history yet, so a rough idea helps your first plan start at the right level. Your own activities take
        over as they arrive.
      </p>
      <Field
        label="Runs a week, lately"
        name="runsPerWeek"
        type="number"
        inputMode="numeric"
        min={0}
        max={14}
        defaultValue={values.runsPerWeek}
        error={errors.runsPerWeek}
      />
      <Amount
        label="A usual week"
        name="weeklyVolume"
        unitLabel="Weekly volume unit"
        value={values.weeklyVolume}
        error={errors.weeklyVolume}
        unit={values.weeklyVolumeUnit === 'h' ? 'h' : dist}
        units={[
          { value: dist, label: dist },
          { value: 'h', label: 'hours' },
        ]}
      />
      <Amount
        label="Your longest run lately"
        name="longestRun"
        unitLabel="Longest run unit"
        value={values.longestRun}
        error={errors.longestRun}
        unit={values.longestRunUnit === 'min' ? 'min' : dist}
        units={[
          { value: 'min', label: 'minutes' },
          { value: dist, label: dist },
        ]}
      />
    </>
  );
}

/** A number with its unit beside it (the unit's select is named `<name>Unit`). */
function Amount(p: {
  label: string;
  name: string;
  unitLabel: string;
  value: string | undefined;
  error: string | undefined;
  unit: string;
  units: { value: string; label: string }[];
}) {
  return (
    <div className="onboarding-amount">
      <Field label={p.label} name={p.name} type="number" inputMode="decimal" min={0} step="any" defaultValue={p.value} error={p.error} />
      <SelectField
        label="Unit"
        name={`${p.name}Unit`}
        id={`field-${p.name}Unit`}
        aria-label={p.unitLabel}
        defaultValue={p.unit}
        groups={[{ label: 'Units', options: p.units }]}
      />
    </div>
  );
}
