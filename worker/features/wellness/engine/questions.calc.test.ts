import { describe, expect, it } from 'vitest';
import { type InputSpec, inputAt, type OutcomeSpec, pairsOf, questionsOf } from './questions.calc';

const series = (entries: [string, number][]) => new Map(entries);
const sleep: InputSpec = {
  key: 'sleep',
  label: 'sleep the night before',
  unit: 'h',
  series: series([
    ['2026-11-01', 6],
    ['2026-11-02', 8],
    ['2026-11-04', 7],
  ]),
  lag: 0,
  window: 1,
};

describe('questions', () => {
  it('reads an input on the outcome’s day, lagged and windowed, needing half the window', () => {
    expect(inputAt(sleep, '2026-11-02')).toBe(8);
    expect(inputAt(sleep, '2026-11-03')).toBeNull();
    const week = { ...sleep, window: 4, lag: 1 };
    // Window 2026-10-31..11-03 ending the day before 11-04: 6 and 8 of four days → half, mean 7.
    expect(inputAt(week, '2026-11-04')).toBe(7);
    // 11-02..11-05 before 11-06: 8 and 7 → 7.5; 11-03..11-06 before 11-07: only 7 → too few.
    expect(inputAt(week, '2026-11-06')).toBe(7.5);
    expect(inputAt(week, '2026-11-07')).toBeNull();
  });

  it('pairs each outcome event with the input, keeping its receipt, and asks the whole family', () => {
    const ef: OutcomeSpec = {
      key: 'easy_ef',
      label: 'easy-run efficiency',
      unit: 'm/beat',
      events: [
        { day: '2026-11-04', value: 1.31, ref: { kind: 'activity', id: 'a3' } },
        { day: '2026-11-02', value: 1.35, ref: { kind: 'activity', id: 'a2' } },
        { day: '2026-11-03', value: 1.2, ref: { kind: 'activity', id: 'a-none' } },
      ],
    };
    expect(pairsOf(sleep, ef)).toEqual([
      { day: '2026-11-02', x: 8, y: 1.35, ref: { kind: 'activity', id: 'a2' } },
      { day: '2026-11-04', x: 7, y: 1.31, ref: { kind: 'activity', id: 'a3' } },
    ]);
    const empty: OutcomeSpec = { key: 'pain', label: 'a pain flag', unit: '', events: [] };
    const family = questionsOf([sleep], [ef, empty]);
    expect(family.map((q) => [q.key, q.x.length])).toEqual([
      ['sleep→easy_ef', 2],
      ['sleep→pain', 0],
    ]);
  });
});
