import { describe as group, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import { rankCorrelation } from '../stats/correlation.calc';
import { compareArms, describe, MIN_ARM_DAYS } from './finding.calc';
import type { AskedQuestion, Pair } from './questions.calc';

const day0 = '2026-06-01';
/** Sleep cycling 5..9 h; efficiency 1.20 after short nights, 1.26 after long ones (+5 %), small wobble. */
const pairs: Pair[] = Array.from({ length: 45 }, (_, i) => {
  const x = 5 + (i % 5);
  const y = (x >= 8 ? 1.26 : x <= 6 ? 1.2 : 1.23) + ((i * 7) % 3) * 0.001;
  return { day: addDays(day0, i), x, y, ref: { kind: 'activity', id: `run-${i}` } };
});

const question: AskedQuestion = {
  key: 'sleep→easy_ef',
  x: pairs.map((p) => p.x),
  y: pairs.map((p) => p.y),
  pairs,
  input: { key: 'sleep', label: 'sleep the night before', unit: 'h', series: new Map(), lag: 0, window: 1 },
  outcome: { key: 'easy_ef', label: 'easy-run efficiency', unit: 'm/beat', events: [] },
};

group('a finding in words', () => {
  it('compares the input’s highest third with its lowest, with an interval around the difference', () => {
    const arms = compareArms(pairs, question.key)!;
    // Thirds of 5..9 h (nine days each): at most 6 h (5 and 6 h days) and at least 8 h (8 and 9 h days): 18 days each.
    expect(arms.low.n).toBe(18);
    expect(arms.high.n).toBe(18);
    expect(arms.diffPct).toBeCloseTo(5, 0);
    expect(arms.diffLowPct).toBeLessThanOrEqual(arms.diffPct);
    expect(arms.diffHighPct).toBeGreaterThanOrEqual(arms.diffPct);
    expect(arms.diffLowPct).toBeGreaterThan(3);
    // Seeded by the question: the same data, the same interval.
    expect(compareArms(pairs, question.key)).toEqual(arms);
  });

  it('says the pattern with its numbers and its place in the family, and keeps every receipt', () => {
    const c = rankCorrelation(question.x, question.y)!;
    const f = describe(question, c, 148, 1);
    expect(f.text).toMatch(
      /^On the 18 days with sleep the night before at 8 h or more, your easy-run efficiency was 5\.0 % higher \(.+ to .+\) than on the 18 days with 6 h or less — 1 of 148 patterns tested\.$/,
    );
    expect(f.receipts).toHaveLength(45);
    expect(f.text).not.toMatch(/should|try|must/i);
  });

  it('says a margin or a change as a difference in its unit, not a % of a value near 0', () => {
    const margins = pairs.map((p) => ({ ...p, y: p.x >= 8 ? 1.5 : p.x <= 6 ? -0.5 : 0.2 }));
    const q: AskedQuestion = {
      ...question,
      x: margins.map((p) => p.x),
      y: margins.map((p) => p.y),
      pairs: margins,
      outcome: { key: 'pb_margin', label: 'margin on your best before', unit: '%', events: [], compare: 'difference' },
    };
    const f = describe(q, rankCorrelation(q.x, q.y)!, 144, 1);
    expect(f.arms).toMatchObject({ relative: false, diffPct: 2 });
    expect(f.text).toMatch(/your margin on your best before was 2 points higher \(2 to 2 points\) than on the 18 days/);
  });

  it('counts a weekly outcome’s pairs in weeks (issue 55: "over 156 days" of a weekly outcome)', () => {
    const q: AskedQuestion = { ...question, outcome: { ...question.outcome, label: 'training days that week', per: 'week' } };
    const c = rankCorrelation(q.x, q.y)!;
    expect(describe(q, c, 141, 1).text).toMatch(/^On the 18 weeks with .+ than on the 18 weeks with /);
    expect(describe({ ...q, pairs: q.pairs.slice(0, 10) }, c, 141, 1).text).toMatch(/over 45 weeks — 1 of 141/);
  });

  it('has no arms with fewer than eight days in one of them', () => {
    expect(compareArms(pairs.slice(0, 2 * MIN_ARM_DAYS - 1), 'k')).toBeNull();
  });
});
