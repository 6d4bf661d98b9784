// An edit never leaves a workout contradicting itself, over generated edits of generated workouts (runs,
// rides, swims, bricks, strength; every editable field alone and together): an accepted edit's steps add
// up to its duration, its load is the generator's load rule over those steps, every length its title and
// description state is one of its lengths, and the FIT and .zwo files last its duration; a refused edit is
// a 4xx that changes nothing; and undo gives the workout back exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insertAthlete } from '../../../testing/analytics';
import { Harness } from '../../../testing/harness';
import { giveTier } from '../../../testing/scenarios';
import { fitWorkout, zwiftWorkout } from '../exports';
import { rpeTarget, zoneTarget } from '../generator/steps.calc';
import type { WorkoutRow } from '../plans.repo';
import { type StepNode, type Target, WORKOUT_TYPES } from '../plans.types';
import { todayIn, addDays } from '../../../lib/dates';
import {
  controlWorld,
  exportOf,
  fitSeconds,
  generatorLoad,
  refusal,
  restorable,
  rows,
  statedLengths,
  stepLengths,
  zwoSeconds,
} from './plans-control.testing';
import { typeFits } from './workout-catalog';
import type { WorkoutPatch } from './workout-edits';
import { same } from './workout-state';

const RUNS = { numRuns: 200, seed: 20_271_211 };

const TARGETS: Target[] = [
  ...([1, 2, 3, 4, 5] as const).flatMap((z) => [zoneTarget('run', z), zoneTarget('bike', z), zoneTarget('swim', z)]),
  rpeTarget(2, 3),
  rpeTarget(6, 7),
  { metric: 'hr', zone: 2, low: 0.75, high: 0.85 },
];
const leaf = fc.record({
  kind: fc.constantFrom('warmup', 'work', 'recovery', 'cooldown', 'steady' as const),
  durationSec: fc.integer({ min: 1, max: 160 }).map((n) => n * 15),
  distanceM: fc.constant(null),
  target: fc.constantFrom(...TARGETS),
});
const stepsArb: fc.Arbitrary<StepNode[]> = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: leaf },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('repeat' as const),
        count: fc.integer({ min: 1, max: 8 }),
        steps: fc.array(leaf, { minLength: 1, maxLength: 3 }),
      }),
    },
  ),
  { minLength: 1, maxLength: 5 },
);

/** Any subset of the editable fields, the common edits (type, duration, both) more often than the rest. */
const patchArb: fc.Arbitrary<WorkoutPatch> = fc
  .record(
    {
      sport: fc.constantFrom('run', 'bike', 'swim', 'strength', 'brick', 'rest' as const),
      type: fc.constantFrom(...WORKOUT_TYPES),
      title: fc.constantFrom('Hills', 'Easy run 90 min', 'Morning session'),
      description: fc.constantFrom('Out and back along the river.', '12 min steady, then home.'),
      durationSec: fc.oneof(
        fc.integer({ min: 4, max: 240 }).map((m) => m * 60),
        fc.integer({ min: 0, max: 5 * 3600 }),
      ),
      distanceM: fc.option(fc.integer({ min: 100, max: 4_000 }).map((x) => x * 10)),
      targetLoad: fc.integer({ min: 0, max: 3000 }).map((x) => x / 10),
      intensity: fc.constantFrom(...TARGETS),
      steps: stepsArb,
    },
    { requiredKeys: [] },
  )
  .chain((p) =>
    fc
      .record({
        keep: fc.subarray(Object.keys(p) as (keyof WorkoutPatch)[], { maxLength: Math.min(3, Object.keys(p).length) }),
        stepsSum: fc.boolean(),
        sportFirst: fc.boolean(),
      })
      .map(({ keep, stepsSum, sportFirst }) => {
        const out: WorkoutPatch = {};
        for (const k of keep) (out as Record<string, unknown>)[k] = p[k];
        // Steps and a duration together mostly agree; a sport change mostly brings a type that fits.
        if (out.steps && out.durationSec !== undefined && stepsSum) out.durationSec = stepLengths(out.steps).total;
        if (out.sport && sportFirst && out.type && !typeFits(out.type, out.sport)) delete out.type;
        if (out.targetLoad !== undefined && keep.length > 1 && stepsSum) delete out.targetLoad;
        return out;
      }),
  )
  .filter((p) => Object.keys(p).length > 0);

/** Every length the words state is one of the workout's: its total or a step's (titles round to the minute). */
function wordsAgree(text: string, w: WorkoutRow): boolean {
  const { total, each } = stepLengths(w.steps as StepNode[]);
  return statedLengths(text).every(({ sec, toMinute }) =>
    [total, ...each].some((len) => (toMinute ? Math.round(len / 60) * 60 === sec : len === sec)),
  );
}

/** What an accepted edit leaves: one workout, every part of it telling the same story. */
function expectConsistent(row: WorkoutRow, patch: WorkoutPatch, after: WorkoutRow) {
  const steps = after.steps as StepNode[];
  const why = `${row.sport} ${row.type} "${row.title}" + ${JSON.stringify(patch)} → ${JSON.stringify({ ...after, why: undefined })}`;
  expect(stepLengths(steps).total, why).toBe(after.durationSec);
  expect(after.targetLoad, why).toBe(generatorLoad(after.sport, steps));
  expect(typeFits(after.type as never, after.sport as never), why).toBe(true);
  if (after.sport === 'rest') expect(after.durationSec, why).toBe(0);
  else expect(steps.length, why).toBeGreaterThan(0);
  // What was sent is what the workout now has (steps as sent, whatever else follows from them).
  for (const k of ['sport', 'type', 'title', 'description', 'durationSec', 'distanceM', 'intensity', 'steps'] as const)
    if (patch[k] !== undefined) expect(same(after[k], patch[k]), `${k} as sent: ${why}`).toBe(true);
  // The headline intensity is one of the steps' own targets.
  if (after.intensity !== null)
    expect(
      steps.flatMap((n) => (n.kind === 'repeat' ? n.steps : [n])).some((s) => same(s.target, after.intensity)),
      why,
    ).toBe(true);
  if (patch.title === undefined) expect(wordsAgree(after.title, after), `title: ${why}`).toBe(true);
  if (patch.description === undefined) expect(wordsAgree(after.description, after), `description: ${why}`).toBe(true);
  if (['run', 'bike', 'swim'].includes(after.sport)) expect(fitSeconds(fitWorkout(exportOf(after))), `FIT: ${why}`).toBe(after.durationSec);
  if (['run', 'bike'].includes(after.sport)) expect(zwoSeconds(zwiftWorkout(exportOf(after))), `zwo: ${why}`).toBe(after.durationSec);
}

describe('workout edits: one consistent workout after any edit', () => {
  it('generated edits on generated workouts: steps = duration, load = the rule, words and files agree; refusals are 4xx; undo is exact', async () => {
    const h = Harness.init();
    const w = controlWorld(h);
    const athletes = await Promise.all(
      (
        [
          ['run_half', false],
          ['tri_olympic', true],
          ['bike_event', false],
        ] as const
      ).map(async ([kind, includeStrength]) => {
        const a = await insertAthlete(h.db, { timeZone: 'Europe/Berlin' });
        await giveTier(h, a.id, 'pro');
        const today = todayIn(a.timeZone, new Date());
        const plan = await w.plans.create(a, {
          goal: { kind, eventDate: addDays(today, 7 * 14), eventName: 'Autumn race' },
          availableDays: [0, 1, 2, 3, 5, 6],
          longDay: 6,
          hoursPerWeek: 8,
          includeStrength,
        });
        return { by: { athlete: a, actorId: a.id, source: 'athlete' as const }, plan, list: await rows(h, plan.id) };
      }),
    );
    const pool = athletes.flatMap((x) => x.list.map((row) => ({ ...x, row })));
    expect(new Set(pool.map((p) => p.row.sport))).toEqual(new Set(['run', 'bike', 'swim', 'brick', 'strength']));

    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    let run = 0;
    const seen = { accepted: 0, refused: 0, typeChanged: 0, durationOnly: 0, steps: 0 };
    await fc.assert(
      fc.asyncProperty(fc.nat(pool.length - 1), patchArb, async (i, patch) => {
        // A fresh hour each run: the edit and its undo never meet the hourly limit.
        w.at(new Date(hour + ++run * 3_600_000 + 60_000));
        const { by, plan, row } = pool[i]!;
        const before = restorable(await rows(h, plan.id));
        const outcome = await w.control.edit(by, plan.id, row.id, patch).then(
          (c) => c,
          (e: unknown) => e,
        );
        if (!(outcome && typeof outcome === 'object' && 'id' in outcome && 'action' in outcome)) {
          const err = await refusal(Promise.reject(outcome));
          expect(err.status, `${err.code}: ${err.message}`).toBeGreaterThanOrEqual(400);
          expect(err.status).toBeLessThan(500);
          expect(restorable(await rows(h, plan.id)), 'a refused edit changes nothing').toEqual(before);
          seen.refused++;
          return;
        }
        seen.accepted++;
        if (patch.type !== undefined && patch.type !== row.type) seen.typeChanged++;
        if (Object.keys(patch).length === 1 && patch.durationSec !== undefined) seen.durationOnly++;
        if (patch.steps) seen.steps++;
        const after = (await rows(h, plan.id)).find((r) => r.id === row.id)!;
        // Undone even when a check fails, so the next run (and the shrinking) starts from the plan as made.
        try {
          expectConsistent(row, patch, after);
        } finally {
          await w.control.undo(by, plan.id, outcome.id as string);
        }
        expect(restorable(await rows(h, plan.id)), 'undo gives the workout back exactly').toEqual(before);
      }),
      RUNS,
    );
    // The generated edits reach every kind of answer, not only refusals.
    expect(seen.accepted, JSON.stringify(seen)).toBeGreaterThan(RUNS.numRuns / 3);
    for (const k of ['refused', 'typeChanged', 'durationOnly', 'steps'] as const) expect(seen[k], JSON.stringify(seen)).toBeGreaterThan(0);
  }, 180_000);
});
