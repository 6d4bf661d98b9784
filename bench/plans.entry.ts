// Bundled by plans.bench.ts (esbuild) so Node runs the worker's own generator and write path: the
// generation figure is the production function's, and the history goes in as ingestion writes it.
import type { ActivityInput } from '../worker/features/activities';
import { generatePlan } from '../worker/features/plans/generator/generate-plan';
import { sampleInput } from '../worker/features/plans/generator/generator.fixtures';
import { history } from './analytics.entry';

export { connect, history } from './analytics.entry';

/** One 24-week full-distance triathlon plan (the fixture athlete: 14 h a week, CTL 75, age 47). */
export function generateTriFull() {
  return generatePlan(sampleInput('tri_full'));
}

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
