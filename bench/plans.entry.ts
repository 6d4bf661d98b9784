// Bundled by plans.bench.ts (esbuild) so Node runs the worker's own generator and write path: the
// generation figure is the production function's, and the history goes in as ingestion writes it.
import type { ActivityInput } from '../worker/features/activities';
import { generatePlan } from '../worker/features/plans/generator/generate-plan';
import { sampleInput } from '../worker/features/plans/generator/generator.fixtures';
import { parseWorkoutText, type WorkoutSport, workoutTotals } from '../worker/features/workouts';
import { history } from './analytics.entry';

export { connect, history } from './analytics.entry';

/** One 24-week full-distance triathlon plan (the fixture athlete: 14 h a week, CTL 75, age 47). */
export function generateTriFull() {
  return generatePlan(sampleInput('tri_full'));
}

const BENCH_THRESHOLDS = { ftpW: 250, thresholdPaceSecPerKm: 250, cssSecPer100m: 100, lthrBpm: 170 };

const SPORT_OF: Record<string, ActivityInput['sport']> = { run: 'run', bike: 'ride', swim: 'swim' };

/**
 * Activities that follow the plan: for four workouts in five (run, bike, swim), one done at 07:00 UTC
 * that day lasting 75–125 % of the planned time, shaped like a history activity of the same sport.
 */
export function followPlan(workouts: { date: string; sport: string; durationSec: number }[]): ActivityInput[] {
  const templates = new Map<string, ActivityInput>();
  for (const a of history(9001, 300, new Date(), 300)) if (!templates.has(a.sport)) templates.set(a.sport, a);
  return workouts.flatMap((w, i) => {
    const sport = SPORT_OF[w.sport];
    const t = sport && templates.get(sport);
    if (!t || i % 5 === 4) return [];
    const factor = 0.75 + ((i * 7) % 11) / 20;
    const moving = Math.round(w.durationSec * factor);
    const speed = t.distanceM / Math.max(1, t.movingTimeS);
    return [
      {
        ...t,
        externalId: `bench-plan-${w.date}-${i}`,
        name: `Planned ${w.sport}`,
        startTime: new Date(`${w.date}T07:00:00Z`),
        localStartDate: w.date,
        movingTimeS: moving,
        elapsedTimeS: moving + 60,
        distanceM: Math.round(speed * moving),
        streams: null,
        laps: [],
        bestEfforts: [],
      },
    ];
  });
}

/** A structured workout from its text form (ADR 055): its tree and the totals workout control would store. */
export function structuredWorkout(text: string, sport: WorkoutSport) {
  const parsed = parseWorkoutText(text, sport);
  if (!parsed.ok) throw new Error(`bench workout does not parse: ${JSON.stringify(parsed.errors)}`);
  const t = workoutTotals(parsed.workout, BENCH_THRESHOLDS);
  return {
    steps: parsed.workout.steps,
    durationSec: Math.round(t.durationSec),
    distanceM: t.distanceM > 0 ? Math.round(t.distanceM) : null,
    load: Math.round(t.load),
  };
}
