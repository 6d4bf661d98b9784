// Issue 55: a follower who averages the visible first and last points of shared runs must not land on home.
// Runs leave each home in every direction (the attacker's best case: nearly straight roads), are cut by the
// serializer the API answers with, and the follower tries every estimate of privacy-estimators.testing.ts.
// Against the old cut (one stable shift per place, little per-activity spread) the best estimate landed 50 m from
// home at 50 runs and 28 m at 200 (medians over homes); the bounds below fail there and hold for the wide
// per-activity discs (78 and 87 m). Estimates still converge, slowly: ADR 082 says what N routes reveal.
import { describe, expect, it } from 'vitest';
import { decodePolyline, type LatLon, metresBetween } from '../../lib/geo';
import { median, prng } from './privacy-attack.testing';
import { ESTIMATORS, estimateHome, missesOf, radialRun } from './privacy-estimators.testing';
import type { Track } from './privacy-cut';
import { DEFAULT_SOCIAL_SETTINGS } from './people/relations';
import { serializePost } from './posts/serializer';
import type { PostRecord } from './posts/serializer';

const RUNS = 200;
// Two homes on a corner of the 0.02° cells the stable direction is drawn per, and six anywhere on Earth.
const HOMES: LatLon[] = [
  { lat: 48.14, lon: 11.58 },
  { lat: -33.86, lon: 151.2 },
  ...Array.from({ length: 6 }, (_, h) => {
    const r = prng(h * 31 + 7);
    return { lat: -40 + 100 * r(), lon: -170 + 340 * r() };
  }),
];

const post = (id: string): PostRecord => ({
  id: `post-${id}`,
  authorId: 'athlete',
  kind: 'activity',
  activityId: id,
  title: 'Run',
  body: null,
  sport: 'run',
  durationS: null,
  distanceM: null,
  rpe: null,
  visibility: 'public',
  hideMap: false,
  hideHeartRate: false,
  hidePacePower: false,
  hideNotes: false,
  dayAt: new Date(0),
  createdAt: new Date(0),
  hiddenAt: null,
  hiddenReason: null,
});

/** What a follower's map shows of one shared run: its visible points, in order, as the API sends them. */
async function shown(track: Track, activityId: string, athlete: string, secret: string): Promise<LatLon[]> {
  const view = await serializePost({
    post: { ...post(activityId), authorId: athlete },
    owner: { id: athlete, displayName: 'A', settings: { ...DEFAULT_SOCIAL_SETTINGS, profileVisibility: 'public' }, zones: [] },
    activity: { sport: 'run', movingTimeS: 1, elapsedTimeS: 1, distanceM: 1, avgHr: null, maxHr: null, avgPower: null, track },
    relation: { kind: 'follower', muted: false },
    counts: { kudos: 0, mine: false, comments: 0 },
    secret,
  });
  return (view?.map?.segments ?? []).flatMap((s) => decodePolyline(s.polyline));
}

interface Shared {
  home: LatLon;
  /** Each run's visible points; every fifth run is the same route recorded again as another activity. */
  runs: LatLon[][];
}

const worlds: Promise<Shared[]> = Promise.all(
  HOMES.map(async (home, h) => {
    const runs: LatLon[][] = [];
    for (let i = 0; i < RUNS; i++) {
      // Golden-angle bearings: every direction, evenly, whatever the number of runs read.
      const route = i % 5 === 4 ? i - 1 : i;
      const track = radialRun(home, route * 2.39996 + h, h * 100_000 + route);
      runs.push(await shown(track, `act-${h}-${i}`, `athlete-${h}`, `secret-${h}`));
    }
    return { home, runs };
  }),
);

/** Per home, how far each estimate from the first `n` runs lands from home. */
async function missesAt(n: number) {
  return (await worlds).map(({ home, runs }) => {
    const ends = runs.slice(0, n).flatMap((p) => (p.length ? [p[0]!, p[p.length - 1]!] : []));
    const e = estimateHome(ends);
    if (!e) throw new Error('too few visible ends to estimate');
    return missesOf(e, home);
  });
}

describe('a follower estimating a home from the visible ends of shared runs (issue 55)', () => {
  it('no visible point of any run is within the 200 m hidden around home', async () => {
    for (const { home, runs } of await worlds) {
      let nearest = Number.POSITIVE_INFINITY;
      for (const p of runs.flat()) nearest = Math.min(nearest, metresBetween(home, p));
      expect(nearest).toBeGreaterThan(200);
    }
  });

  it('the same activity shared twice shows the same map: nothing new to average', async () => {
    const home = HOMES[0]!;
    const track = radialRun(home, 1, 7);
    expect(await shown(track, 'same', 'athlete-0', 'secret-0')).toEqual(await shown(track, 'same', 'athlete-0', 'secret-0'));
  });

  it.each([
    [12, 200],
    [50, 75],
    [200, 50],
  ])('from %i runs, every estimate misses home by at least %i m in the median over homes', async (n, bound) => {
    const misses = await missesAt(n);
    for (const k of ESTIMATORS) expect(median(misses.map((m) => m[k])), k).toBeGreaterThanOrEqual(bound);
  });
});
