// The drawer's "How each step went" after a structured workout is completed: fetched when the drawer opens
// (the calendar does not carry streams or laps), the same table as on the activity page (ADR 062). The
// drawer's verdict is then the server's one judgement of the workout, as on the activity page (issue 55).
import { useEffect, useState } from 'react';
import type { ActivityIntervals } from '../../../../worker/features/intervals';
import { StepsTable } from '~/components/activity/StepsTable';
import { api } from '~/components/coach/api';
import type { Units } from '~/utils/plans';
import type { StepsView } from '~/utils/step-compliance';

type Verdict = NonNullable<ActivityIntervals['workout']>['verdict'];
export type StepsState =
  | { state: 'off' }
  | { state: 'loading' }
  | { state: 'failed' }
  | { state: 'done'; steps: StepsView | null; verdict: Verdict | null };

/** The completed workout's steps against its activity; `off` when there is nothing to fetch. */
export function useWorkoutSteps(activityId: string | null, workoutId: string): StepsState {
  const [s, setS] = useState<StepsState>({ state: activityId ? 'loading' : 'off' });
  useEffect(() => {
    if (!activityId) return setS({ state: 'off' });
    const ctrl = new AbortController();
    setS({ state: 'loading' });
    api<ActivityIntervals>(`/api/v1/activities/${activityId}/intervals`, { signal: ctrl.signal })
      .then((x) =>
        // Another workout of the day may have taken this activity since the calendar was drawn: nothing to show then.
        setS({
          state: 'done',
          steps: x.steps && x.workout?.id === workoutId && x.steps.unaligned !== 'no_steps' ? x.steps : null,
          verdict: x.workout?.id === workoutId ? x.workout.verdict : null,
        }),
      )
      .catch((err: Error) => {
        if (err.name !== 'AbortError') setS({ state: 'failed' });
      });
    return () => ctrl.abort();
  }, [activityId, workoutId]);
  return s;
}

export function WorkoutSteps({ s, units, sport }: { s: StepsState; units: Units; sport: string }) {
  if (s.state === 'off') return null;
  if (s.state === 'failed') return <p className="muted">How each step went could not be loaded.</p>;
  if (s.state === 'loading')
    return (
      <p className="muted" aria-busy="true">
        Reading how each step went…
      </p>
    );
  if (!s.steps) return null;
  return (
    <div className="plan-drawer-section">
      <StepsTable steps={s.steps} units={units} sport={sport} headingClass="plan-drawer-h" />
    </div>
  );
}
