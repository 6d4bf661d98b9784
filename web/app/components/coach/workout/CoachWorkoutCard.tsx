// The workout itself on the coach's page for a client's planned workout: time, distance, planned load, its
// intensity profile and steps with their targets, and the why the athlete reads, as the athlete's drawer draws them.
import { WorkoutProfile, WorkoutStepsText } from '~/components/plan/WorkoutProfile';
import { Card } from '~/components/ui';
import type { CoachWorkout } from '~/utils/coach-workout.server';
import { distanceText, minutes, SPORT_LABELS, stepLines, type Units } from '~/utils/plans';
import { isStructured, type Workout } from '~/utils/workout-builder';

export function CoachWorkoutCard({ w, units, title }: { w: CoachWorkout; units: Units; title: string }) {
  const tree: Workout = { sport: w.sport as Workout['sport'], steps: w.steps as Workout['steps'] };
  const structured = isStructured(tree.steps);
  const flat = structured ? [] : stepLines(w.steps as Parameters<typeof stepLines>[0], units);
  const facts = [
    `${SPORT_LABELS[w.sport] ?? w.sport} · ${w.type}`,
    minutes(w.durationSec),
    distanceText(w.distanceM, units, w.sport),
    `planned load ${Math.round(w.targetLoad)}`,
  ].filter(Boolean);
  return (
    <Card id="workout" title="The workout" description={w.skipped ? 'Your client took this workout off their plan.' : undefined}>
      <p className="coach-list-meta" data-testid="workout-facts">
        {facts.join(' · ')}
      </p>
      {w.description ? <p>{w.description}</p> : null}
      {tree.steps.length > 0 ? (
        <section aria-label="Steps">
          <WorkoutProfile workout={tree} label={`Intensity profile of ${title}`} />
          {structured ? (
            <WorkoutStepsText workout={tree} />
          ) : (
            <ol className="plan-steps">
              {flat.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: steps have no identity of their own; their order is the key.
                <li key={i}>{s}</li>
              ))}
            </ol>
          )}
        </section>
      ) : (
        <p className="muted">No steps: a session by time and feel.</p>
      )}
      {w.why ? (
        <p className="plan-why">
          <strong>Why this workout:</strong> {w.why}
        </p>
      ) : null}
    </Card>
  );
}
