// The courses pages through the Harness, no JavaScript: a new athlete's empty state; a GPX imported by a multipart form
// lands on its page with the profile and route drawn and why it cannot go to Garmin yet; connected, "Send to Garmin"
// says sent; used for a race, renamed, deleted; "Make a course" on an activity with a route (whole, or the zoomed
// stretch); another athlete gets 404.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import { Harness } from '../../../testing/harness';
import { today } from '../../analytics/analytics.testing';
import { connectGarmin, newGarminUser } from '../../ingest/file-doors/file-doors.testing';
import { activityWithTrack, REAL_RUN_GPX } from './courses.testing';

const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

describe('the courses pages', () => {
  it('imports a GPX by form, shows it, sends it to Garmin, uses it for a race, renames and deletes it', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const empty = await (await h.call('/courses', { cookie: me.cookie })).text();
    expect(empty).toContain('No courses yet');
    expect(empty).toContain('<label for="course-file"');
    expect(empty).toContain('href="/courses"');

    const missing = new FormData();
    missing.set('name', 'x');
    expect((await h.call('/courses', { method: 'POST', body: missing, cookie: me.cookie })).status).toBe(400);
    const notGpx = new FormData();
    notGpx.set('file', new File(['<kml/>'], 'a.kml', { type: 'application/xml' }));
    const refused = await h.call('/courses', { method: 'POST', body: notGpx, cookie: me.cookie });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('not GPX');

    const up = new FormData();
    up.set('file', new File([REAL_RUN_GPX], 'run.gpx', { type: 'application/gpx+xml' }));
    up.set('name', 'Rock Creek');
    up.set('sport', 'trail_run');
    const made = await h.call('/courses', { method: 'POST', body: up, cookie: me.cookie });
    expect(made.status).toBe(302);
    const path = made.headers.get('location')!;
    expect(path).toMatch(/^\/courses\/[0-9a-f-]{36}$/);
    const page = await (await h.call(path, { cookie: me.cookie })).text();
    expect(page).toContain('Rock Creek');
    expect(page).toContain('Trail run · 3.1 km');
    expect(page).toContain('class="course-profile"');
    expect(page).toContain('data-testid="course-map"');
    expect(page).toContain('Connect Garmin Connect on Data sources first.');
    expect(page).toContain('No races yet');
    expect(await (await h.call('/courses', { cookie: me.cookie })).text()).toContain(`href="${path}"`);

    expect((await connectGarmin(h, me.cookie, newGarminUser())).status).toBe(302);
    const before = await (await h.call(path, { cookie: me.cookie })).text();
    expect(before).toContain('>Send to Garmin<');
    const sent = await h.call(path, { method: 'POST', cookie: me.cookie, ...form({ intent: 'garmin' }) });
    expect(sent.status).toBe(200);
    const after = await sent.text();
    expect(after).toContain('Sent to Garmin: it syncs to your device');
    expect(after).toContain('Send to Garmin again');

    const race = await h.json<{ id: string }>('/api/v1/races', {
      method: 'POST',
      cookie: me.cookie,
      body: { name: 'Creek 3K', distanceM: 3100, raceDate: addDays(today(), 30) },
    });
    expect(await (await h.call(path, { cookie: me.cookie })).text()).toContain('Creek 3K (3.1 km)');
    const used = await h.call(path, { method: 'POST', cookie: me.cookie, ...form({ intent: 'race', raceId: race.body.id }) });
    expect(await used.text()).toContain(`href="/races/${race.body.id}/pacing"`);

    const renamed = await h.call(path, {
      method: 'POST',
      cookie: me.cookie,
      ...form({ intent: 'rename', name: 'Creek loop', sport: 'run' }),
    });
    expect(await renamed.text()).toContain('Creek loop');
    const blank = await h.call(path, { method: 'POST', cookie: me.cookie, ...form({ intent: 'rename', name: ' ' }) });
    expect(blank.status).toBe(400);

    const other = await h.signup();
    expect((await h.call(path, { cookie: other.cookie })).status).toBe(404);
    expect((await h.call('/courses/not-a-uuid', { cookie: me.cookie })).status).toBe(404);
    const gone = await h.call(path, { method: 'POST', cookie: me.cookie, ...form({ intent: 'delete' }) });
    expect(gone.status).toBe(302);
    expect(gone.headers.get('location')).toBe('/courses');
    expect((await h.call(path, { cookie: me.cookie })).status).toBe(404);
  });

  it('makes a course from an activity with a route', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const run = await activityWithTrack(h, me.user.id, { seconds: 600 });
    const page = await (await h.call(`/activities/${run}`, { cookie: me.cookie })).text();
    expect(page).toContain('Make a course');
    const made = await h.call(`/activities/${run}`, { method: 'POST', cookie: me.cookie, ...form({ intent: 'course' }) });
    expect(made.status).toBe(302);
    const course = await (await h.call(made.headers.get('location')!, { cookie: me.cookie })).text();
    expect(course).toContain('Canal run');
    expect(course).toContain(`href="/activities/${run}"`);
    // The charts' zoomed stretch, as the card's hidden fields send it.
    const part = await h.call(`/activities/${run}`, {
      method: 'POST',
      cookie: me.cookie,
      ...form({ intent: 'course', fromS: '100', toS: '400' }),
    });
    expect(part.status).toBe(302);
    const stretch = await (await h.call(part.headers.get('location')!, { cookie: me.cookie })).text();
    expect(stretch).toMatch(/seconds 100(<!-- -->)?–(<!-- -->)?400/);
    expect(stretch).toContain('0.9 km');
  });
});
