// The drawer's "How each step went" after a structured workout is completed: fetched when the drawer opens
// (the calendar does not carry streams or laps), the same table as on the activity page (ADR 062).
import { useEffect, useState } from 'react';
import type { ActivityIntervals } from '../../../../worker/features/intervals';
import { StepsTable } from '~/components/activity/StepsTable';
import { api } from '~/components/coach/api';
import type { Units } from '~/utils/plans';

export function WorkoutSteps({
  activityId,
  workoutId,
  units,
  sport,
}: {
  activityId: string;
  workoutId: string;
  units: Units;
  sport: string;
}) {
  const [data, setData] = useState<ActivityIntervals | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const ctrl = new AbortController();
    setFailed(false);
    api<ActivityIntervals>(`/api/v1/activities/${activityId}/intervals`, { signal: ctrl.signal })
      .then(setData)
      .catch((err: Error) => {
        if (err.name !== 'AbortError') setFailed(true);
      });
    return () => ctrl.abort();
  }, [activityId]);
  if (failed) return <p className="muted">How each step went could not be loaded.</p>;
  if (!data) return <p className="muted">Reading how each step went…</p>;
  // Another workout of the day may have taken this activity since the calendar was drawn: say nothing then.
  if (!data.steps || data.workout?.id !== workoutId || data.steps.unaligned === 'no_steps') return null;
  return <StepsTable steps={data.steps} units={units} sport={sport} headingClass="plan-drawer-h" />;
}
