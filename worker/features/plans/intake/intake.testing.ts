// The intake tests' world on real Postgres: the plans, intake and rebuild services on one clock, the onboarding
// answers and a plan request, runs going back from yesterday, and an expected refusal.
import { expect } from 'vitest';
import { AppError } from '../../../lib/errors';
import { addDays } from '../../../lib/dates';
import { buildActivity } from '../../../testing/factories/activity';
import { analyticsWorld } from '../../../testing/analytics';
import type { Harness } from '../../../testing/harness';
import { membershipOf } from '../../../testing/scenarios';
import type { Athlete } from '../../analytics';
import { createPlansService, type PlanRequest } from '../plans.service';
import { createRebuildService } from '../rebuild/rebuild.service';
import type { IntakeInput } from './intake.schema';
import { createIntakeService } from './intake.service';

export const NOW = new Date();

export function world(h: Harness) {
  const { analytics, activities, clock } = analyticsWorld(h.db, NOW);
  return {
    activities,
    plans: createPlansService({ db: h.db, clock, analytics, membership: membershipOf(h) }),
    intake: createIntakeService({ db: h.db, clock, analytics }),
    rebuild: createRebuildService({ db: h.db, clock, analytics, membership: membershipOf(h) }),
  };
}
export type World = ReturnType<typeof world>;

export const answers = (over: Partial<IntakeInput> = {}): IntakeInput => ({
  goal: null,
  availableDays: null,
  longDay: null,
  hoursPerWeek: null,
  injuries: null,
  returningFromBreak: null,
  returnDate: null,
  runsPerWeek: 3,
  weeklyVolume: { unit: 'h', value: 1.5 },
  longestRun: { unit: 'min', value: 50 },
  ...over,
});

export const request = (today: string): PlanRequest => ({
  goal: { kind: 'run_half', eventDate: addDays(today, 7 * 14), eventName: 'City Half' },
  availableDays: [0, 2, 4, 6],
  longDay: 6,
  hoursPerWeek: 6,
  includeStrength: false,
});

/** `count` runs of `minutes` each, one a day going back from yesterday (all inside the last six weeks). */
export async function runs(w: World, a: Athlete, count: number, minutes: number, firstDayBack = 1) {
  for (let i = 0; i < count; i++) {
    const start = new Date(NOW.getTime() - (firstDayBack + i) * 86_400_000);
    start.setUTCHours(7, 0, 0, 0);
    await w.activities.ingest(
      a.id,
      buildActivity({
        startTime: start,
        localStartDate: start.toISOString().slice(0, 10),
        movingTimeS: minutes * 60,
        elapsedTimeS: minutes * 60,
      }),
    );
  }
}

export const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
};
