// The course GPX parser (workerd: it reads through ingest's streaming XML reader): tracks and routes, with or
// without times and elevation, thinned to ~10 m with its climb; bad files are a 400 naming `course`.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/errors';
import { chunksOf, COURSE_MAX_BYTES, parseCourseGpx } from './course-gpx';
import { gpxCourse } from './course.testing';

const parse = (text: string) => parseCourseGpx(chunksOf(text));
async function refusal(text: string): Promise<{ message: string; path: string | undefined }> {
  const e = await parse(text).then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  const err = e as AppError;
  return { message: err.message, path: err.details?.fields?.[0]?.path };
}

describe('parseCourseGpx', () => {
  it('a 1 Hz track with times: thinned to about every 10 m, its length and climb, its name from the metadata', async () => {
    const p = await parse(gpxCourse({ lengthM: 5000, stepM: 3, withTime: true, hillM: 40, waveM: 2500, name: 'Park 5K' }));
    expect(p.source).toBe('track');
    expect(p.name).toBe('Park 5K');
    expect(p.pointCount).toBe(Math.ceil(5000 / 3) + 1);
    expect(p.course.lengthM).toBeCloseTo(5000, 0);
    expect(p.course.dist.length).toBeGreaterThan(400);
    expect(p.course.dist.length).toBeLessThan(520);
    for (let i = 1; i < p.course.dist.length - 1; i++) expect(p.course.dist[i]! - p.course.dist[i - 1]!).toBeGreaterThanOrEqual(9.99);
    expect(p.course.hasElevation).toBe(true);
    // Two waves of 40 m, smoothed over ±50 m: a little under 80 m each way.
    expect(p.course.gainM).toBeGreaterThan(70);
    expect(p.course.gainM).toBeLessThan(81);
    expect(p.course.lossM).toBeGreaterThan(70);
  });

  it('a route without times, and a course without elevation (flat, and it says so)', async () => {
    const route = await parse(gpxCourse({ lengthM: 2000, kind: 'route', stepM: 50 }));
    expect(route.source).toBe('route');
    expect(route.course.lengthM).toBeCloseTo(2000, 0);
    const flat = await parse(gpxCourse({ lengthM: 2000, withElevation: false }));
    expect(flat.course.hasElevation).toBe(false);
    expect(flat.course.gainM).toBe(0);
    expect(new Set(flat.course.ele)).toEqual(new Set([0]));
  });

  it('prefers the track when the file has both; fills a missing elevation between its neighbours', async () => {
    const both = gpxCourse({ lengthM: 1500, stepM: 20 }).replace(
      '</gpx>',
      '<rte><rtept lat="0" lon="0"/><rtept lat="0" lon="1"/></rte></gpx>',
    );
    expect((await parse(both)).source).toBe('track');
    const gap =
      '<gpx><trk><trkseg><trkpt lat="51.5" lon="0"><ele>100</ele></trkpt><trkpt lat="51.5001" lon="0"></trkpt>' +
      '<trkpt lat="51.5002" lon="0"><ele>110</ele></trkpt></trkseg></trk></gpx>';
    expect((await parse(gap)).course.ele).toEqual([100, 105, 110]);
  });

  it('refuses what is not a course, naming the field', async () => {
    expect(await refusal('just text')).toMatchObject({ path: 'course', message: expect.stringMatching(/not a GPX file/) });
    expect(await refusal('<kml><Placemark/></kml>')).toMatchObject({ path: 'course', message: expect.stringMatching(/<kml>, not GPX/) });
    expect(await refusal('<gpx version="1.1"></gpx>')).toMatchObject({ message: expect.stringMatching(/no track or route points/) });
    expect(await refusal('<gpx><trk><trkseg><trkpt lat="51" lon="0"/></trkseg></trk></gpx>')).toMatchObject({
      message: expect.stringMatching(/one point/),
    });
    expect(await refusal('<gpx><trk><trkseg><trkpt lat="951" lon="0"/><trkpt lat="x" lon="0"/></trkseg></trk></gpx>')).toMatchObject({
      message: expect.stringMatching(/no track or route points with a latitude/),
    });
    expect(await refusal('<gpx><trk><trkpt lat="51" lon="0"></trk></gpx>')).toMatchObject({
      message: expect.stringMatching(/not a GPX file/),
    });
    const big = `<gpx><trk><trkseg>${'<trkpt lat="51.5" lon="0"><ele>1</ele></trkpt>'.repeat(COURSE_MAX_BYTES / 40)}</trkseg></trk></gpx>`;
    expect(await refusal(big)).toMatchObject({ path: 'course', message: expect.stringMatching(/larger than 960 KB/) });
  });
});
