// What the workout control tests share: a world on real Postgres with a clock the test moves, an athlete
// with a plan, an activity that completes a workout, and whole rows to compare before and after.
import { Decoder, Stream } from '@garmin/fitsdk';
import { eq } from 'drizzle-orm';
import { SaxesParser } from 'saxes';
import { expect } from 'vitest';
import { plannedWorkouts } from '../../../db/schema';
import { addDays, todayIn } from '../../../lib/dates';
import { AppError } from '../../../lib/errors';
import { buildActivity } from '../../../testing/factories/activity';
import { analyticsWorld, insertAthlete } from '../../../testing/analytics';
import type { Harness } from '../../../testing/harness';
import { giveTier, membershipOf } from '../../../testing/scenarios';
import type { Athlete } from '../../analytics';
import type { ExportWorkout } from '../exports';
import { type StepSport, tally } from '../generator/steps.calc';
import type { WorkoutRow } from '../plans.repo';
import type { Step, StepNode, Target } from '../plans.types';
import { createPlansService, type PlanRequest } from '../plans.service';
import { createWorkoutControl } from './workout-control.service';

export const planRequest = (today: string): PlanRequest => ({
  goal: { kind: 'run_half', eventDate: addDays(today, 7 * 12), eventName: 'City Half' },
  availableDays: [0, 1, 3, 5, 6],
  longDay: 6,
  hoursPerWeek: 6,
  includeStrength: false,
});

/** The services with one clock; `at` moves it (rate-limit windows, the athlete's today). */
export function controlWorld(h: Harness) {
  let now = new Date();
  const clock = { now: () => now };
  const { analytics, activities } = analyticsWorld(h.db);
  const membership = membershipOf(h);
  return {
    activities,
    plans: createPlansService({ db: h.db, clock, analytics, membership }),
    control: createWorkoutControl({ db: h.db, clock, membership }),
    clock,
    at: (t: Date) => {
      now = t;
    },
  };
}
export type ControlWorld = ReturnType<typeof controlWorld>;

export async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

export async function athleteWithPlan(h: Harness, w: ControlWorld, tier: 'free' | 'pro' = 'pro') {
  const a: Athlete = await insertAthlete(h.db, { timeZone: 'America/Denver' });
  if (tier === 'pro') await giveTier(h, a.id, 'pro');
  const today = todayIn(a.timeZone, new Date());
  const plan = await w.plans.create(a, planRequest(today));
  const by = { athlete: a, actorId: a.id, source: 'athlete' as const };
  return { a, plan, by, today, workouts: await rows(h, plan.id) };
}

/** The plan's workout rows, whole, in date order. */
export async function rows(h: Harness, planId: string): Promise<WorkoutRow[]> {
  const all = await h.db.select().from(plannedWorkouts).where(eq(plannedWorkouts.planId, planId));
  return all.sort((x, y) => x.date.localeCompare(y.date) || x.createdAt.getTime() - y.createdAt.getTime() || x.id.localeCompare(y.id));
}

/** Rows as undo must give them back: everything but the revision (the feed's SEQUENCE, bumped) and updatedAt. */
export const restorable = (list: WorkoutRow[]) => list.map(({ revision: _r, updatedAt: _u, ...rest }) => rest);

/** The seconds a FIT workout file adds up to, as Garmin's Decoder reads it (a repeat runs its block `repeatSteps` times). */
export function fitSeconds(bytes: Uint8Array): number {
  const stream = Stream.fromByteArray(Array.from(bytes));
  const { messages, errors } = new Decoder(stream).read();
  expect(errors).toEqual([]);
  const steps = (messages.workoutStepMesgs ?? []) as {
    durationType?: string;
    durationTime?: number;
    durationStep?: number;
    repeatSteps?: number;
  }[];
  const each: number[] = [];
  steps.forEach((s, i) => {
    if (s.durationType === 'time') each[i] = s.durationTime ?? 0;
    else if (s.durationType === 'repeatUntilStepsCmplt') {
      const block = each.slice(s.durationStep ?? 0, i).reduce((a, b) => a + (b ?? 0), 0);
      each[i] = block * ((s.repeatSteps ?? 1) - 1);
    } else throw new Error(`a ${s.durationType} step has no time`);
  });
  return Math.round(each.reduce((a, b) => a + (b ?? 0), 0));
}

/** The seconds a .zwo file adds up to, as saxes reads it. */
export function zwoSeconds(xml: string): number {
  let total = 0;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    if (tag.name === 'IntervalsT') total += Number(a.Repeat) * (Number(a.OnDuration) + Number(a.OffDuration));
    else if (a.Duration) total += Number(a.Duration);
  });
  parser.write(xml).close();
  return total;
}

/** A saved row as the exports read it (plans-exports.service.ts does the same). */
export const exportOf = (w: WorkoutRow): ExportWorkout => ({
  ...w,
  sport: w.sport as ExportWorkout['sport'],
  type: w.type as ExportWorkout['type'],
  phase: w.phase as ExportWorkout['phase'],
  intensity: (w.intensity as Target | null) ?? null,
  steps: w.steps as StepNode[],
  status: 'planned',
});

const leafSteps = (nodes: StepNode[]): Step[] => nodes.flatMap((n) => (n.kind === 'repeat' ? n.steps : [n]));

/** Seconds of every step as written (a repeat's block once) and the steps' total. */
export function stepLengths(nodes: StepNode[]): { total: number; each: number[] } {
  const total = nodes.reduce(
    (s, n) => s + (n.kind === 'repeat' ? n.count * n.steps.reduce((x, y) => x + (y.durationSec ?? 0), 0) : (n.durationSec ?? 0)),
    0,
  );
  return { total, each: leafSteps(nodes).map((s) => s.durationSec ?? 0) };
}

/**
 * The lengths a text states, in seconds ("50 min", "1 h 30 min", "2 min 30 s", "20 s"), and whether each
 * was stated to the minute (the plan's titles round to it) or to the second.
 */
export function statedLengths(text: string): { sec: number; toMinute: boolean }[] {
  const out: { sec: number; toMinute: boolean }[] = [];
  for (const m of text.matchAll(/(?:(\d+) h)?\s*(?:(\d+) min)?\s*(?:(\d+) s\b)?/g)) {
    if (!m[0].trim()) continue;
    const [h, min, s] = [Number(m[1] ?? 0), Number(m[2] ?? 0), m[3]];
    out.push({ sec: h * 3600 + min * 60 + Number(s ?? 0), toMinute: s === undefined });
  }
  return out;
}

/** The generator's load rule (steps.calc's tally) over written steps; a brick's legs at their own sport (else by metric). */
export function generatorLoad(sport: string, nodes: StepNode[]): number {
  if (sport === 'rest') return 0;
  const segSport = (s: Step): StepSport =>
    sport === 'strength'
      ? 'strength'
      : sport === 'brick'
        ? (s.sport ?? (s.target?.metric === 'power' ? 'bike' : 'run'))
        : (sport as StepSport);
  const seg = (s: Step) => ({ kind: s.kind, minutes: (s.durationSec ?? 0) / 60, sport: segSport(s), target: s.target! });
  return tally(nodes.map((n) => (n.kind === 'repeat' ? { count: n.count, segs: n.steps.map(seg) } : seg(n)))).load;
}

/** An activity of the workout's day and length: matching pairs it, so the workout reads completed. */
export async function complete(w: ControlWorld, userId: string, x: WorkoutRow, sport: 'run' | 'ride' = 'run') {
  return w.activities.ingest(
    userId,
    buildActivity({
      sport,
      startTime: new Date(`${x.date}T16:00:00Z`),
      localStartDate: x.date,
      movingTimeS: x.durationSec,
      elapsedTimeS: x.durationSec,
      distanceM: Math.round(x.durationSec * (sport === 'run' ? 2.8 : 7)),
    }),
  );
}
