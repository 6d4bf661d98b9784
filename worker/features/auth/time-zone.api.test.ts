// Issue 37, time zones: a new account takes the zone the browser reports (shown on the sign-up form to
// confirm or change), and an activity's page reads its start in one zone, header and start line alike.
import { describe, expect, it } from 'vitest';
import { analyticsWorld } from '../../testing/analytics';
import type { ErrorBody } from '../../testing/bodies';
import { buildActivity } from '../../testing/factories/activity';
import { expectErrorShape, Harness } from '../../testing/harness';

const PASSWORD = 'a long enough passphrase 37';
const email = () => `tz-${crypto.randomUUID().slice(0, 8)}@example.test`;

describe('sign-up takes the browser’s time zone', () => {
  it('the API stores the zone sent, UTC without one, and refuses one that does not exist', async () => {
    const h = Harness.init();
    const register = async (timeZone?: string) =>
      h.json<{ user: { timeZone: string } } & ErrorBody>('/api/v1/auth/register', {
        body: { email: email(), password: PASSWORD, inviteCode: await h.createInvite(), displayName: 'Zoe Zone', timeZone },
      });
    const la = await register('America/Los_Angeles');
    expect(la.status).toBe(201);
    expect(la.body.user.timeZone).toBe('America/Los_Angeles');
    expect((await register()).body.user.timeZone).toBe('UTC');
    const bad = await register('Mars/Olympus_Mons');
    expect(bad.status).toBe(400);
    expectErrorShape(bad.body, 'VALIDATION');
  });

  it('the sign-up page shows the zone field and stores what the form sends', async () => {
    const h = Harness.init();
    const page = await (await h.call('/signup')).text();
    expect(page).toContain('name="timeZone"');
    expect(page).toContain('From your browser: check it.');
    const address = email();
    const form = new FormData();
    for (const [k, v] of Object.entries({
      displayName: 'Paula Page',
      email: address,
      password: PASSWORD,
      inviteCode: await h.createInvite(),
      timeZone: 'Pacific/Auckland',
    }))
      form.set(k, v);
    const res = await h.call('/signup', { method: 'POST', body: form });
    expect(res.status).toBe(302);
    const me = await h.json<{ user: { timeZone: string } }>('/api/v1/me', { cookie: await h.login(address, PASSWORD) });
    expect(me.body.user.timeZone).toBe('Pacific/Auckland');
  });
});

describe('an activity page reads its start in one zone', () => {
  it('19:00 in Los Angeles, stored 03:00 UTC the next day: 21 Nov in the header and on the start line', async () => {
    const h = Harness.init();
    const athlete = await h.signup({ displayName: 'Lena Local' });
    expect(
      (await h.json('/api/v1/me', { method: 'PATCH', cookie: athlete.cookie, body: { timeZone: 'America/Los_Angeles' } })).status,
    ).toBe(200);
    const w = analyticsWorld(h.db);
    // Imported while the account was still on UTC: its stored day is the UTC one.
    const run = await w.activities.ingest(
      athlete.user.id,
      buildActivity({ name: 'Evening Run', startTime: new Date('2026-11-22T03:00:00Z'), localStartDate: '2026-11-22', timezone: null }),
    );
    const html = await (await h.call(`/activities/${run.id}`, { cookie: athlete.cookie })).text();
    const header = /<p class="page-description">([^<]*)<\/p>/.exec(html)?.[1] ?? '';
    expect(header).toContain('21 Nov 2026');
    expect(html).toContain('<dt>Started</dt><dd>21 Nov 2026, 19:00</dd>');
    expect(html).not.toContain('22 Nov 2026');

    // A Strava activity says where it was done: read there, whatever the athlete's zone (Tokyo's 12:00).
    const away = await w.activities.ingest(
      athlete.user.id,
      buildActivity({
        source: 'strava',
        startTime: new Date('2026-11-20T03:00:00Z'),
        localStartDate: '2026-11-20',
        timezone: 'Asia/Tokyo',
      }),
    );
    const awayHtml = await (await h.call(`/activities/${away.id}`, { cookie: athlete.cookie })).text();
    expect(/<p class="page-description">([^<]*)<\/p>/.exec(awayHtml)?.[1]).toContain('20 Nov 2026');
    expect(awayHtml).toContain('<dt>Started</dt><dd>20 Nov 2026, 12:00</dd>');
  });
});
