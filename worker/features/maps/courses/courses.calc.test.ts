// A course from GPS samples (a stretch by seconds, missing fixes skipped), and the geo-points Garmin takes: the stored
// points kept, points added where two are over 100 m apart, resampled to 10,000 when longer, refused past ~1,000 km.
import { describe, expect, it } from 'vitest';
import { haversineM } from '../../ingest';
import { buildCourse } from '../../races';
import { courseSportOf, GARMIN_TYPE, garminGeoPoints, pointsFromGps, type StoredCourse, toGarminCourse } from './courses.calc';

const R = 6_371_000;
/** A straight line due north from 51.5° N, a point every `stepM`, elevation rising 1 m per 100 m. */
function line(lengthM: number, stepM: number, withEle = true): StoredCourse {
  const n = Math.round(lengthM / stepM);
  const lat: number[] = [];
  const lon: number[] = [];
  const ele: number[] = [];
  const dist: number[] = [];
  for (let i = 0; i <= n; i++) {
    lat.push(51.5 + ((i * stepM) / R) * (180 / Math.PI));
    lon.push(-0.12);
    ele.push(withEle ? 100 + (i * stepM) / 100 : 0);
    dist.push(i * stepM);
  }
  return { name: 'Line', sport: 'run', points: { lat, lon, ele, dist }, hasElevation: withEle, lengthM: n * stepM, gainM: 0, lossM: 0 };
}
const maxGap = (g: { latitude: number; longitude: number }[]) =>
  Math.max(...g.slice(1).map((p, i) => haversineM(g[i]!.latitude, g[i]!.longitude, p.latitude, p.longitude)));

describe('a course from GPS samples', () => {
  const g = {
    t: [0, 1, 2, 3, 4, 5],
    lat: [51.5, 0, 51.5001, 51.5002, 51.5003, 51.5004],
    lon: [-0.12, 0, -0.12, -0.12, -0.12, -0.12],
    altitudeM: [10, 11, 12, 13, 14, 15],
  };
  it('skips a missing fix (0°, 0°) and measures with the haversine', () => {
    const p = pointsFromGps(g);
    expect(p).toHaveLength(5);
    expect(p.at(-1)!.distanceM).toBeCloseTo(haversineM(51.5, -0.12, 51.5004, -0.12), 6);
    expect(p[1]!.ele).toBe(12);
  });
  it('takes the stretch between two seconds, inclusive', () => {
    const p = pointsFromGps(g, 2, 4);
    expect(p.map((x) => x.lat)).toEqual([51.5001, 51.5002, 51.5003]);
    expect(p[0]!.distanceM).toBe(0);
  });
  it('suggests a sport from the activity’s', () => {
    expect([courseSportOf('run'), courseSportOf('ride'), courseSportOf('walk'), courseSportOf('swim')]).toEqual([
      'run',
      'ride',
      'hike',
      'other',
    ]);
  });
});

describe('the geo-points Garmin takes', () => {
  it('keeps a dense course’s own points', () => {
    const c = line(5000, 10);
    const g = garminGeoPoints(c)!;
    expect(g).toHaveLength(501);
    expect(g[0]).toEqual({ latitude: 51.5, longitude: -0.12, elevation: 100 });
  });
  it('adds points on the line where two are over 100 m apart, elevation interpolated', () => {
    const g = garminGeoPoints(line(1000, 500))!;
    expect(maxGap(g)).toBeLessThanOrEqual(100);
    expect(g).toHaveLength(13);
    expect(g[1]!.elevation).toBeCloseTo(100 + 500 / 6 / 100, 1);
  });
  it('resamples a course of more than 10,000 points to 10,000, still ≤ 100 m apart', () => {
    const g = garminGeoPoints(line(300_000, 10))!;
    expect(g).toHaveLength(10_000);
    expect(maxGap(g)).toBeLessThanOrEqual(100);
    expect(g.at(-1)!.latitude).toBeCloseTo(51.5 + (300_000 / R) * (180 / Math.PI), 5);
  });
  it('refuses a course Garmin cannot take (over ~1,000 km), in words', () => {
    expect(garminGeoPoints(line(1_100_000, 100))).toBeNull();
    expect(toGarminCourse({ ...line(1_100_000, 100) })).toEqual({ error: expect.stringContaining('1,100 km') });
  });
  it('sends no elevation without one, and the sport as Garmin’s activity type', () => {
    const r = toGarminCourse({ ...line(2000, 10, false), sport: 'gravel_ride' });
    if (!('course' in r)) throw new Error(r.error);
    expect(r.course.geoPoints[0]).toEqual({ latitude: 51.5, longitude: -0.12 });
    expect(r.course).toMatchObject({ activityType: 'GRAVEL_CYCLING', coordinateSystem: 'WGS84', distance: 2000, courseName: 'Line' });
    expect(Object.values(GARMIN_TYPE)).toHaveLength(7);
  });
  it('a course built by the races feature maps as it is', () => {
    const raw = Array.from({ length: 301 }, (_, i) => ({
      lat: 51.5 + ((i * 5) / R) * (180 / Math.PI),
      lon: -0.12,
      ele: 50 + i / 10,
      distanceM: i * 5,
    }));
    const built = buildCourse(raw);
    const r = toGarminCourse({
      name: 'x',
      sport: 'run',
      points: built,
      hasElevation: true,
      lengthM: built.lengthM,
      gainM: built.gainM,
      lossM: 0,
    });
    if (!('course' in r)) throw new Error(r.error);
    expect(r.course.distance).toBe(1500);
    expect(r.course.elevationGain).toBeGreaterThan(25);
  });
});
