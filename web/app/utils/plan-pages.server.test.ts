// The plan wizard's and the onboarding questionnaire's form rules: checkbox days and text numbers into the
// plan request, stored answers (SI units) back into the form in the athlete's units.
import type { AppLoadContext } from '@remix-run/cloudflare';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../../worker/context';
import { entitlementsOf, type AthleteTier } from '../../../worker/features/membership/entitlements';
import type { IntakeAnswers } from '../../../worker/features/plans/intake/intake.calc';
import { valuesOf } from './intake.server';
import { answeredGoalName, loadToday, loadTraining, planRequestOf, wizardDefaults } from './plans.server';
import { suggestedRequest } from '../../../worker/features/plans/intake/intake.calc';

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

describe('the plan wizard starts from the onboarding answers', () => {
  // Issue 37: onboarding said "half marathon, Autumn Half, 14 Mar 2027"; the wizard showed 10 km, no name and a date 12 weeks out.
  const autumn = answers({
    goal: { kind: 'run_half', eventName: 'Autumn Half', eventDate: '2027-03-14' },
    availableDays: [0, 2, 4, 6],
    longDay: 6,
    hoursPerWeek: 7,
  });

  it('pre-fills the goal, the event’s name and date, the days, the long day and the hours', () => {
    const today = '2026-11-25';
    expect(wizardDefaults(suggestedRequest(autumn, today), today)).toEqual({
      goalKind: 'run_half',
      eventName: 'Autumn Half',
      eventDate: '2027-03-14',
      days: [0, 2, 4, 6],
      longDay: '6',
      hoursPerWeek: '7',
    });
    // The wizard posts them back as the plan request they were.
    const v = wizardDefaults(suggestedRequest(autumn, today), today);
    const r = planRequestOf(
      { goalKind: v.goalKind!, eventName: v.eventName!, eventDate: v.eventDate!, longDay: v.longDay!, hoursPerWeek: v.hoursPerWeek! },
      v.days!,
    );
    expect(r.success && r.data.goal).toEqual({ kind: 'run_half', eventName: 'Autumn Half', eventDate: '2027-03-14' });
  });

  it('unanswered hours come from history when it isn’t thin; nothing answered leaves the form’s own defaults', () => {
    const today = '2026-11-25';
    const noHours = answers({ hoursPerWeek: null });
    // About 9 h a week recently: room for +10 %, in half hours.
    expect(wizardDefaults(suggestedRequest(noHours, today, 9), today).hoursPerWeek).toBe('10');
    expect(wizardDefaults(suggestedRequest(noHours, today, null), today).hoursPerWeek).toBeUndefined();
    expect(wizardDefaults(null, today)).toEqual({});
    // An event too close for the date field (two weeks) keeps its goal and name, not its date.
    const soon = wizardDefaults(
      suggestedRequest(answers({ goal: { kind: 'run_10k', eventName: 'Turkey Trot', eventDate: '2026-12-01' } }), today),
      today,
    );
    expect(soon).toMatchObject({ goalKind: 'run_10k', eventName: 'Turkey Trot' });
    expect(soon.eventDate).toBeUndefined();
  });

  it('names the answered goal for Home: the event’s name, else the distance', () => {
    expect(answeredGoalName(suggestedRequest(autumn, '2026-11-25'))).toBe('Autumn Half');
    expect(
      answeredGoalName(suggestedRequest(answers({ goal: { kind: 'run_marathon', eventName: null, eventDate: null } }), '2026-11-25')),
    ).toBe('marathon');
    expect(answeredGoalName(suggestedRequest(answers({ goal: null }), '2026-11-25'))).toBeNull();
    expect(answeredGoalName(null)).toBeNull();
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

describe('Home without a plan', () => {
  // The line says what a new plan starts from: the answers only while history is thin (the plan wizard's rule).
  const load = (thinHistory: boolean) => {
    const services = {
      clock: { now: () => new Date('2026-11-25T09:00:00Z') },
      plans: { active: async () => null },
      intake: { get: async () => ({ answers: answers(), suggestedRequest: suggestedRequest(answers(), '2026-11-25', 9), thinHistory }) },
    };
    const viewer = { user: { id: 'u1', timeZone: 'Europe/London', units: 'km' } } as unknown as Viewer;
    return loadToday({ services } as unknown as AppLoadContext, viewer);
  };

  it('names the goal and says the plan starts from the recent training once history is not thin, else from the answers', async () => {
    expect(await load(false)).toMatchObject({ plan: null, goal: 'City Half', startsFrom: 'history' });
    expect(await load(true)).toMatchObject({ plan: null, goal: 'City Half', startsFrom: 'answers' });
  });
});
