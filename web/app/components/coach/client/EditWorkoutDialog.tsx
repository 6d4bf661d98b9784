import { useState } from 'react';
import { PlanDialog } from '~/components/plan/PlanDialog';
import { type WorkoutFields, WorkoutForm } from '~/components/plan/WorkoutForm';
import { FormError } from '~/components/ui';
import type { Units } from '~/utils/plans';
import type { PlanWorkout } from '~/utils/plans.server';
import { api, ApiError } from '../api';
import type { Workout } from './plan-types';

/**
 * The coach's edit of a client's planned workout: the athlete's own form (sport, type, title, steps as text
 * or a list, or a duration), sent as workout control's edit with the coach as its author. A refusal shows
 * here, in the dialog the coach is looking at.
 */
export function EditWorkoutDialog({
  base,
  w,
  units,
  onSaved,
  onClose,
}: {
  base: string;
  w: Workout;
  units: Units;
  onSaved: (message: string) => void;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (f: WorkoutFields) => {
    setBusy(true);
    setError(null);
    try {
      await api(`${base}/workouts/${w.id}`, { method: 'PATCH', body: f });
      onSaved(`Saved ${f.title}.`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'That did not work. Please try again.');
    }
    setBusy(false);
  };
  return (
    <PlanDialog title={`Edit ${w.title}`} onClose={onClose}>
      <FormError message={error} />
      <WorkoutForm
        initial={w as unknown as PlanWorkout}
        // The client's thresholds on the workout's day, as the coach's save takes them: the preview's totals are the saved ones.
        date={w.date}
        plan={base}
        units={units}
        submitLabel="Save changes"
        busy={busy}
        onSubmit={(f) => void save(f)}
        onCancel={onClose}
      />
    </PlanDialog>
  );
}
