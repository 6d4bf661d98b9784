// Receipts name exactly the activities behind an answer, over generated activity sets: one activity for
// each single-activity question (fastest, slowest, longest, shortest, hilliest, last, one day's), and for a
// total exactly the activities it sums. Expected picks are computed here from the generated data.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates';
import { Harness } from '../../../testing/harness';
import { answerDeterministically } from './deterministic';
import { type FixtureActivity, groundingWorld } from './grounding-testing';

const NOW = new Date('2026-11-21T20:00:00Z');
const SPORTS = ['run', 'ride', 'swim'] as const;

const activity = fc.record({
  sport: fc.constantFrom(...SPORTS),
  daysAgo: fc.integer({ min: 0, max: 50 }),
  minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  strava: fc.boolean(),
});

// Per sport: the shortest distance (m; up to 1.04^75 ≈ 19 times it) and the range of speeds (m/s).
const RANGE = { run: { d: 1000, v: [2, 5] }, ride: { d: 5000, v: [5, 12] }, swim: { d: 200, v: [0.5, 1.5] } };

// Distances, speeds and climbs are drawn unique so every superlative has one answer (no ties to break).
const world = fc.integer({ min: 3, max: 10 }).chain((n) =>
  fc.record({
    zone: fc.constantFrom('UTC', 'America/Los_Angeles', 'Europe/Berlin'),
    acts: fc.array(activity, { minLength: n, maxLength: n }),
    // Steps of 4 %: two activities of one sport are never within ADR 013's 3 %, so none is linked as a duplicate.
    distances: fc.uniqueArray(fc.integer({ min: 0, max: 75 }), { minLength: n, maxLength: n }),
    // Speeds 1/30 of the range apart: no two paces are near a tie.
    speeds: fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { minLength: n, maxLength: n }),
    // Under 100 m: never more than the plausibility layer lets through for a short activity.
    climbs: fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: n, maxLength: n }),
  }),
);

type Built = FixtureActivity & { start: string };
const within = ([lo, hi]: number[], u: number) => lo! + ((hi! - lo!) * u) / 30;

describe('receipts name exactly the activities behind the answer (property)', () => {
  it('single-activity answers carry exactly the chosen activity; totals exactly what they sum', async () => {
    const h = Harness.init();
    await fc.assert(
      fc.asyncProperty(world, async ({ zone, acts, distances, speeds, climbs }) => {
        const today = todayIn(zone, NOW);
        const fixtures: Built[] = acts.map((a, i) => {
          // A two-hour slot of its own that day (UTC; the zone decides its local date), before now.
          const start = new Date(Date.parse(`${addDays(today, -a.daysAgo)}T00:00:00Z`) + (2 * i * 60 + (a.minute % 60)) * 60_000);
          // The last digit is the index: distances are unique across sports too.
          const distanceM = Math.floor((RANGE[a.sport].d * 1.04 ** distances[i]!) / 10) * 10 + i;
          return {
            key: `a${i}`,
            source: a.strava ? 'strava' : i % 2 === 0 ? 'fit_upload' : 'manual',
            sport: a.sport,
            date: todayIn(zone, start),
            distanceM,
            movingS: Math.round(distanceM / within(RANGE[a.sport].v, speeds[i]!)),
            avgHr: 140,
            elevationM: climbs[i]!,
            name: `Session ${i} ${crypto.randomUUID().slice(0, 6)}`,
            startTime: start.toISOString(),
            start: start.toISOString(),
          };
        });
        const g = await groundingWorld(h, { timeZone: zone, activities: fixtures, now: NOW });
        const ctx = g.ctx();
        const usable = fixtures.filter((f) => f.source !== 'strava' && f.date <= today);
        const from = addDays(today, -41);
        const inWindow = usable.filter((f) => f.date >= from);
        const receiptsOf = async (q: string) => {
          const ans = await answerDeterministically(g.deps, ctx, q);
          expect(ans, q).not.toBeNull();
          return { text: ans!.text, ids: ans!.results.flatMap((r) => r.receipts.map((x) => x.activityId)).sort() };
        };
        const single = async (q: string, pick: Built | undefined) => {
          const { text, ids } = await receiptsOf(q);
          if (!pick) return expect(ids, q).toEqual([]);
          expect(ids, q).toEqual([g.ids.get(pick.key)!]);
          expect(text, q).toContain(`“${pick.name}”`);
        };
        const pace = (f: Built) => f.movingS / f.distanceM;
        const best = (xs: Built[], by: (f: Built) => number) => [...xs].sort((a, b) => by(a) - by(b))[0];

        for (const sport of [...SPORTS, undefined]) {
          const noun = sport ?? 'activity';
          const mine = inWindow.filter((f) => sport === undefined || f.sport === sport);
          await single(`What was my fastest ${noun} in the last 6 weeks?`, best(mine, pace));
          await single(
            `What was my slowest ${noun} in the last 6 weeks?`,
            best(mine, (f) => -pace(f)),
          );
          await single(
            `What was my longest ${noun} in the last 6 weeks?`,
            best(mine, (f) => -f.distanceM),
          );
          await single(
            `What was my shortest ${noun} in the last 6 weeks?`,
            best(mine, (f) => f.distanceM),
          );
          await single(
            `Which ${noun} had the most elevation in the last 6 weeks?`,
            best(mine, (f) => -f.elevationM),
          );
          const all = usable.filter((f) => sport === undefined || f.sport === sport);
          await single(
            `When was my last ${noun}?`,
            best(all, (f) => -Date.parse(f.start)),
          );
          if (sport) {
            const { ids } = await receiptsOf(`How far did I ${sport === 'run' ? 'run' : sport} in the last 6 weeks?`);
            expect(ids, `total ${sport}`).toEqual(mine.map((f) => g.ids.get(f.key)!).sort());
          }
        }
        // One day: exactly that day's usable activities.
        const day = fixtures[0]!.date;
        const { ids } = await receiptsOf(`What did I do on ${day}?`);
        expect(ids, day).toEqual(
          usable
            .filter((f) => f.date === day)
            .map((f) => g.ids.get(f.key)!)
            .sort(),
        );
      }),
      { numRuns: 10 },
    );
    // Each run makes an athlete and asks about 30 questions: on a busy machine that takes a while.
  }, 180_000);
});
