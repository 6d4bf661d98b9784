// The thin-history rule, answers as fitness, and when "Rebuild plan?" is asked: the thresholds at their edges.
import { describe, expect, it } from 'vitest';
import { answersFrom, fitnessFromAnswers, isThin } from './intake.calc';
import { IntakeInput } from './intake.schema';
import type { FitnessInput } from '../plans.types';
import { rebuildCheck } from '../rebuild/rebuild.calc';

const NOW = new Date('2026-11-23T12:00:00Z');
const answers = (over: Record<string, unknown>) => answersFrom(IntakeInput.parse(over), NOW);
const used = (hours: number, ctl: number, source: FitnessInput['source'] = 'intake'): FitnessInput => ({
  ctl,
  atl: ctl,
  weeklyHours: { run: hours, bike: 0, swim: 0 },
  longestMinutes: { run: 60, bike: 0, swim: 0 },
  source,
});

describe('thin history and the answers', () => {
  it('is thin below 8 activities or 6 hours in six weeks', () => {
    expect(isThin({ activities: 7, hours: 20 })).toBe(true);
    expect(isThin({ activities: 20, hours: 5.9 })).toBe(true);
    expect(isThin({ activities: 8, hours: 6 })).toBe(false);
  });

  it('turns a distance into time at an easy pace, runs a week into 35 minutes each, and lowers CTL after a break', () => {
    expect(fitnessFromAnswers(answers({ weeklyVolume: { unit: 'km', value: 30 } }), '2026-11-23').weeklyHours.run).toBe(3);
    expect(fitnessFromAnswers(answers({ runsPerWeek: 4 }), '2026-11-23').weeklyHours.run).toBeCloseTo(2.3, 1);
    const steady = fitnessFromAnswers(answers({ weeklyVolume: { unit: 'h', value: 7 } }), '2026-11-23');
    expect(steady.ctl).toBe(48);
    const day0 = fitnessFromAnswers(
      answers({ weeklyVolume: { unit: 'h', value: 7 }, returningFromBreak: true, returnDate: '2026-11-23' }),
      '2026-11-23',
    );
    expect(day0).toMatchObject({ ctl: 0, atl: 0, weeklyHours: { run: 7 } });
    const sixWeeks = fitnessFromAnswers(
      answers({ weeklyVolume: { unit: 'h', value: 7 }, returningFromBreak: true, returnDate: '2026-10-12' }),
      '2026-11-23',
    );
    expect(sixWeeks.ctl).toBeCloseTo(48 * (1 - Math.exp(-1)), 0);
  });
});

describe('rebuildCheck', () => {
  const observed = (weeklyHours: number, ctl: number) => ({ weeklyHours, ctl });
  it('asks at more than ±25 % of the weekly hours (and half an hour) or ±10 CTL, with the numbers', () => {
    expect(rebuildCheck({ used: used(4, 30), observed: observed(5, 39), dismissed: null, madeOn: '2026-11-01' }).suggested).toBe(false);
    expect(rebuildCheck({ used: used(4, 30), observed: observed(5.1, 30), dismissed: null, madeOn: '2026-11-01' })).toEqual({
      suggested: true,
      reasons: ['Your last 6 weeks average 5.1 h a week; your answers said 4 h.'],
    });
    expect(rebuildCheck({ used: used(1, 10), observed: observed(1.4, 10), dismissed: null, madeOn: '2026-11-01' }).suggested).toBe(false);
    expect(rebuildCheck({ used: used(4, 30), observed: observed(4, 20), dismissed: null, madeOn: '2026-11-01' }).reasons[0]).toMatch(
      /CTL\) from your activities is 20; the plan started from 30/,
    );
  });

  it('for a plan from history, compares CTL on the day it was made; a dismissal holds until a new difference', () => {
    const history = used(4, 12, 'history');
    const late = rebuildCheck({ used: history, observed: observed(9, 40), dismissed: null, madeOn: '2026-11-01' });
    expect(late.reasons).toEqual([
      'Activities from before your plan arrived after it was made: your fitness (CTL) on 2026-11-01 was 40, the plan started from 12.',
    ]);
    expect(rebuildCheck({ used: history, observed: observed(9, 45), dismissed: observed(9, 40), madeOn: '2026-11-01' }).suggested).toBe(
      false,
    );
    expect(rebuildCheck({ used: history, observed: observed(9, 50), dismissed: observed(9, 40), madeOn: '2026-11-01' }).suggested).toBe(
      true,
    );
  });
});
