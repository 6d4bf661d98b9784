// The taper, race-day form, bricks and the recovery rhythm over a grid that leaves no gap: every goal ×
// {about 8 weeks of uploaded history, intake answers only} × 10/12/14/18/20/24 weeks × ages (none, 32, and
// masters 45 and 58, two per cell in turn), the rest of each athlete drawn at random (days, hours, fitness,
// strength, the race's weekday). Each plan is built once and every rule is read back from it.
import { describe, expect, it } from 'vitest';
import { GOAL_KINDS, type GeneratedPlan } from '../plans.types';
import { generatePlan } from './generate-plan';
import {
  expectBricksInBuild,
  expectFirstTaperWeek,
  expectLoadStep,
  expectRaceForm,
  expectRecoveryRhythm,
  firstTaperShare,
  GRID_AGES,
  GRID_WEEKS,
  gridInputs,
} from './generator.testing';

const grid = gridInputs(2, 20_270_104).map(({ cell, input }) => ({ cell, input, plan: generatePlan(input) as GeneratedPlan }));
const label = ({ cell }: (typeof grid)[number]) =>
  `${cell.kind}, ${cell.intake ? 'intake answers' : 'history'}, ${cell.weeks} weeks, age ${cell.age ?? 'unknown'}`;

describe('generatePlan over every goal × source × length × age', () => {
  it('covers the whole grid', () => {
    for (const kind of GOAL_KINDS)
      for (const intake of [false, true])
        for (const weeks of GRID_WEEKS)
          expect(grid.filter((g) => g.cell.kind === kind && g.cell.intake === intake && g.cell.weeks === weeks)).toHaveLength(2);
    for (const kind of GOAL_KINDS)
      for (const age of GRID_AGES)
        expect(
          grid.some((g) => g.cell.kind === kind && g.cell.age === age),
          `${kind} at ${age}`,
        ).toBe(true);
  });

  it('lands race-day TSB in +5…+15, or says why not with the taper as far towards it as the rules allow', () => {
    for (const g of grid) {
      try {
        expectRaceForm(g.input, g.plan);
      } catch (e) {
        throw new Error(`${label(g)}: ${(e as Error).message}`);
      }
    }
  });

  it('holds the first week of a 2–3-week taper at 70 % of the peak week’s training time (±7.5 points or 30 min)', () => {
    let measured = 0;
    for (const g of grid) {
      if (firstTaperShare(g.plan)) measured++;
      try {
        expectFirstTaperWeek(g.plan);
      } catch (e) {
        throw new Error(`${label(g)}: ${(e as Error).message}`);
      }
    }
    expect(measured).toBeGreaterThan(grid.length / 3);
  });

  it('gives every triathlon build week a brick, from history or from answers alone', () => {
    for (const g of grid) expectBricksInBuild(g.input, g.plan);
    expect(
      grid.filter((g) => g.cell.kind.startsWith('tri_') && g.cell.intake && g.plan.workouts.some((w) => w.sport === 'brick')),
    ).not.toHaveLength(0);
  });

  it('keeps a recovery week every 4th week (3rd from 45) through build and peak: never more loading weeks in a row', () => {
    for (const g of grid) {
      try {
        expectRecoveryRhythm(g.input, g.plan);
      } catch (e) {
        throw new Error(`${label(g)}: ${(e as Error).message}`);
      }
    }
  });

  it('raises planned load at most +10 % on the last loading week (after a recovery week: the week before it)', () => {
    // Issue 37 measured +12.3 % (a sprint triathlon from answers, week 10) and +10.8 % (a 70.3 from history,
    // week 10): volume was held to +10 % but load was not, and build adds intensity. Both cells are in the grid.
    let exceptions = 0;
    let steps = 0;
    for (const g of grid) {
      try {
        exceptions += expectLoadStep(g.input, g.plan);
      } catch (e) {
        throw new Error(`${label(g)}: ${(e as Error).message}`);
      }
      steps += g.plan.weeks.filter((w) => w.phase !== 'taper').length;
      // Above the floor (where whole sessions aren't the step) there is no exception at all.
      if (g.cell.kind === 'tri_70_3' && !g.cell.intake) expect(expectLoadStep(g.input, g.plan), label(g)).toBe(0);
    }
    // Only small plans, whose weeks are a few whole sessions, ever keep their time with more load.
    expect(exceptions).toBeLessThan(steps / 20);
  });
});
