// The Pacing tab (/races/:raceId/pacing) through the Harness, no JavaScript: the course uploaded by a multipart form
// (its profile an accessible SVG), the splits shown for the athlete's own target in km or miles, a new account told
// a target time is needed, a bad file refused on its field, the course removed; another athlete gets 404.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import { Harness } from '../../../testing/harness';
import { today } from '../../analytics/analytics.testing';
import { gpxCourse } from './course.testing';

const upload = (h: Harness, cookie: string, id: string, text: string, name = 'course.gpx') => {
  const form = new FormData();
  form.set('intent', 'upload');
  form.set('file', new File([text], name, { type: 'application/gpx+xml' }));
  return h.call(`/races/${id}/pacing`, { method: 'POST', body: form, cookie });
};

describe('the Pacing tab', () => {
  it('uploads a course by form, shows its profile and the splits; a target is asked for without a prediction', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const other = await h.signup();
    const { body: race } = await h.json<{ id: string }>('/api/v1/races', {
      method: 'POST',
      body: { name: 'Hilly 10K', distanceM: 10000, raceDate: addDays(today(), 20) },
      cookie: me.cookie,
    });
    const first = await (await h.call(`/races/${race.id}/pacing`, { cookie: me.cookie })).text();
    expect(first).toContain('A target time is needed');
    expect(first).toContain('No course yet for Hilly 10K');
    expect(first).toContain('encType="multipart/form-data"');
    expect(first).toMatch(/<a(?=[^>]*aria-current="page")(?=[^>]*href="\/races\/[^"]+\/pacing")[^>]*>Pacing</);

    const bad = await upload(h, me.cookie, race.id, '<kml/>');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/not GPX/);

    const ok = await upload(h, me.cookie, race.id, gpxCourse({ lengthM: 10000, hillM: 50, waveM: 5000, name: 'Hill loop' }));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/Course uploaded: 10(\.0)? km, \d+ m of climb/);

    const page = await h.call(`/races/${race.id}/pacing?unit=km&target=own&time=0:50:00&ns=1`, { cookie: me.cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    // The course on a map: the SVG drawing without JavaScript (MapLibre replaces it in the browser, ADR 098).
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="Map of the Hill loop course, 10(\.0)? km; the start is the green ring/);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="Elevation profile: 10(\.0)? km, from \d+ m to \d+ m, \d+ m of climb/);
    expect(html).toContain('Splits for 50:00');
    expect(html).toContain('Your own target, 0:50:00.');
    expect(html).toContain('<th scope="col">Km</th>');
    expect((html.match(/<th scope="row">/g) ?? []).length).toBe(10);
    expect(html).toContain('First half');
    expect(html).toContain('First half not checked: no critical speed fit yet');
    expect(html).toContain('class="table-scroll"');

    const miles = await (await h.call(`/races/${race.id}/pacing?unit=mi&target=own&time=50:00&ns=0`, { cookie: me.cookie })).text();
    expect(miles).toContain('<th scope="col">Mile</th>');
    expect((miles.match(/<th scope="row">/g) ?? []).length).toBe(7);
    const badTime = await (await h.call(`/races/${race.id}/pacing?target=own&time=soon`, { cookie: me.cookie })).text();
    expect(badTime).toContain('Write the time as h:mm:ss');
    const badSplit = await (await h.call(`/races/${race.id}/pacing?target=own&time=50:00&ns=9`, { cookie: me.cookie })).text();
    expect(badSplit).toContain('A negative split of 0–5 %');

    expect((await h.call(`/races/${race.id}/pacing`, { cookie: other.cookie })).status).toBe(404);
    const removed = await h.call(`/races/${race.id}/pacing`, {
      method: 'POST',
      body: new URLSearchParams({ intent: 'remove' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      cookie: me.cookie,
    });
    expect(await removed.text()).toContain('Course removed');
  });
});
