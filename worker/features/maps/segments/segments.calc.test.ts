import { describe, expect, it } from 'vitest';
import { bestPerPerson, insideAny, rankEfforts, storedPathOf } from './segments.calc';

const at = (i: number) => new Date(Date.UTC(2026, 0, 1 + i));

describe('segments calc', () => {
  it('cuts a track between two seconds, with climb and grade from the altitude', () => {
    const t = Array.from({ length: 101 }, (_, i) => i);
    const track = { t, lat: t.map((s) => 51.5 + (s * 5) / 111_195), lon: t.map(() => 0) };
    const p = storedPathOf(track, 20, 60, { t, altM: t.map((s) => 100 + s / 2) })!;
    expect(p.distanceM).toBeCloseTo(200, 0);
    expect(p.climbM).toBeCloseTo(20, 5);
    expect(p.gradePct).toBeCloseTo(10, 1);
    expect(storedPathOf(track, 20, 60, null)!.climbM).toBeNull();
    expect(storedPathOf(track, 200, 300, null)).toBeNull();
  });

  it('ranks efforts, ties sharing a rank, the earlier listed first; one best per person', () => {
    const e = [
      { id: 'a', elapsedS: 300, startedAt: at(2), userId: 'x' },
      { id: 'b', elapsedS: 280, startedAt: at(3), userId: 'y' },
      { id: 'c', elapsedS: 280, startedAt: at(1), userId: 'x' },
      { id: 'd', elapsedS: 310, startedAt: at(0), userId: 'y' },
    ];
    expect(rankEfforts(e).map((r) => [r.id, r.rank, r.pr])).toEqual([
      ['c', 1, true],
      ['b', 1, true],
      ['a', 3, false],
      ['d', 4, false],
    ]);
    expect(bestPerPerson(e).map((r) => [r.id, r.rank])).toEqual([
      ['c', 1],
      ['b', 1],
    ]);
  });

  it('a point on a zone’s edge is inside it', () => {
    const z = { lat: 51.5, lon: 0, radiusM: 200 };
    expect(insideAny({ lat: 51.5 + 199 / 111_195, lon: 0 }, [z])).toBe(true);
    expect(insideAny({ lat: 51.5 + 210 / 111_195, lon: 0 }, [z])).toBe(false);
  });
});
