// Hand-checked weeks for the hand-edit warnings (issue 58). Plan week 1 starts Monday 23 November 2026; week 2 is
// the week of Monday 30 November, where the edits happen; the athlete's today is that Monday.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { Phase, WorkoutType } from '../plans.types';
import { dayName, type EditSpan, editWarnings } from './edit-warnings.calc';
import type { DayWorkout } from './missed.calc';

const START = '2026-11-23';
const MON = '2026-11-30';
const at = (weekday: number, week = 2) => addDays(START, (week - 1) * 7 + weekday);
const w = (
  id: string,
  weekday: number,
  type: WorkoutType,
  load: number,
  status: DayWorkout['status'] = 'planned',
  week = 2,
): DayWorkout => ({
  id,
  date: at(weekday, week),
  type,
  status,
  load,
});

/** Week 1 carried 300; week 2: Tue intervals 70, Wed easy 40, Thu threshold 80, Sat easy 40, Sun long 60 (290). */
const WEEK1 = [
  w('w1a', 1, 'intervals', 100, 'completed', 1),
  w('w1b', 3, 'easy', 80, 'completed', 1),
  w('w1c', 6, 'long', 120, 'completed', 1),
];
const WEEK2 = [
  w('tue', 1, 'intervals', 70),
  w('wed', 2, 'easy', 40),
  w('thu', 3, 'threshold', 80),
  w('sat', 5, 'easy', 40),
  w('sun', 6, 'long', 60),
];

function span(after: DayWorkout[], touched: string[], over: Partial<EditSpan> = {}): EditSpan {
  return {
    planStart: START,
    planEnd: addDays(START, 7 * 8 - 1),
    phases: ['base', 'build', 'build', 'recovery', 'build', 'build', 'peak', 'taper'] as Phase[],
    today: MON,
    before: [...WEEK1, ...WEEK2],
    after: [...WEEK1, ...after],
    touched,
    ...over,
  };
}
const moved = (id: string, weekday: number) => WEEK2.map((x) => (x.id === id ? { ...x, date: at(weekday) } : x));

describe('hand-edit warnings: hard days', () => {
  it('names the day and says so, when a move puts a hard day beside another', () => {
    // Thursday's threshold to Wednesday: beside Tuesday's intervals.
    const [warn, ...rest] = editWarnings(span(moved('thu', 2), ['thu']));
    expect(rest).toEqual([]);
    expect(warn).toMatchObject({ code: 'stacked_hard_days' });
    expect(warn!.message).toContain(`${dayName(at(1))} and ${dayName(at(2))}`);
    // Nearest clear day from Wednesday: Thursday (Wed±1: Tue holds intervals), i.e. back where it was.
    expect(warn!.date).toBe(at(3));
    expect(warn!.instead).toContain(dayName(at(3)));
  });

  it('suggests the nearest clear day in the same week, the earlier on a tie', () => {
    // Tuesday's intervals moved onto Friday: beside Thursday's threshold. Clear: Mon (gap 4), Tue (gap 3) and Sat
    // (gap 1: Sunday's long is not a hard type, and the mover itself is left out of Friday).
    const [warn] = editWarnings(span(moved('tue', 4), ['tue']));
    expect(warn!.date).toBe(at(5));
  });

  it('counts two hard sessions on one day as stacked, and an easy one beside a hard one as not', () => {
    const added = [...WEEK2, w('new', 3, 'vo2max', 50)];
    const [warn] = editWarnings(span(added, ['new']));
    expect(warn).toMatchObject({ code: 'stacked_hard_days' });
    expect(warn!.message).toContain('two hard sessions');
    // An easy AM run on Thursday beside its PM threshold: not stacked (and 330 is within 300 × 1.1).
    expect(editWarnings(span([...WEEK2, w('new', 3, 'easy', 40)], ['new']))).toEqual([]);
  });

  it('counts a done hard session, not a missed or skipped one', () => {
    const done = WEEK2.map((x) => (x.id === 'tue' ? { ...x, status: 'completed' as const } : x));
    const missed = WEEK2.map((x) => (x.id === 'tue' ? { ...x, status: 'missed' as const } : x));
    const move = (list: DayWorkout[]) => list.map((x) => (x.id === 'thu' ? { ...x, date: at(2) } : x));
    expect(editWarnings(span(move(done), ['thu'], { before: [...WEEK1, ...done] }))).toHaveLength(1);
    expect(editWarnings(span(move(missed), ['thu'], { before: [...WEEK1, ...missed] }))).toEqual([]);
  });

  it('does not warn about a stacking that was already there', () => {
    const already = WEEK2.map((x) => (x.id === 'thu' ? { ...x, date: at(2) } : x));
    // Saturday's easy moved to Friday: the Tue–Wed stacking stays as it was.
    const after = already.map((x) => (x.id === 'sat' ? { ...x, date: at(4) } : x));
    expect(editWarnings(span(after, ['sat'], { before: [...WEEK1, ...already] }))).toEqual([]);
  });

  it('says keep it where it was when no day of the week is clear', () => {
    // Hard Mon, Wed, Fri, Sun; Thursday's threshold moved to Saturday (beside Fri and Sun). Every day of the week
    // is a hard day or beside one, so the rule keeps it on Thursday.
    const week = [
      w('mon', 0, 'tempo', 50),
      w('wed', 2, 'intervals', 50),
      w('thu', 3, 'threshold', 50),
      w('fri', 4, 'tempo', 50),
      w('sun', 6, 'vo2max', 50),
    ];
    const after = week.map((x) => (x.id === 'thu' ? { ...x, date: at(5) } : x));
    const warns = editWarnings(span(after, ['thu'], { before: [...WEEK1, ...week] })).filter((x) => x.code === 'stacked_hard_days');
    expect(warns).toHaveLength(1);
    expect(warns[0]!.date).toBeNull();
    expect(warns[0]!.instead).toContain(`keep it on ${dayName(at(3))}`);
  });

  it('never suggests a day before today', () => {
    // Today is Thursday: Thursday's threshold moved to Wednesday (beside Tuesday); Monday is clear but past.
    const after = WEEK2.map((x) => (x.id === 'thu' ? { ...x, date: at(2) } : x));
    const [warn] = editWarnings(span(after, ['thu'], { today: at(3) }));
    expect(warn!.date! >= at(3)).toBe(true);
  });
});

describe('hand-edit warnings: the week’s load', () => {
  it('warns when an add takes the week past the week before × 1.1, with the load the ramp allows', () => {
    // 290 + 60 = 350 > 300 × 1.1 = 330.
    const warns = editWarnings(span([...WEEK2, w('new', 4, 'easy', 60)], ['new']));
    expect(warns).toEqual([
      {
        code: 'load_jump',
        message: 'Week 2 now plans a load of 350, 17 % over week 1’s 300: the plan’s ramp is at most +10 % a week.',
        instead: 'The ramp allows 330 in week 2 (week 1’s 300 + 10 %): about 20 less, or the same sessions spread into a later week.',
        date: null,
        load: 330,
      },
    ]);
  });

  it('does not warn within the ramp, nor when a week already over it does not rise', () => {
    expect(editWarnings(span([...WEEK2, w('new', 4, 'easy', 40)], ['new']))).toEqual([]);
    const heavy = [...WEEK2, w('x', 4, 'easy', 80)];
    const lighter = heavy.map((x) => (x.id === 'x' ? { ...x, load: 70 } : x));
    expect(editWarnings(span(lighter, ['x'], { before: [...WEEK1, ...heavy] }))).toEqual([]);
  });

  it('measures the week after a recovery week from the last loading week, as the generator does', () => {
    // Week 4 is a recovery week (200); week 5 at 320 is within week 3's 300 × 1.1, though 60 % over week 4.
    const w3 = [w('a3', 1, 'intervals', 150, 'planned', 3), w('b3', 6, 'long', 150, 'planned', 3)];
    const w4 = [w('a4', 1, 'tempo', 100, 'planned', 4), w('b4', 6, 'long', 100, 'planned', 4)];
    const w5 = [w('a5', 1, 'intervals', 160, 'planned', 5), w('b5', 6, 'long', 140, 'planned', 5)];
    const w5after = [...w5, w('c5', 3, 'easy', 20, 'planned', 5)];
    const s = { before: [...w3, ...w4, ...w5], today: at(0, 5) };
    expect(editWarnings({ ...span([], ['c5'], s), after: [...w3, ...w4, ...w5after] })).toEqual([]);
    const tooMuch = [...w5, w('c5', 3, 'easy', 40, 'planned', 5)];
    expect(editWarnings({ ...span([], ['c5'], s), after: [...w3, ...w4, ...tooMuch] })).toMatchObject([{ code: 'load_jump', load: 330 }]);
  });

  it('warns about the next week when a move out of a week leaves it light', () => {
    // Week 2's Sunday long (60) moved into week 1 would not pass week 1's own ramp (no week 0), but week 2 drops
    // to 230 and week 3 (300) is then 30 % over it.
    const w3 = [w('a3', 1, 'intervals', 150, 'planned', 3), w('b3', 6, 'long', 150, 'planned', 3)];
    const after = [...WEEK1, ...WEEK2.map((x) => (x.id === 'sun' ? { ...x, date: at(5, 1) } : x)), ...w3];
    const warns = editWarnings({ ...span([], ['sun']), before: [...WEEK1, ...WEEK2, ...w3], after });
    expect(warns).toMatchObject([{ code: 'load_jump', load: 253 }]);
    expect(warns[0]!.message).toMatch(/^Week 3 /);
  });
});
