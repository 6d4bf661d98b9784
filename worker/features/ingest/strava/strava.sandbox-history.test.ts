// The Strava sandbox's generated histories behave like one person's: sessions never overlap in time, so a
// backfill imports every listed activity and none is linked to another as a second recording of the same effort.
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../../../../scripts/sandbox/strava/generator.ts';

describe('Strava sandbox histories', () => {
  it('never has two sessions of one athlete at the same time (double days included)', () => {
    let doubleDays = 0;
    // 5201 and 7101 had an evening session starting inside the day's first one before the fix.
    for (const id of [5201, 7101, ...Array.from({ length: 300 }, (_, k) => 5000 + k * 100 + 1)]) {
      const h = [...generateHistory(id, { count: 25 })].sort((a, b) => a.startMs - b.startMs);
      for (let i = 1; i < h.length; i++) {
        const prev = h[i - 1]!;
        const next = h[i]!;
        if (new Date(prev.startMs).toISOString().slice(0, 10) === new Date(next.startMs).toISOString().slice(0, 10)) doubleDays++;
        expect(next.startMs, `athlete ${id}: ${next.id} starts inside ${prev.id}`).toBeGreaterThanOrEqual(
          prev.startMs + prev.elapsedTime * 1000,
        );
      }
    }
    expect(doubleDays).toBeGreaterThan(0);
  });
});
