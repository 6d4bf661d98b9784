// The segments pages: a new athlete's empty /segments says how to make one; "Make a segment of this stretch" on an
// activity page makes it and opens it; the activity's Segments card shows its efforts with the PR badge and the
// receipt; a segment page draws the path, lists efforts, shows the board with your own exclusions and their reason.
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../testing/eventually';
import { Harness } from '../../../testing/harness';
import { effort, optIn, ride } from './segments.testing';

const form = (h: Harness, path: string, cookie: string, fields: Record<string, string>) =>
  h.call(path, {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    cookie,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

describe('the segments pages', () => {
  it('a new athlete reads how to make a segment', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const html = await (await h.call('/segments', { cookie: me.cookie })).text();
    expect(html).toContain('No segments yet');
    expect(html).toContain('Make a segment of this stretch');
    expect(html).toContain('href="/segments"');
  });

  it('makes a segment from a stretch of an activity, then shows its efforts there and on its own page', async () => {
    const h = Harness.init();
    const me = await h.signup();
    await optIn(h, me.user.id);
    const a = await ride(h, me.user.id, { from: { lat: 45.764, lon: 4.8357 } });
    const bad = await form(h, `/activities/${a.id}`, me.cookie, { intent: 'segment', fromS: '60', toS: '300', name: '' });
    expect(bad.status).toBe(200);
    const made = await form(h, `/activities/${a.id}`, me.cookie, {
      intent: 'segment',
      fromS: '60',
      toS: '300',
      name: 'Fourvière drag',
      visibility: 'public',
    });
    expect(made.status).toBe(302);
    const at = made.headers.get('location')!;
    expect(at).toMatch(/^\/segments\/[0-9a-f-]{36}$/);
    const id = at.split('/').pop()!;

    // History matching runs after the answer: the page says so until it ends (this athlete has no stored tracks yet).
    let page = await eventually(
      async () => (await h.call(at, { cookie: me.cookie })).text(),
      (html) => !html.includes('Your history is being matched'),
    );
    expect(page).toContain('Fourvière drag');
    expect(page).toContain('data-testid="route-map"');
    expect(page).toContain('Nobody on this board yet');

    await effort(h, { segmentId: id, activity: a, userId: me.user.id, startS: 60, elapsedS: 240 });
    const strava = await ride(h, me.user.id, { source: 'strava', daysAgo: 3, from: { lat: 45.764, lon: 4.8357 } });
    await effort(h, { segmentId: id, activity: strava, userId: me.user.id, startS: 60, elapsedS: 250 });
    page = await (await h.call(`${at}?order=fastest`, { cookie: me.cookie })).text();
    expect(page).toContain(`href="/activities/${a.id}?at=60&amp;for=240"`);
    expect(page).toContain('>PR<');
    expect(page).toContain('1 of 2');
    // The Strava API effort is mine to see, left off the board with its reason.
    expect(page).toContain('Your efforts left off the board');
    expect(page).toContain('Strava&#x27;s API');
    expect(page).toContain('data from Strava');

    const activity = await (await h.call(`/activities/${a.id}`, { cookie: me.cookie })).text();
    expect(activity).toContain('id="segments-title"');
    expect(activity).toContain(`href="/segments/${id}"`);
    expect(activity).toContain('>PR<');

    // Another athlete cannot open it once private; the owner deletes it.
    expect((await form(h, at, me.cookie, { intent: 'visibility', visibility: 'private' })).status).toBe(200);
    const other = await h.signup();
    expect((await h.call(at, { cookie: other.cookie })).status).toBe(404);
    const gone = await form(h, at, me.cookie, { intent: 'delete' });
    expect(gone.status).toBe(302);
    expect(gone.headers.get('location')).toBe('/segments');
  });
});
