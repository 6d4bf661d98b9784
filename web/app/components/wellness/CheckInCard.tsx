// Home's daily check-in: one form, every field optional, seconds to fill, a plain POST (works without
// JavaScript). Past days through ?checkin=; what a device sent for a field is shown beside it.
import { Form, Link } from '@remix-run/react';
import { SCALES } from '../../../../worker/features/wellness/browser';
import { Alert, Card, Field, FormError, LiveRegion, SubmitButton } from '~/components/ui';
import { day as dayLabel } from '~/utils/analytics-format';
import type { CheckInView } from '~/utils/wellness.server';
import { ReadinessLine } from './ReadinessLine';
import { sourceName } from './sources';

export type CheckInResult =
  | { intent: 'checkin'; ok: true; day: string }
  | { intent: 'checkin'; ok: false; fieldErrors: Record<string, string>; formError?: string };

const SCALE_FIELDS: { key: keyof typeof SCALES; label: string }[] = [
  { key: 'sleepQuality', label: 'Sleep quality' },
  { key: 'soreness', label: 'Soreness' },
  { key: 'fatigue', label: 'Fatigue' },
  { key: 'stress', label: 'Stress' },
  { key: 'mood', label: 'Mood' },
  { key: 'motivation', label: 'Motivation' },
];

function Scale({ field, label, value, error }: { field: keyof typeof SCALES; label: string; value: unknown; error?: string | undefined }) {
  return (
    <fieldset className="checkin-scale" aria-describedby={error ? `${field}-error` : undefined}>
      <legend className="field-label">{label}</legend>
      <div className="rpe-options">
        {SCALES[field].map((word, i) => (
          <label key={word} className="rpe-option">
            <input type="radio" name={field} value={i + 1} defaultChecked={value === i + 1} />
            <span>{word}</span>
          </label>
        ))}
        <label className="rpe-option rpe-none">
          <input type="radio" name={field} value="" defaultChecked={value === undefined} />
          <span>Skip</span>
        </label>
      </div>
      {error ? (
        <p id={`${field}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

const MEASURES = ['hrvRmssd', 'weight', 'bodyFatPct'];

/** The numeric fields: their label, unit and the input's bounds (the API checks the same ranges). */
const MEASURE = {
  sleepHours: { name: 'sleepHours', label: 'Sleep (hours)', unit: ' h', inputMode: 'decimal', step: '0.25', min: '0', max: '24' },
  restingHr: { name: 'restingHr', label: 'Resting HR (bpm)', unit: ' bpm', inputMode: 'numeric', min: '25', max: '120' },
  hrvRmssd: { name: 'hrvRmssd', label: 'HRV, rMSSD (ms)', unit: ' ms', inputMode: 'decimal', min: '3', max: '300' },
  weight: { name: 'weight', label: 'Weight', unit: '', inputMode: 'decimal', step: '0.1' },
  bodyFatPct: { name: 'bodyFatPct', label: 'Body fat (%)', unit: ' %', inputMode: 'decimal', step: '0.1', min: '2', max: '70' },
} as const;
type MeasureSpec = {
  name: string;
  label: string;
  unit: string;
  inputMode: 'decimal' | 'numeric';
  step?: string;
  min?: string;
  max?: string;
};

export function CheckInCard({ view, result }: { view: CheckInView; result?: CheckInResult | undefined }) {
  const errors = result && !result.ok ? result.fieldErrors : {};
  const own = view.own;
  const device = (k: string, unit = '') => {
    const d = view.devices[k];
    return d ? `${sourceName(d.source)}: ${typeof d.value === 'boolean' ? (d.value ? 'yes' : 'no') : d.value}${unit}` : undefined;
  };
  const str = (k: string) => (own[k] === undefined ? '' : String(own[k]));
  const isToday = view.day === view.today;
  const measure = (spec: MeasureSpec) => {
    const weight = spec.name === 'weight';
    const { name, label, unit, ...input } = spec;
    return (
      <Field
        label={weight ? `Weight (${view.weightUnit})` : label}
        name={name}
        type="number"
        {...input}
        defaultValue={str(name)}
        hint={device(name, weight ? ` ${view.weightUnit}` : unit)}
        error={errors[name]}
      />
    );
  };
  return (
    <Card
      id="checkin"
      title={isToday ? 'Today’s check-in' : `Check-in for ${dayLabel(view.day)}`}
      description="A few seconds, every field optional. Your own answers win over a device’s for the same field."
      actions={
        <nav className="checkin-days" aria-label="Check-in day">
          <Link to={`?checkin=${view.previous}#checkin`} preventScrollReset>
            ← Previous day
          </Link>
          {view.next ? (
            <Link to={view.next === view.today ? '?#checkin' : `?checkin=${view.next}#checkin`} preventScrollReset>
              Next day →
            </Link>
          ) : null}
        </nav>
      }
    >
      <ReadinessLine readiness={view.readiness} />
      <Form method="post" className="checkin-form" preventScrollReset key={view.day}>
        <input type="hidden" name="intent" value="checkin" />
        <input type="hidden" name="day" value={view.day} />
        <div className="checkin-grid">
          {measure(MEASURE.sleepHours)}
          {measure(MEASURE.restingHr)}
        </div>
        <div className="checkin-scales">
          {SCALE_FIELDS.map((f) => (
            <Scale key={f.key} field={f.key} label={f.label} value={own[f.key]} error={errors[f.key]} />
          ))}
        </div>
        {/* Measured values few athletes have every day: folded until one is given (open on an error so it shows). */}
        <details className="checkin-more" open={MEASURES.some((k) => own[k] !== undefined || errors[k] !== undefined || view.devices[k])}>
          <summary>HRV, weight and body fat</summary>
          <div className="checkin-grid">
            {measure(MEASURE.hrvRmssd)}
            {measure(MEASURE.weight)}
            {measure(MEASURE.bodyFatPct)}
          </div>
        </details>
        <div className="checkin-injury">
          <label className="checkbox">
            <input type="checkbox" name="injury" defaultChecked={own.injury === true} /> Pain or an injury
          </label>
          <Field label="Where" name="injuryWhere" maxLength={120} defaultValue={str('injuryWhere')} optional error={errors.injuryWhere} />
        </div>
        <div className={errors.note ? 'field field-invalid' : 'field'}>
          <label htmlFor="field-checkin-note" className="field-label">
            Note <span className="field-optional">(optional)</span>
          </label>
          <textarea id="field-checkin-note" name="note" className="input" rows={2} maxLength={2000} defaultValue={str('note')} />
          {errors.note ? <p className="field-error">{errors.note}</p> : null}
        </div>
        <div className="notes-actions">
          <SubmitButton pendingText="Saving…" match={{ intent: 'checkin' }}>
            {view.saved ? 'Update check-in' : 'Save check-in'}
          </SubmitButton>
          <Link to="/wellness">Your days</Link>
          <Link to="/wellness/patterns">Patterns</Link>
        </div>
        <LiveRegion>
          {result?.ok && result.day === view.day ? (
            <Alert tone="success" announce={false}>
              Check-in saved for {dayLabel(view.day)}.
            </Alert>
          ) : null}
        </LiveRegion>
        <FormError message={result && !result.ok ? result.formError : null} />
      </Form>
    </Card>
  );
}
