// The athlete's conversations on a planned workout, inside its drawer on /training: fetched when the drawer
// opens (the calendar does not carry them) unless the page loaded them, then the same threads as under an
// activity, their times in the athlete's zone like the rest of the page (never the browser's).
import { useEffect, useRef, useState } from 'react';
import type { AthleteThreads } from '../../../../worker/features/comments/comments.schema';
import { api } from '~/components/coach/api';
import { Button } from '~/components/ui';
import { useAppUser } from '~/components/useAppUser';
import { TrainingComments } from './TrainingComments';

export function WorkoutComments({ workoutId, initial }: { workoutId: string; initial?: AthleteThreads | null | undefined }) {
  const preloaded = initial && initial.subject.id === workoutId ? initial : null;
  const [data, setData] = useState<AthleteThreads | null>(preloaded);
  const { timeZone } = useAppUser();
  // What the page loaded is not fetched again on opening; Retry (tick > 0) always fetches.
  const skipFirst = useRef(preloaded !== null);
  const [failed, setFailed] = useState(false);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick is the trigger: Retry bumps it to fetch again.
  useEffect(() => {
    if (skipFirst.current) {
      skipFirst.current = false;
      return;
    }
    const ctrl = new AbortController();
    setFailed(false);
    api<AthleteThreads>(`/api/v1/comments/workouts/${workoutId}`, { signal: ctrl.signal })
      .then(setData)
      .catch((err: Error) => {
        if (err.name !== 'AbortError') setFailed(true);
      });
    return () => ctrl.abort();
  }, [workoutId, tick]);
  // A notice's link (…&workout=id#comments) opens the drawer at its conversation, once the conversation is in.
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (data && window.location.hash === '#comments') section.current?.scrollIntoView({ block: 'start' });
  }, [data]);
  return (
    <section ref={section} className="plan-drawer-section" id="comments" aria-labelledby="workout-comments-h" aria-busy={!data && !failed}>
      <h3 id="workout-comments-h" className="plan-drawer-h">
        Conversation with your coach
      </h3>
      {failed ? (
        <p className="muted">
          The comments could not be loaded.{' '}
          <Button variant="link" size="sm" onClick={() => setTick((t) => t + 1)}>
            Retry
          </Button>
        </p>
      ) : data ? (
        <TrainingComments data={data} timeZone={timeZone} />
      ) : (
        <p className="muted">Loading comments…</p>
      )}
    </section>
  );
}
