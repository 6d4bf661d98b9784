import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ToolFact, ToolResult } from '../coach.types';
import { checkClaims, correctionNote, NOTHING_LEFT } from './claims';
import { extractQuantities } from './claims.extract';
import { clockText, factText } from './units';

const res = (facts: ToolFact[], extra: Partial<ToolResult> = {}): ToolResult => ({
  tool: 'query_activities',
  window: { from: '2026-10-01', to: '2026-10-31' },
  units: 'km',
  timeZone: 'UTC',
  facts,
  receipts: [],
  empty: null,
  withheld: [],
  ...extra,
});

const run = res([
  { label: '2026-10-14 Tempo: distance', value: 10.02, unit: 'km' },
  { label: '2026-10-14 Tempo: moving time', value: '45:12', unit: 'h:mm:ss' },
  { label: '2026-10-14 Tempo: pace', value: '4:31', unit: 'min/km' },
  { label: '2026-10-14 Tempo: average heart rate', value: 152, unit: 'bpm' },
  { label: '2026-10-14 Tempo: load', value: 84, unit: 'load' },
  { label: 'number of runs', value: 5, unit: 'count' },
  { label: 'fitness (CTL)', value: 45.3, unit: 'ctl' },
  { label: 'form (TSB)', value: -12.4, unit: 'tsb' },
  { label: 'age grade', value: 71.2, unit: '%' },
]);

describe('extractQuantities', () => {
  it('reads each kind of number', () => {
    const q = extractQuantities(
      'On 2026-10-14 (Oct 14) you ran 10.02 km in 45:12 at 4:31 /km, 152 bpm, 230 W, load 84, CTL 45.3, 5 runs, 71.2 %, 1 h 20 min, 50 minutes, 1:02:03, 28.4 km/h, 120 m, 3 November.',
    );
    expect(q.map((x) => x.dim)).toEqual([
      'date',
      'monthday',
      'length',
      'clock',
      'pace',
      'hr',
      'power',
      'load',
      'load',
      'count',
      'pct',
      'duration',
      'duration',
      'duration',
      'speed',
      'length',
      'monthday',
    ]);
  });
});

describe('checkClaims', () => {
  it('passes an answer quoting the facts, in other units and rounding', () => {
    const text =
      'Your fastest run was on 2026-10-14 (Oct 14): 10.02 km in 45:12 at 4:31 /km, average heart rate 152 bpm, load 84. That was about 10 km, or 6.2 miles, at 7:16 per mile, roughly 45 minutes. You did 5 runs; your fitness (CTL) is 45.3 and form -12.4, age grade 71.2 %.';
    const { check, cleaned } = checkClaims(text, [run], 'What was my fastest run in October?');
    expect(check.unmatched).toEqual([]);
    expect(check).toMatchObject({ outcome: 'ok', matched: check.checked });
    expect(check.checked).toBeGreaterThanOrEqual(14);
    expect(cleaned).toBe(text);
  });

  it('removes the sentence with an invented number and reports it', () => {
    const text = 'You ran 10.02 km on 2026-10-14. Your average heart rate was 149 bpm. Keep the easy days easy.';
    const { check, cleaned } = checkClaims(text, [run], 'How was my tempo?');
    expect(check.outcome).toBe('removed');
    expect(check.unmatched).toEqual([{ text: '149 bpm', value: 149, unit: 'bpm' }]);
    expect(cleaned).toBe('You ran 10.02 km on 2026-10-14. Keep the easy days easy.');
    expect(correctionNote(check)).toContain('"149 bpm"');
  });

  it('catches wrong dates, paces, distances and counts', () => {
    for (const bad of ['on 2026-10-15', 'on Oct 15', 'at 4:45 /km', '10.4 km', '7 runs', 'CTL 47', '48:00'])
      expect(checkClaims(`You ran ${bad}.`, [run], 'q').check.unmatched.length, bad).toBe(1);
  });

  it('exempts the question, list markers, zones, general rules and years', () => {
    const text =
      '1. Keep most runs in zone 2.\n2. Follow the 10 % rule and 80/20 intensity.\n3. In 2026 you ran 10.02 km on 2026-10-14; your 12 km goal is close.';
    const { check } = checkClaims(text, [run], 'Can I run 12 km next week?');
    expect(check.unmatched).toEqual([]);
  });

  it('matches withheld counts, window dates and receipt values', () => {
    const r = res([], {
      withheld: [{ source: 'strava', count: 3 }],
      receipts: [{ activityId: 'a', date: '2026-10-20', name: 'Long', sport: 'run', values: { distance: '21.1 km', pace: '5:10 /km' } }],
    });
    const { check } = checkClaims(
      '3 activities from Strava are not included. Between 2026-10-01 and 2026-10-31 your long run on 2026-10-20 was 21.1 km at 5:10 /km.',
      [r],
      'q',
    );
    expect(check.unmatched).toEqual([]);
  });

  it('leaves a notice when every sentence goes', () => {
    expect(checkClaims('You ran 99 km.', [run], 'q').cleaned).toBe(NOTHING_LEFT);
  });
});

// Kinds of fact whose 2 % is more than their rounding step, rendered as the tools render them.
const factArb = fc.oneof(
  fc.record({
    kind: fc.constant('distance' as const),
    v: fc.integer({ min: 100, max: 20_000 }).map((x) => x / 100),
    unit: fc.constantFrom('km', 'mi'),
  }),
  fc.record({ kind: fc.constant('pace' as const), v: fc.integer({ min: 150, max: 900 }), unit: fc.constantFrom('min/km', 'min/mi') }),
  fc.record({ kind: fc.constant('time' as const), v: fc.integer({ min: 600, max: 30_000 }), unit: fc.constant('h:mm:ss') }),
  fc.record({ kind: fc.constant('hr' as const), v: fc.integer({ min: 90, max: 200 }), unit: fc.constant('bpm') }),
  fc.record({ kind: fc.constant('power' as const), v: fc.integer({ min: 100, max: 500 }), unit: fc.constant('W') }),
  fc.record({ kind: fc.constant('elevation' as const), v: fc.integer({ min: 100, max: 5000 }), unit: fc.constantFrom('m', 'ft') }),
  fc.record({ kind: fc.constant('load' as const), v: fc.integer({ min: 100, max: 900 }), unit: fc.constant('load') }),
  fc.record({ kind: fc.constant('ctl' as const), v: fc.integer({ min: 100, max: 900 }).map((x) => x / 10), unit: fc.constant('ctl') }),
);

const factValue = (kind: string, v: number): number | string => (kind === 'pace' || kind === 'time' ? clockText(v) : v);
const sayFact = (kind: string, v: number, unit: string): string => {
  if (unit === 'ctl') return `fitness (CTL) ${v}`;
  if (unit === 'load') return `load ${v}`;
  return factText(factValue(kind, v), unit);
};
const perturb = (kind: string, v: number, f: number): number => {
  const p = v * f;
  const f10 = kind === 'distance' ? 100 : kind === 'ctl' ? 10 : 1;
  return Math.round(p * f10) / f10;
};

describe('checkClaims (property)', () => {
  it("matches any fact's value rendered in the athlete's units", () => {
    fc.assert(
      fc.property(factArb, ({ kind, v, unit }) => {
        const r = res([{ label: 'x', value: factValue(kind, v), unit }], { window: null });
        const { check } = checkClaims(`It was ${sayFact(kind, v, unit)}.`, [r], 'q');
        return check.checked === 1 && check.unmatched.length === 0;
      }),
      { numRuns: 300 },
    );
  });

  it('does not match a value more than 2 % off', () => {
    const factor = fc.oneof(fc.double({ min: 1.025, max: 1.6, noNaN: true }), fc.double({ min: 0.5, max: 0.975, noNaN: true }));
    fc.assert(
      fc.property(factArb, factor, ({ kind, v, unit }, f) => {
        const r = res([{ label: 'x', value: factValue(kind, v), unit }], { window: null });
        const { check } = checkClaims(`It was ${sayFact(kind, perturb(kind, v, f), unit)}.`, [r], 'q');
        return check.checked === 1 && check.unmatched.length === 1 && check.outcome === 'removed';
      }),
      { numRuns: 300 },
    );
  });
});
