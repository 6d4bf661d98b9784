// Add a workout on a day, or edit one: sport, type (the catalog from /workout-types), title, and either
// its steps (StepBuilder: text or list; time and distance follow) or a duration and optional distance.
import { useEffect, useState, type FormEvent } from 'react';
import type { PlanWorkout } from '~/utils/plans.server';
import { METRES_PER_UNIT } from '../../../../worker/lib/format';
import { SPORT_LABELS, type Units } from '~/utils/plans';
import { isStructured, parseText, textOf, type Thresholds, type Workout } from '~/utils/workout-builder';
import { Button, Field, SelectField } from '../ui';
import { type BuilderState, StepBuilder } from './StepBuilder';
import { api, planApi } from './usePlanActions';

interface WorkoutType {
  type: string;
  label: string;
  sports: string[];
}

// Until the catalog answers (or if it can't), the plan's own types.
const FALLBACK: WorkoutType[] = ['easy', 'long', 'tempo', 'threshold', 'intervals', 'recovery', 'technique', 'strength'].map((t) => ({
  type: t,
  label: t[0]!.toUpperCase() + t.slice(1),
  sports: [],
}));
const SPORTS = ['run', 'bike', 'swim', 'strength'];

function useWorkoutTypes(): WorkoutType[] {
  const [types, setTypes] = useState<WorkoutType[]>(FALLBACK);
  useEffect(() => {
    planApi<{ types: WorkoutType[] }>('/workout-types', 'GET')
      .then((r) => r.types.length > 0 && setTypes(r.types))
      .catch(() => {});
  }, []);
  return types;
}

/**
 * The thresholds a save on `date` times and loads the steps with (none without a day: a library workout's
 * totals take none), so the builder's preview is what the save stores (issue 55: 5.0 km shown, 10 km saved).
 * `plan`: whose plan's routes answer them: the athlete's own, or a coach's client's (their thresholds, as a coach sees them).
 */
function useThresholds(date: string | undefined, plan: string): Thresholds {
  const [th, setTh] = useState<Thresholds>({});
  useEffect(() => {
    if (!date) return;
    api<Thresholds>(`${plan}/workout-thresholds?date=${date}`, 'GET')
      .then(setTh)
      .catch(() => {});
  }, [date, plan]);
  return th;
}

export interface WorkoutFields {
  sport: string;
  type: string;
  title: string;
  durationSec?: number;
  distanceM?: number | null;
  /** The steps in their compact text form: the server parses them; time and distance follow. */
  text?: string;
  /** On a plan's day: the morning or evening session when the day holds two (ADR 104); null is any time. */
  slot?: 'am' | 'pm' | null;
}

const SLOT_OPTIONS = [
  { value: '', label: 'Any time' },
  { value: 'am', label: 'Morning' },
  { value: 'pm', label: 'Evening' },
];

/** The workout's own steps as the builder starts from them. */
function startOf(initial: PlanWorkout | undefined): BuilderState {
  const steps = (initial?.steps ?? []) as unknown as Workout['steps'];
  if (!initial || !steps.length) return { text: '', workout: null };
  const workout = { sport: initial.sport as Workout['sport'], steps };
  try {
    return { text: textOf(workout), workout };
  } catch {
    return { text: '', workout: null };
  }
}

export function WorkoutForm({
  initial,
  date,
  plan = '/api/v1/plans',
  units,
  submitLabel,
  busy,
  onSubmit,
  onCancel,
}: {
  initial?: PlanWorkout;
  /** The day the workout is (or goes) on, in the athlete's own plan: the preview takes its thresholds. */
  date?: string;
  /** The plan routes the preview's thresholds come from: a coach passes their client's (`/api/v1/coach/clients/{id}/plan`). */
  plan?: string;
  units: Units;
  submitLabel: string;
  busy: boolean;
  onSubmit: (fields: WorkoutFields) => void;
  onCancel: () => void;
}) {
  const types = useWorkoutTypes();
  const thresholds = useThresholds(date, plan);
  const [sport, setSport] = useState(initial?.sport ?? 'run');
  const [error, setError] = useState<string | null>(null);
  const [start] = useState(() => startOf(initial));
  const [builder, setBuilder] = useState<BuilderState>(start);
  // Steps written or changed here are sent as text; a workout's own steps left as they were are not.
  const structured = builder.workout !== null && builder.text !== start.text;
  // Time and distance follow from the steps once they are written here or the workout is structured already;
  // a generated workout's flat steps keep the duration field (changing it rescales them, workout-shape.ts).
  const fromSteps = structured || (start.workout !== null && isStructured(start.workout.steps));
  const perUnit = sport === 'swim' ? 1 : METRES_PER_UNIT[units];
  const unitLabel = sport === 'swim' ? 'm' : units;
  const fitting = types.filter((t) => t.sports.length === 0 || t.sports.includes(sport));
  // The athlete's choice survives the catalog arriving (it redraws the list) and a change of sport that still allows it.
  const [type, setType] = useState(initial?.type ?? '');
  const typeShown = fitting.some((t) => t.type === type) ? type : (fitting[0]?.type ?? '');

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const mins = Number(f.get('minutes'));
    const dist = String(f.get('distance') ?? '').trim();
    const title = String(f.get('title') ?? '').trim();
    if (!title) return setError('Give the workout a title.');
    if (builder.text.trim() && !builder.workout) return setError('Fix the steps’ text, or clear it.');
    // Only a plan's day has a slot (a library workout has no day).
    const slot = date ? { slot: (String(f.get('slot') ?? '') || null) as WorkoutFields['slot'] } : {};
    if (structured) {
      setError(null);
      return onSubmit({ sport, type: String(f.get('type')), title, text: builder.text, ...slot });
    }
    if (!Number.isFinite(mins) || mins < 5 || mins > 600) return setError('Duration: between 5 and 600 minutes.');
    if (dist && !(Number(dist) > 0)) return setError('Distance: a positive number, or leave it empty.');
    setError(null);
    onSubmit({
      sport,
      type: String(f.get('type')),
      title,
      durationSec: Math.round(mins * 60),
      distanceM: dist ? Math.round(Number(dist) * perUnit) : null,
      ...slot,
    });
  };

  return (
    <form className="plan-form" onSubmit={submit} noValidate>
      <SelectField
        label="Sport"
        name="sport"
        value={sport}
        onChange={(e) => {
          setSport(e.target.value);
          // The same text read as the new sport's (a swim's lengths differ).
          const r = builder.text.trim() ? parseText(builder.text, e.target.value as Workout['sport']) : null;
          setBuilder({ text: builder.text, workout: r?.ok ? r.workout : null });
        }}
        groups={[{ label: 'Sport', options: SPORTS.map((s) => ({ value: s, label: SPORT_LABELS[s] ?? s })) }]}
      />
      <SelectField
        label="Type"
        name="type"
        value={typeShown}
        onChange={(e) => setType(e.target.value)}
        groups={[{ label: 'Type', options: fitting.map((t) => ({ value: t.type, label: t.label })) }]}
      />
      <Field label="Title" name="title" defaultValue={initial?.title ?? ''} maxLength={200} required />
      {date ? (
        <SelectField
          label="Time of day"
          name="slot"
          defaultValue={initial?.slot ?? ''}
          hint="A day can hold two sessions: a morning one and an evening one."
          groups={[{ label: 'Time of day', options: SLOT_OPTIONS }]}
        />
      ) : null}
      <StepBuilder key={sport} sport={sport as Workout['sport']} state={builder} onChange={setBuilder} thresholds={thresholds} />
      <div className="plan-form-row" hidden={fromSteps}>
        <Field
          label="Duration (min)"
          name="minutes"
          type="number"
          inputMode="numeric"
          min={5}
          max={600}
          defaultValue={initial ? Math.round(initial.durationSec / 60) : 45}
          required
        />
        <Field
          label={`Distance (${unitLabel})`}
          name="distance"
          type="number"
          inputMode="decimal"
          step="any"
          min={0}
          optional
          defaultValue={initial?.distanceM ? +(initial.distanceM / perUnit).toFixed(sport === 'swim' ? 0 : 1) : ''}
        />
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="plan-form-actions">
        <Button type="submit" size="sm" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </Button>
        <Button variant="secondary" size="sm" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
