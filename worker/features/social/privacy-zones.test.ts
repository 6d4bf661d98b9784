import { describe, expect, it } from 'vitest';
import { decodePolyline, type LatLon, metresBetween, offsetBy, toLocal } from '../../lib/geo';
import { homeRun } from './privacy-attack.testing';
import { cutTrack, sharedTotals, type Track } from './privacy-cut';
import { type CutPlan, DEFAULT_PRIVACY, ENDS_RANGE_M, planCuts, type PrivacySettings } from './privacy-zones';

const home = { lat: 48.1372, lon: 11.5756 };

/** A straight track east from `from`, one point every `stepM` metres, one second apart. */
function straight(from: LatLon, lengthM: number, stepM = 5): Track {
  const lat: number[] = [];
  const lon: number[] = [];
  const t: number[] = [];
  const distanceM: number[] = [];
  for (let d = 0, i = 0; d <= lengthM; d += stepM, i++) {
    const p = offsetBy(from, d, 0);
    lat.push(p.lat);
    lon.push(p.lon);
    t.push(i);
    distanceM.push(d);
  }
  return { lat, lon, t, distanceM };
}

const ends = (t: Track) => ({ first: { lat: t.lat[0]!, lon: t.lon[0]! }, last: { lat: t.lat.at(-1)!, lon: t.lon.at(-1)! } });
const plan = (track: Track, settings: PrivacySettings = DEFAULT_PRIVACY, activityId = 'a1', secret = 's3cret') =>
  planCuts({ secret, athleteId: 'u1', activityId, settings, ...ends(track) });
const bare = (endsM: number, zones: CutPlan['zones'] = []): CutPlan => ({ wholeMap: false, endsM, start: null, end: null, zones });

describe('cutTrack', () => {
  it('hides the first and last 200 m by default, and re-bases what is left to 0 s and 0 m', () => {
    const v = cutTrack(straight(home, 2000), bare(200));
    expect(v.segments).toHaveLength(1);
    const s = v.segments[0]!;
    expect(metresBetween(home, s.points[0]!)).toBeCloseTo(200, 0);
    expect(metresBetween(offsetBy(home, 2000, 0), s.points.at(-1)!)).toBeCloseTo(200, 0);
    expect(s.t[0]).toBe(0);
    expect(s.distanceM[0]).toBe(0);
    expect(s.distanceM.at(-1)).toBeCloseTo(1600, 0);
  });

  it('a track shorter than both ends together shows nothing', () => {
    expect(cutTrack(straight(home, 390), bare(200)).segments).toEqual([]);
  });

  it('an address zone crossed mid-track splits the map: no line is drawn across it, and the gap takes no distance', () => {
    const zone = { ...offsetBy(home, 1000, 0), radiusM: 250 };
    const v = cutTrack(straight(home, 2000), bare(200, [zone]));
    expect(v.segments).toHaveLength(2);
    for (const s of v.segments) for (const p of s.points) expect(metresBetween(zone, p)).toBeGreaterThan(250);
    expect(v.segments[1]!.distanceM[0]).toBe(v.segments[0]!.distanceM.at(-1));
    expect(v.segments[1]!.t[0]).toBe(v.segments[0]!.t.at(-1));
    // Each polyline decodes to its own segment's points (precision 5: ~1 m).
    for (const s of v.segments) {
      const back = decodePolyline(s.polyline);
      expect(back).toHaveLength(s.points.length);
      expect(Math.max(...back.map((p, i) => metresBetween(p, s.points[i]!)))).toBeLessThan(1.5);
    }
  });

  it('the whole map hidden shows no segment at all', async () => {
    const track = straight(home, 5000);
    const p = await plan(track, { ends: { kind: 'whole_map' }, zones: [] });
    expect(cutTrack(track, p).segments).toEqual([]);
  });
});

describe('planCuts', () => {
  it('is stable for one activity, different across activities and secrets', async () => {
    const track = straight(home, 3000);
    const a = await plan(track, DEFAULT_PRIVACY, 'a1');
    expect(await plan(track, DEFAULT_PRIVACY, 'a1')).toEqual(a);
    expect((await plan(track, DEFAULT_PRIVACY, 'a2')).start).not.toEqual(a.start);
    expect((await plan(track, DEFAULT_PRIVACY, 'a1', 'other secret')).start).not.toEqual(a.start);
  });

  it('keeps the ends between 200 m and a mile whatever the settings say', async () => {
    const track = straight(home, 3000);
    expect((await plan(track, { ends: { kind: 'metres', metres: 50 }, zones: [] })).endsM).toBe(ENDS_RANGE_M.min);
    expect((await plan(track, { ends: { kind: 'metres', metres: 5000 }, zones: [] })).endsM).toBe(1609);
  });

  it('shifts an end at an address the way its zone is shifted (two biases around one place could cancel)', async () => {
    const track = straight(home, 5000);
    const p = await plan(track, { ends: DEFAULT_PRIVACY.ends, zones: [{ id: 'z', ...home, radiusM: 300 }] });
    const bearing = (d: LatLon) => {
      const { x, y } = toLocal(home, d);
      return Math.atan2(y, x);
    };
    const turn = Math.abs(((bearing(p.start!) - bearing(p.zones[0]!) + 3 * Math.PI) % (2 * Math.PI)) - Math.PI);
    expect(turn).toBeLessThanOrEqual((70 * Math.PI) / 180); // each may turn ±35° from the zone's direction
    expect(p.end).not.toBeNull();
  });

  it('never shows a point within the chosen distance of either end (anywhere on the track) or of an address', async () => {
    const settings = (radiusM: number): PrivacySettings => ({
      ends: { kind: 'metres', metres: radiusM },
      zones: [{ id: 'work', ...offsetBy(home, 2500, 1), radiusM }],
    });
    for (let i = 0; i < 15; i++) {
      const { track, id } = homeRun(home, 500 + i, `r${i}`);
      const { first, last } = ends(track);
      for (const radius of [200, 800, 1609]) {
        const v = cutTrack(track, await plan(track, settings(radius), id));
        const shown = v.segments.flatMap((s) => s.points);
        const nearest = (to: LatLon) => Math.min(...shown.map((p) => metresBetween(to, p)));
        if (shown.length === 0) continue;
        expect(nearest(first)).toBeGreaterThan(radius);
        expect(nearest(last)).toBeGreaterThan(radius);
        expect(nearest(offsetBy(home, 2500, 1))).toBeGreaterThan(radius);
      }
    }
  });
});

describe('sharedTotals', () => {
  it('rounds distance to 0.1 km and times to the minute', () => {
    expect(sharedTotals({ distanceM: 10_049, movingTimeS: 3_029, elapsedTimeS: 3_031 })).toEqual({
      distanceM: 10_000,
      movingTimeS: 3_000,
      elapsedTimeS: 3_060,
    });
  });
});
