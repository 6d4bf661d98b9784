import { describe, expect, it } from 'vitest';
import { fitnessEstablishment } from '../calc/establishing.calc';
import {
  loadWarningInsights,
  NEGATIVE_FORM_LEAD_DAYS,
  NEGATIVE_FORM_MIN_DAYS,
  NEGATIVE_FORM_TSB,
  negativeFormInsight,
  RAMP_WARN,
  rampRateInsight,
  WEEK_JUMP_MIN_LOAD,
  WEEK_JUMP_PCT,
  weekJumpInsight,
} from './load-warnings.insight';
import { type ActivitySpec, buildInputs, daysAgo, fitnessEnding, FORBIDDEN_TONE } from './testing.fixtures';

const LONG_AGO = '2026-01-01';
const act = (id: string, date: string, load = 50): ActivitySpec => ({ id, date, load });

describe('load warning constants', () => {
  it('match the definitions', () => {
    expect([RAMP_WARN, NEGATIVE_FORM_TSB, NEGATIVE_FORM_MIN_DAYS, NEGATIVE_FORM_LEAD_DAYS]).toEqual([8, -30, 3, 7]);
    expect([WEEK_JUMP_PCT, WEEK_JUMP_MIN_LOAD]).toEqual([30, 150]);
  });
});

describe('ramp_rate', () => {
  // 8 days ending today: the first is today − 7.
  const ramp = (from: number, to: number) => fitnessEnding([{ ctl: from }, {}, {}, {}, {}, {}, {}, { ctl: to }]);

  it('is insufficient while fitness is being established and judged once it is (day 56)', () => {
    const below = rampRateInsight(buildInputs({ firstActivityDate: daysAgo(54), fitness: ramp(40, 60) }));
    expect(below?.status).toBe('insufficient');
    expect(below?.finding).toBe(
      'Fitness is being established — 1 more day. Judging the fitness ramp needs 56 days of recorded history, at least 8 with training and no gap over 28 days; 55 days with training since 25 Sep 2026 (55 days) so far.',
    );
    expect(below).toMatchObject({ numbers: {}, receipts: [], minSample: { required: 8, actual: 55, unit: 'days with recorded training' } });

    const none = rampRateInsight(buildInputs({ firstActivityDate: null, fitness: [] }));
    expect(none?.finding).toContain('— 56 more days.');
    expect(none?.finding).toContain('; no training recorded in the last 28 days so far.');

    const ok = rampRateInsight(buildInputs({ firstActivityDate: daysAgo(55), fitness: ramp(40, 60) }));
    expect(ok).toMatchObject({ status: 'ok', minSample: { required: 8, actual: 56, unit: 'days with recorded training' } });
  });

  it('counts the days it was based on, not the calendar back to an old file', () => {
    // One 2009 file, then 30 days of daily training: 30 days counted, 26 to go.
    const days = ['2009-05-17', ...Array.from({ length: 30 }, (_, i) => daysAgo(29 - i))];
    const establishment = fitnessEstablishment(days, daysAgo(0));
    const out = rampRateInsight(buildInputs({ firstActivityDate: '2009-05-17', establishment, fitness: ramp(10, 40) }));
    expect(out).toMatchObject({ status: 'insufficient', minSample: { required: 8, actual: 30, unit: 'days with recorded training' } });
    expect(out?.finding).toContain('— 26 more days.');
    expect(out?.finding).toContain('30 days with training since 20 Oct 2026 (30 days)');
  });

  it('returns null at or below the 8-point band', () => {
    expect(rampRateInsight(buildInputs({ firstActivityDate: LONG_AGO, fitness: ramp(40, 48) }))).toBeNull();
    expect(rampRateInsight(buildInputs({ firstActivityDate: LONG_AGO, fitness: ramp(50, 45) }))).toBeNull();
  });

  it('reports the ramp with the activities of the last 7 days', () => {
    const acts = [
      act('ref-day', daysAgo(7)),
      act('d6', daysAgo(6)),
      act('d3a', daysAgo(3)),
      act('d3b', daysAgo(3)),
      act('today', daysAgo(0)),
    ];
    const out = rampRateInsight(buildInputs({ activities: acts, firstActivityDate: LONG_AGO, fitness: ramp(40.1, 49.5) }));
    expect(out).toMatchObject({ status: 'ok', tone: 'caution', title: 'Fitness ramp' });
    expect(out!.numbers.ramp).toBeCloseTo(49.5 - 40.1, 10);
    expect(out!.numbers.ctlNow).toBe(49.5);
    expect(out!.numbers.ctlWeekAgo).toBe(40.1);
    expect(out!.finding).toBe('Fitness (CTL) rose 9.4 points in 7 days, above the 8-point band this dashboard flags.');
    expect(out!.window).toEqual({ from: '2026-11-11', to: '2026-11-18' });
    expect(out!.id).toBe('ramp_rate:2026-11-11:2026-11-18');
    expect(out!.receipts.map((r) => r.activityId)).toEqual(['d6', 'd3a', 'd3b', 'today']);
  });
});

describe('negative_form', () => {
  it('is insufficient while fitness is being established, however negative', () => {
    const out = negativeFormInsight(
      buildInputs({ firstActivityDate: daysAgo(40), fitness: fitnessEnding([{ tsb: -40 }, { tsb: -40 }, { tsb: -40 }]) }),
    );
    expect(out?.status).toBe('insufficient');
    expect(out?.finding).toMatch(/^Fitness is being established — 15 more days\. Judging form needs 56 days/);
    expect(out).toMatchObject({ numbers: {}, receipts: [], minSample: { actual: 41, unit: 'days with recorded training' } });
  });

  it('returns null for 2 days below −30 and reports exactly at 3', () => {
    const two = negativeFormInsight(
      buildInputs({ firstActivityDate: LONG_AGO, fitness: fitnessEnding([{ tsb: -20 }, { tsb: -31 }, { tsb: -33 }]) }),
    );
    expect(two).toBeNull();
    const three = negativeFormInsight(
      buildInputs({ firstActivityDate: LONG_AGO, fitness: fitnessEnding([{ tsb: -31 }, { tsb: -31 }, { tsb: -33 }]) }),
    );
    expect(three?.status).toBe('ok');
    expect(three?.numbers.days).toBe(3);
  });

  it('returns null when today is not below −30, whatever came before', () => {
    const fitness = fitnessEnding([{ tsb: -40 }, { tsb: -40 }, { tsb: -40 }, { tsb: -30 }]);
    expect(negativeFormInsight(buildInputs({ firstActivityDate: LONG_AGO, fitness }))).toBeNull();
  });

  it('counts consecutive days ending today and takes receipts from those days plus the 7 before', () => {
    // today−4 is exactly −30 (not below), so the run is today−3 … today.
    const fitness = fitnessEnding([{ tsb: -45 }, { tsb: -30 }, { tsb: -31 }, { tsb: -37.2 }, { tsb: -35 }, { tsb: -32.4 }]);
    const acts = [
      act('too-early', '2026-11-07'),
      act('lead-first', '2026-11-08'),
      act('lead-last', '2026-11-14'),
      act('in-run', '2026-11-15'),
      act('today', '2026-11-18'),
    ];
    const out = negativeFormInsight(buildInputs({ activities: acts, firstActivityDate: LONG_AGO, fitness }));
    expect(out).toMatchObject({ status: 'ok', tone: 'caution' });
    expect(out!.numbers).toEqual({ days: 4, lowestTsb: -37.2, tsbToday: -32.4 });
    expect(out!.finding).toBe('Form (TSB) has been below −30 for 4 days; lowest −37.2.');
    expect(out!.window).toEqual({ from: '2026-11-15', to: '2026-11-18' });
    expect(out!.receipts.map((r) => r.activityId)).toEqual(['lead-first', 'lead-last', 'in-run', 'today']);
  });

  it('a missing day breaks the run', () => {
    const fitness = fitnessEnding([{ tsb: -40 }, { tsb: -40 }, { tsb: -40 }]).filter((d) => d.date !== daysAgo(1));
    expect(negativeFormInsight(buildInputs({ firstActivityDate: LONG_AGO, fitness }))).toBeNull();
  });
});

describe('week_jump', () => {
  // Last complete week starts 2026-11-09; its baseline weeks start 10-19, 10-26 and 11-02.
  const baseline = (a: number, b: number, c: number) => [
    act('b1', '2026-10-19', a),
    act('b2', '2026-10-28', b),
    act('b3', '2026-11-08', c),
  ];

  it('is insufficient when a baseline week is empty and judged when all 3 have an activity', () => {
    const gap = [act('b1', '2026-10-19', 400), act('b3', '2026-11-08', 440), act('last', '2026-11-10', 900)];
    const below = weekJumpInsight(buildInputs({ activities: gap, firstActivityDate: LONG_AGO }));
    expect(below?.status).toBe('insufficient');
    expect(below?.finding).toBe('Needs at least one activity in each of the 3 weeks before last week; 2 of 3 so far.');
    expect(below).toMatchObject({
      numbers: {},
      receipts: [],
      minSample: { required: 3, actual: 2, unit: 'weeks with training before last week' },
    });

    const full = [...baseline(400, 420, 440), act('last', '2026-11-10', 900)];
    expect(weekJumpInsight(buildInputs({ activities: full, firstActivityDate: LONG_AGO }))?.status).toBe('ok');
  });

  it('reports the jump with last week’s activities as receipts', () => {
    const acts = [
      ...baseline(400, 420, 440),
      act('last-mon', '2026-11-09', 300),
      act('last-sun', '2026-11-15', 320),
      act('current', '2026-11-16', 500),
    ];
    const out = weekJumpInsight(buildInputs({ activities: acts, firstActivityDate: LONG_AGO }));
    const base = (400 + 420 + 440) / 3;
    expect(out).toMatchObject({ status: 'ok', tone: 'caution' });
    expect(out!.numbers.lastWeekLoad).toBe(300 + 320);
    expect(out!.numbers.baselineLoad).toBeCloseTo(base, 10);
    expect(out!.numbers.increasePct).toBeCloseTo(((620 - base) / base) * 100, 10);
    expect(out!.finding).toBe('Training load last week was 620, 48 % above the previous 3-week average of 420.');
    expect(out!.window).toEqual({ from: '2026-10-19', to: '2026-11-15' });
    expect(out!.receipts.map((r) => r.activityId)).toEqual(['last-mon', 'last-sun']);
  });

  it('returns null for a rise of 30 % or less, and for a small base', () => {
    expect(
      weekJumpInsight(
        buildInputs({ activities: [...baseline(400, 420, 440), act('last', '2026-11-10', 540)], firstActivityDate: LONG_AGO }),
      ),
    ).toBeNull();
    expect(
      weekJumpInsight(
        buildInputs({ activities: [...baseline(400, 420, 440), act('last', '2026-11-10', 300)], firstActivityDate: LONG_AGO }),
      ),
    ).toBeNull();
    // 60 → 149 is +148 % but under the 150 floor; 150 is at it.
    expect(
      weekJumpInsight(buildInputs({ activities: [...baseline(60, 60, 60), act('last', '2026-11-10', 149)], firstActivityDate: LONG_AGO })),
    ).toBeNull();
    expect(
      weekJumpInsight(buildInputs({ activities: [...baseline(60, 60, 60), act('last', '2026-11-10', 150)], firstActivityDate: LONG_AGO }))
        ?.status,
    ).toBe('ok');
  });

  it('is held while fitness is being established (the weeks are the first ones recorded)', () => {
    const out = weekJumpInsight(buildInputs({ activities: [...baseline(400, 420, 440), act('last', '2026-11-10', 900)] }));
    expect(out).toMatchObject({ status: 'insufficient', tone: 'info', receipts: [] });
    expect(out?.finding).toMatch(/^Fitness is being established — 25 more days\. Judging the week-to-week load/);
    expect(out?.finding).toContain('; 4 days with training since 19 Oct 2026 (31 days) so far.');
  });
});

describe('loadWarningInsights', () => {
  it('drops the warnings that have nothing to say', () => {
    const inputs = buildInputs({
      activities: [act('b1', '2026-10-19'), act('b2', '2026-10-26'), act('b3', '2026-11-02')],
      firstActivityDate: LONG_AGO,
      fitness: fitnessEnding(Array.from({ length: 10 }, () => ({}))),
    });
    expect(loadWarningInsights(inputs)).toEqual([]);
  });

  it('never tells the athlete what to do', () => {
    const inputs = buildInputs({
      activities: [
        act('b1', '2026-10-19', 300),
        act('b2', '2026-10-26', 300),
        act('b3', '2026-11-02', 300),
        act('last', '2026-11-10', 600),
      ],
      firstActivityDate: LONG_AGO,
      fitness: fitnessEnding([{ ctl: 30 }, {}, {}, {}, { tsb: -40 }, { tsb: -41 }, { tsb: -42 }, { ctl: 45, tsb: -43 }]),
    });
    const out = loadWarningInsights(inputs);
    expect(out.map((i) => i.kind)).toEqual(['ramp_rate', 'negative_form', 'week_jump']);
    for (const i of out) expect(`${i.title} ${i.finding}`).not.toMatch(FORBIDDEN_TONE);
  });
});
