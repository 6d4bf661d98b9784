// Bundled by plans.bench.ts (esbuild) so Node runs the worker's own generator and write path: the
// generation figure is the production function's, and the history goes in as ingestion writes it.
import { type SQL, sql } from 'drizzle-orm';
import { type ActivityInput, policyFor } from '../worker/features/activities';
import { calendarWeeks, placeCalendar, readWindow } from '../worker/features/plans/calendar/calendar.calc';
import { presentCalendar } from '../worker/features/plans/calendar/calendar.present';
import { calendarRows } from '../worker/features/plans/calendar/calendar.repo';
import type { Sport, StepNode, WorkoutType } from '../worker/features/plans/plans.types';
import { generatePlan } from '../worker/features/plans/generator/generate-plan';
import { sampleInput } from '../worker/features/plans/generator/generator.fixtures';
import { parseWorkoutText, type WorkoutSport, workoutTotals } from '../worker/features/workouts';
import { connect, history } from './analytics.entry';

export { connect, history };

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

/**
 * Where a calendar read's time goes, in Node on the production code: the one statement (the plan, workouts and
 * activities as JSON), placement and compliance, weeks, and the API's presentation and JSON. Median of `rounds`.
 */
export async function calendarBreakdown(
  h: ReturnType<typeof connect>,
  athlete: { id: string; timeZone: string },
  from: string,
  to: string,
  rounds: number,
) {
  const sources = policyFor('default').sourcesFor('analytics');
  const win = readWindow(from, to, athlete.timeZone);
  const ms: Record<'floor' | 'statement' | 'place' | 'present' | 'json', number[]> = {
    floor: [],
    statement: [],
    place: [],
    present: [],
    json: [],
  };
  let rowBytes = 0;
  // The statement's text and parameters, for Postgres's own plan of it (explain analyze, run by the bench).
  const db = h.db as unknown as {
    execute: (q: SQL) => Promise<unknown>;
    dialect: { sqlToQuery: (q: SQL) => { sql: string; params: unknown[] } };
  };
  const execute = db.execute.bind(db);
  let query: { sql: string; params: unknown[] } | null = null;
  db.execute = (q: SQL) => {
    query ??= db.dialect.sqlToQuery(q);
    return execute(q);
  };
  for (let i = 0; i < rounds; i++) {
    const f0 = performance.now();
    await execute(sql`select 1`);
    ms.floor.push(performance.now() - f0);
    const t0 = performance.now();
    const rows = await calendarRows(h.db, athlete.id, sources, win);
    const t1 = performance.now();
    const workouts = rows.workouts.map((w) => ({
      ...w,
      sport: w.sport as Sport,
      type: w.type as WorkoutType,
      steps: w.steps as StepNode[],
      linkMode: w.linkMode as 'manual' | null,
    }));
    const days = placeCalendar({ timeZone: athlete.timeZone, from, to, now: new Date(), workouts, activities: rows.activities });
    const weeks = calendarWeeks(days).map((w) => ({ ...w, form: null, formNote: 'not_yet' as const }));
    const t2 = performance.now();
    const view = presentCalendar({ from, to, today: to, timeZone: athlete.timeZone, plan: rows.plan ?? null, days, weeks } as never);
    const t3 = performance.now();
    JSON.stringify(view);
    const t4 = performance.now();
    ms.statement.push(t1 - t0);
    ms.place.push(t2 - t1);
    ms.present.push(t3 - t2);
    ms.json.push(t4 - t3);
    rowBytes = JSON.stringify(rows).length;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  db.execute = execute;
  return { ...Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, median(v)])), rowBytes, query: query! } as Record<
    keyof typeof ms,
    number
  > & { rowBytes: number; query: { sql: string; params: unknown[] } };
}
