// The dashboard's attention order over generated athletes: a total order that ignores the input order,
// scores that are the sum of the reasons shown, and more of any warning sign never ranking anyone lower.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AttentionInput, type AttentionRules, attentionOf, byAttention, HIGH, POINTS, reasonsFor, WATCH } from './attention.ts';

const RULES: AttentionRules = { rampWarn: 8, deepTsb: -30, quietDays: 7 };

const athleteArb = (id: string) =>
  fc.record<AttentionInput>({
    id: fc.constant(id),
    // Few names, so ties on score and name happen and the id has to decide.
    name: fc.constantFrom('Ada', 'Ben', 'Cleo', 'Dev', 'Ada'),
    shared: fc.integer({ min: 0, max: 5 }).map((n) => n > 0),
    missed: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 6 }), weight: 2 }),
    moved: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 5 }), weight: 1 }),
    tsb: fc.option(fc.double({ min: -60, max: 25, noNaN: true }), { nil: null }),
    rampRate: fc.option(fc.double({ min: -6, max: 14, noNaN: true }), { nil: null }),
    daysSinceActivity: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
  });

const athletesArb = fc
  .integer({ min: 0, max: 12 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => athleteArb(`a${String(i).padStart(2, '0')}`))));

describe('attention order', () => {
  it('is the same whatever order the athletes arrive in, and sorted by score with waiting requests last', () => {
    fc.assert(
      fc.property(
        athletesArb.chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length }))),
        ([rows, shuffled]) => {
          const order = byAttention(rows, RULES);
          expect(byAttention(shuffled, RULES).map((r) => r.id)).toEqual(order.map((r) => r.id));
          expect(order.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
          const shared = order.filter((r) => r.shared);
          // Every shared athlete comes before every waiting request.
          expect(order.slice(0, shared.length).every((r) => r.shared)).toBe(true);
          for (let i = 1; i < shared.length; i++) expect(shared[i - 1]!.attention.score).toBeGreaterThanOrEqual(shared[i]!.attention.score);
        },
      ),
    );
  });

  it('says why: the score is the sum of the reasons shown, largest first, and a waiting request has none', () => {
    fc.assert(
      fc.property(athleteArb('x'), (a) => {
        const { score, level, reasons } = attentionOf(a, RULES);
        expect(score).toBe(reasons.reduce((s, r) => s + r.points, 0));
        for (let i = 1; i < reasons.length; i++) expect(reasons[i - 1]!.points).toBeGreaterThanOrEqual(reasons[i]!.points);
        for (const r of reasons) {
          expect(r.points).toBeGreaterThan(0);
          expect(r.text).toMatch(/\S/);
        }
        if (!a.shared) expect({ score, level, reasons }).toEqual({ score: 0, level: 'waiting', reasons: [] });
        else expect(level).toBe(score >= HIGH ? 'high' : score >= WATCH ? 'watch' : 'ok');
      }),
    );
  });

  it('never ranks anyone lower for more of a warning sign', () => {
    const worse = fc.constantFrom<(a: AttentionInput) => AttentionInput>(
      (a) => ({ ...a, missed: a.missed + 1 }),
      (a) => ({ ...a, moved: a.moved + 1 }),
      (a) => ({ ...a, tsb: a.tsb === null ? null : a.tsb - 5 }),
      (a) => ({ ...a, rampRate: a.rampRate === null ? null : a.rampRate + 3 }),
      (a) => ({ ...a, daysSinceActivity: a.daysSinceActivity === null ? null : a.daysSinceActivity + 4 }),
    );
    fc.assert(
      fc.property(athleteArb('x'), worse, (a, make) => {
        expect(attentionOf(make(a), RULES).score).toBeGreaterThanOrEqual(attentionOf(a, RULES).score);
      }),
    );
  });

  it('puts the athlete who missed workouts above an otherwise identical one who did not', () => {
    fc.assert(
      fc.property(athleteArb('b'), fc.integer({ min: 1, max: 4 }), (base, missed) => {
        const calm = { ...base, id: 'b', shared: true, missed: 0 };
        const missing = { ...calm, id: 'a', name: 'Zed', missed };
        expect(byAttention([calm, missing], RULES).map((r) => r.id)).toEqual(['a', 'b']);
      }),
    );
  });

  it('reads each sign at its threshold', () => {
    const calm: AttentionInput = {
      id: 'c',
      name: 'Cleo',
      shared: true,
      missed: 0,
      moved: 0,
      tsb: -5,
      rampRate: 3,
      daysSinceActivity: 1,
    };
    expect(attentionOf(calm, RULES)).toEqual({ score: 0, level: 'ok', reasons: [] });
    // Boundaries belong to the calmer side, as the analytics bands do: TSB −30 and a ramp of 8 are not flagged.
    expect(reasonsFor({ ...calm, tsb: -30, rampRate: 8, daysSinceActivity: 6 }, RULES)).toEqual([]);
    expect(reasonsFor({ ...calm, missed: 5 }, RULES)).toEqual([
      { kind: 'missed', points: POINTS.missedEach * POINTS.missedCap, text: 'Missed 5 workouts in the last 7 days' },
    ]);
    expect(reasonsFor({ ...calm, tsb: -34.4 }, RULES)).toEqual([
      { kind: 'deep_fatigue', points: 44, text: 'Form \u221234: deep fatigue (below \u221230)' },
    ]);
    expect(reasonsFor({ ...calm, rampRate: 9.25 }, RULES)).toEqual([
      { kind: 'ramp', points: 35, text: 'Fitness up 9.3 in 7 days (above 8)' },
    ]);
    expect(reasonsFor({ ...calm, daysSinceActivity: 7 }, RULES)).toMatchObject([
      { kind: 'quiet', points: 20, text: 'No activity for 7 days' },
    ]);
    expect(reasonsFor({ ...calm, daysSinceActivity: 14 }, RULES)).toMatchObject([{ kind: 'quiet', points: 30 }]);
    expect(reasonsFor({ ...calm, tsb: null, rampRate: null, daysSinceActivity: null }, RULES)).toMatchObject([{ kind: 'no_activity' }]);
    expect(reasonsFor({ ...calm, moved: 1 }, RULES)).toEqual([{ kind: 'moved', points: 5, text: 'Moved 1 workout in the last 7 days' }]);
    // One missed workout and a ramp: needs attention, the larger reason first.
    expect(attentionOf({ ...calm, missed: 1, rampRate: 10 }, RULES)).toMatchObject({
      score: 65,
      level: 'high',
      reasons: [{ kind: 'ramp' }, { kind: 'missed' }],
    });
  });
});
