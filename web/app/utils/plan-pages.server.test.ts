// The plan wizard's and the onboarding questionnaire's form rules: checkbox days and text numbers into the
// plan request, stored answers (SI units) back into the form in the athlete's units.
import type { AppLoadContext } from '@remix-run/cloudflare';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../../worker/context';
import { entitlementsOf, type AthleteTier } from '../../../worker/features/membership/entitlements';
import type { IntakeAnswers } from '../../../worker/features/plans/intake/intake.calc';
import { valuesOf } from './intake.server';
import { loadTraining, planRequestOf } from './plans.server';

const answers = (over: Partial<IntakeAnswers> = {}): IntakeAnswers => ({
  goal: { kind: 'run_half', eventName: 'City Half', eventDate: '2027-04-11' },
  availableDays: [1, 3, 6],
  longDay: 6,
  hoursPerWeek: 5.25,
  injuries: 'Left calf',
  returningFromBreak: false,
  returnDate: null,
  runsPerWeek: 3,
  weeklyDurationS: null,
  weeklyDistanceM: 32_186.88,
  longestRunS: null,
  longestRunM: 16_093.44,
  answeredAt: '2026-11-01T08:00:00Z',
  ...over,
});

describe('the plan wizard’s form', () => {
  it('reads an event goal, the ticked days and numbers typed as text', () => {
    const r = planRequestOf(
      {
        goalKind: 'run_10k',
        eventDate: '2027-03-07',
        eventName: '  Spring 10k ',
        startDate: '',
        longDay: '6',
        hoursPerWeek: '4.5',
        includeStrength: 'yes',
      },
      [1, 3, 6],
    );
    expect(r.success && r.data).toEqual({
      goal: { kind: 'run_10k', eventDate: '2027-03-07', eventName: 'Spring 10k' },
      availableDays: [1, 3, 6],
      longDay: 6,
      hoursPerWeek: 4.5,
      includeStrength: true,
    });
  });

  it('general fitness has no event, whatever the hidden fields still hold', () => {
    const r = planRequestOf(
      { goalKind: 'general_fitness', eventDate: '2027-03-07', eventName: 'Old', longDay: '0', hoursPerWeek: '3' },
      [0, 2],
    );
    expect(r.success && r.data.goal).toEqual({ kind: 'general_fitness', eventDate: null, eventName: null });
    expect(r.success && r.data.includeStrength).toBe(false);
  });

  it('refuses what the plan request refuses: one day, blank hours, a day twice', () => {
    expect(planRequestOf({ goalKind: 'general_fitness', longDay: '1', hoursPerWeek: '3' }, [1]).success).toBe(false);
    expect(planRequestOf({ goalKind: 'general_fitness', longDay: '1', hoursPerWeek: '' }, [1, 2]).success).toBe(false);
    expect(planRequestOf({ goalKind: 'general_fitness', longDay: '1', hoursPerWeek: '3' }, [1, 1]).success).toBe(false);
  });
});

describe('the questionnaire’s stored answers as the form shows them', () => {
  it('in miles for a miles athlete, one decimal', () => {
    expect(valuesOf(answers(), 'mi')).toEqual({
      goalKind: 'run_half',
      eventName: 'City Half',
      eventDate: '2027-04-11',
      days: ['1', '3', '6'],
      longDay: '6',
      hoursPerWeek: '5.3',
      injuries: 'Left calf',
      returning: 'no',
      returnDate: '',
      runsPerWeek: '3',
      weeklyVolume: '20',
      weeklyVolumeUnit: 'mi',
      longestRun: '10',
      longestRunUnit: 'mi',
    });
  });

  it('durations as hours and minutes, in km otherwise; nothing answered is blank', () => {
    const v = valuesOf(answers({ weeklyDurationS: 4.5 * 3600, longestRunS: 95 * 60, longestRunM: null, returningFromBreak: true }), 'km');
    expect(v).toMatchObject({ weeklyVolume: '4.5', weeklyVolumeUnit: 'h', longestRun: '95', longestRunUnit: 'min', returning: 'yes' });
    expect(valuesOf(null, 'km')).toMatchObject({
      goalKind: '',
      days: [],
      longDay: '',
      hoursPerWeek: '',
      returning: '',
      weeklyVolumeUnit: 'km',
    });
  });
});

describe('the training page’s locks', () => {
  // An athlete without a plan: the page reads the clock, the plan, the membership and an empty calendar.
  const load = (tier: AthleteTier) => {
    const services = {
      clock: { now: () => new Date('2026-11-25T09:00:00Z') },
      plans: { current: async () => null },
      membership: { entitlements: async () => entitlementsOf(tier) },
      trainingCalendar: {
        read: async (_a: unknown, from: string, to: string) => ({
          from,
          to,
          today: '2026-11-25',
          timeZone: 'Europe/London',
          plan: null,
          days: [],
          weeks: [],
        }),
      },
    };
    const viewer = { user: { id: 'u1', timeZone: 'Europe/London', units: 'km' } } as unknown as Viewer;
    return loadTraining({ services } as unknown as AppLoadContext, viewer, new URL('https://cadence.test/training'));
  };

  it('are the changes the plan API refuses the viewer’s membership, each with the feature that allows it', async () => {
    const free = await load('free');
    expect(free.locks).toEqual({
      move: 'workout_control',
      swap: 'workout_control',
      edit: 'workout_control',
      add: 'workout_control',
      adjust: 'workout_control',
      link: 'workout_control',
      auto: 'workout_control',
      unlink: 'workout_control',
    });
    expect(free.canExport).toBe(false);
    expect((await load('pro')).locks).toEqual({});
  });
});
