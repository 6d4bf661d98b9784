// The calendar's words: what a screen reader hears for a day, and what each status and week says beside
// (never instead of) its colour.
import { describe, expect, it } from 'vitest';
import { type CalendarDayView, type CalendarWeekView, dayLabel, doneText, statusWords, weekForm, weekWorkouts } from './calendar';

const totals = (durationSec: number, count: number) => ({ durationSec, distanceM: 0, load: 0, count });
const week = (over: Partial<CalendarWeekView>) =>
  ({
    startDate: '2026-11-16',
    endDate: '2026-11-22',
    planned: totals(0, 0),
    done: totals(0, 0),
    sports: [],
    workouts: { planned: 0, completed: 0, missed: 0, pending: 0, skipped: 0 },
    unplanned: 0,
    withoutLoad: 0,
    form: null,
    formNote: null,
    ...over,
  }) as CalendarWeekView;

describe('calendar words', () => {
  it('says each status, and a completion’s compliance, in words', () => {
    expect(statusWords({ status: 'completed', compliance: { band: 'green' } })).toBe('Done · On target');
    expect(statusWords({ status: 'completed', compliance: { band: 'yellow' } })).toBe('Done · Partly');
    expect(statusWords({ status: 'completed', compliance: { band: null } })).toBe('Done');
    expect(statusWords({ status: 'missed', compliance: { band: 'red' } })).toBe('Missed');
    expect(statusWords({ status: 'skipped', compliance: { band: null } })).toBe('Skipped');
    expect(statusWords({ status: 'pending', compliance: { band: null } })).toBe('Planned');
    // The server's one verdict where the card carries it (issue 55): its time was done, its steps were not.
    const judged = { status: 'completed', compliance: { band: 'green' } };
    expect(statusWords({ ...judged, verdict: { band: 'red', by: 'steps' } })).toBe('Done · Off target by its steps');
    expect(statusWords({ ...judged, verdict: { band: 'green', by: 'ratio' } })).toBe('Done · On target');
    expect(doneText({ durationSec: 3120, distanceM: 10_200, sport: 'run' }, 'km')).toBe('52 min · 10.2 km');
    expect(doneText({ durationSec: 1800, distanceM: 1500, sport: 'swim' }, 'km')).toBe('30 min · 1500 m');
  });

  it('names a day with what is on it', () => {
    const workout = (status: string, sport = 'run') =>
      ({ kind: 'workout', workout: { status, sport, compliance: { band: null } } }) as unknown as CalendarDayView['items'][number];
    const extra = { kind: 'activity' } as unknown as CalendarDayView['items'][number];
    expect(dayLabel({ date: '2026-11-23', items: [workout('completed'), workout('missed'), extra, extra] }, '2026-11-23')).toBe(
      'Monday 23 Nov, today: 1 done, 1 missed, 2 unplanned',
    );
    expect(dayLabel({ date: '2026-11-24', items: [workout('pending', 'rest')] }, '2026-11-23')).toBe('Tuesday 24 Nov: rest day');
    expect(dayLabel({ date: '2026-11-24', items: [] }, '2026-11-23')).toBe('Tuesday 24 Nov: nothing');
  });

  it('sums a week up, and says when there is no form yet', () => {
    expect(weekWorkouts(week({}))).toBeNull();
    expect(weekWorkouts(week({ workouts: { planned: 4, completed: 2, missed: 1, pending: 1, skipped: 1 } }))).toBe(
      '2 of 4 workouts done · 1 missed · 1 skipped',
    );
    expect(weekForm(week({ form: { date: '2026-11-22', ctl: 54, atl: 66, tsb: -12.4, status: 'productive' } }))).toBe(
      'Form −12 (productive)',
    );
    expect(weekForm(week({ formNote: 'not_enough_data' }))).toBe('Form: not enough data yet');
    expect(weekForm(week({ formNote: 'not_yet' }))).toBeNull();
  });
});
