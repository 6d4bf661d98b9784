// /api/v1/races/{id}/course and /{id}/pacing end to end (workerd): a GPX body is stored and summarised; bad files
// are a 400 naming `course`; another athlete's race is a 404; the pacing sums to the target within a second over the
// stored course, flat (and said) without one, and says a target is needed when there is no prediction.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import { decodePolyline } from '../../../lib/polyline';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { today } from '../../analytics/analytics.testing';
import type { RaceCourseAnswer, RacePacing } from './course.schema';
import { gpxCourse } from './course.testing';

type Pacing = Body<typeof RacePacing>;
const gpx = { 'content-type': 'application/gpx+xml' };

async function aRace(h: Harness, cookie: string, distanceM = 10000) {
  const r = await h.json<{ id: string }>('/api/v1/races', {
    method: 'POST',
    body: { name: 'Hill 10K', distanceM, raceDate: addDays(today(), 30) },
    cookie,
  });
  return r.body.id;
}
const put = (h: Harness, cookie: string, id: string, body: string, headers: Record<string, string> = gpx) =>
  h.call(`/api/v1/races/${id}/course`, { method: 'PUT', body, cookie, headers });

describe('race course and pacing API', () => {
  it('stores a GPX course and paces it to the target within a second; km and mile splits', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const id = await aRace(h, me.cookie);
    const res = await put(h, me.cookie, id, gpxCourse({ lengthM: 10050, stepM: 5, withTime: true, hillM: 30, name: 'River loop' }));
    expect(res.status).toBe(200);
    const stored = (await res.json()) as Body<typeof RaceCourseAnswer>;
    expect(stored.course).toMatchObject({ name: 'River loop', hasElevation: true });
    expect(stored.course!.lengthM).toBeCloseTo(10050, 0);
    expect(stored.course!.profile.length).toBeLessThanOrEqual(201);
    // The map's line: the stored points thinned to at most 1,001, starting at the course's first point (ADR 098).
    const track = decodePolyline(stored.course!.track);
    expect(track.length).toBeGreaterThan(400);
    expect(track.length).toBeLessThanOrEqual(1001);
    expect(track[0]).toEqual({ lat: 51.5, lon: -0.12 });
    const read = await h.json<Body<typeof RaceCourseAnswer>>(`/api/v1/races/${id}/course`, { cookie: me.cookie });
    expect(read.body.course?.gainM).toBeCloseTo(stored.course!.gainM, 3);

    for (const unit of ['km', 'mi'] as const) {
      const { status, body } = await h.json<Pacing>(`/api/v1/races/${id}/pacing?unit=${unit}&targetS=2700&negativeSplit=0.02`, {
        cookie: me.cookie,
      });
      expect(status).toBe(200);
      expect(body.flat).toBe(false);
      expect(body.target).toMatchObject({ targetS: 2700, source: 'athlete' });
      const plan = body.plan!;
      const sum = plan.splits.reduce((s, x) => s + x.timeS, 0);
      expect(Math.abs(sum - 2700)).toBeLessThanOrEqual(1);
      expect(plan.splits.at(-1)!.clockS).toBeCloseTo(2700, 6);
      expect(plan.splits).toHaveLength(unit === 'km' ? 10 : 7);
      expect(plan.negativeSplit).toBe(0.02);
      // Hills: the splits are not all the same pace.
      const paces = plan.splits.slice(0, -1).map((s) => s.paceS);
      expect(Math.max(...paces) - Math.min(...paces)).toBeGreaterThan(3);
    }
  });

  it('refuses bad files with a 400 naming `course`, and a course 3 % off the race', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const id = await aRace(h, me.cookie);
    const cases: [string, Record<string, string>, RegExp][] = [
      ['not xml at all', gpx, /not a GPX file/],
      ['<gpx></gpx>', { 'content-type': 'application/xml' }, /no track or route points/],
      ['<gpx><rte><rtept lat="1" lon="1"/></rte></gpx>', { 'content-type': 'text/xml' }, /one point/],
      [gpxCourse({ lengthM: 9000 }), { 'content-type': 'application/octet-stream' }, /9000 m; the race is 10000 m/],
      [gpxCourse({ lengthM: 10000 }), { 'content-type': 'application/json' }, /Content-Type/],
    ];
    for (const [body, headers, message] of cases) {
      const res = await put(h, me.cookie, id, body, headers);
      expect(res.status, body.slice(0, 40)).toBe(400);
      const err = (await res.json()) as ErrorBody;
      expectErrorShape(err, 'VALIDATION');
      expect(err.error.message).toMatch(message);
      expect(err.error.fields?.[0]?.path).toBe('course');
    }
    expect((await h.json<Body<typeof RaceCourseAnswer>>(`/api/v1/races/${id}/course`, { cookie: me.cookie })).body.course).toBeNull();
  });

  it('another athlete gets 404 for the course and pacing; the owner removes the course and pacing is flat again', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const other = await h.signup();
    const id = await aRace(h, me.cookie);
    expect((await put(h, me.cookie, id, gpxCourse({ lengthM: 10000, withElevation: false }))).status).toBe(200);
    expect((await put(h, other.cookie, id, gpxCourse({ lengthM: 10000 }))).status).toBe(404);
    expect((await h.call(`/api/v1/races/${id}/course`, { cookie: other.cookie })).status).toBe(404);
    expect((await h.call(`/api/v1/races/${id}/pacing?targetS=3000`, { cookie: other.cookie })).status).toBe(404);
    expect((await h.call(`/api/v1/races/${id}/course`, { method: 'DELETE', cookie: other.cookie })).status).toBe(404);

    const noEle = await h.json<Pacing>(`/api/v1/races/${id}/pacing?targetS=3000`, { cookie: me.cookie });
    expect(noEle.body.flat).toBe(true);
    expect(noEle.body.notes.join(' ')).toMatch(/no elevation: paced as flat/);
    expect((await h.call(`/api/v1/races/${id}/course`, { method: 'DELETE', cookie: me.cookie })).status).toBe(204);
    expect((await h.call(`/api/v1/races/${id}/course`, { method: 'DELETE', cookie: me.cookie })).status).toBe(404);
    const flat = await h.json<Pacing>(`/api/v1/races/${id}/pacing?targetS=3000&unit=km`, { cookie: me.cookie });
    expect(flat.body.course).toBeNull();
    expect(flat.body.notes[0]).toMatch(/No course uploaded: paced as flat/);
  });

  it('no prediction and no target: says a target time is needed; a bad target or split is a 400 naming it', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const id = await aRace(h, me.cookie);
    const { status, body } = await h.json<Pacing>(`/api/v1/races/${id}/pacing`, { cookie: me.cookie });
    expect(status).toBe(200);
    expect(body.plan).toBeNull();
    expect(body.target).toBeNull();
    expect(body.needsTarget).toMatch(/A target time is needed/);
    const slow = await h.json<ErrorBody>(`/api/v1/races/${id}/pacing?targetS=60`, { cookie: me.cookie });
    expect(slow.status).toBe(400);
    expect(slow.body.error.fields?.[0]?.path).toBe('targetS');
    const split = await h.json<ErrorBody>(`/api/v1/races/${id}/pacing?targetS=3000&negativeSplit=0.2`, { cookie: me.cookie });
    expect(split.status).toBe(400);
  });
});
