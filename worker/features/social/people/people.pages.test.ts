// The social pages as a browser without JavaScript uses them: /settings/social saves from a plain form (unticked
// boxes off) and adds and removes a privacy zone with errors beside their fields; /people answers a request and
// searches the directory and removes a follower; /people/:id follows, reports the profile, and a block leads back to
// /people with the profile gone.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { moderationReports } from '../../../db/schema';
import { Harness } from '../../../testing/harness';
import { signupAs } from './people.testing';

async function browser(h: Harness, name: string) {
  const a = await signupAs(h, name);
  const post = (path: string, values: Record<string, string>) =>
    h.call(path, {
      method: 'POST',
      body: new URLSearchParams(values).toString(),
      cookie: a.cookie,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  const page = async (path: string) => (await h.call(path, { cookie: a.cookie })).text();
  return { ...a, post, page };
}

describe('/settings/social', () => {
  it('saves the form, adds and removes a zone, and keeps a refused zone beside its errors', async () => {
    const h = Harness.init();
    const a = await browser(h, 'Form Filler');
    expect(await a.page('/settings/social')).toContain('Private defaults: nothing is shared yet.');
    const saved = await a.post('/settings/social', {
      intent: 'save',
      profileVisibility: 'public',
      defaultPostVisibility: 'followers',
      endCutM: '600',
      inDirectory: 'on',
    });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('Social settings saved.');
    expect((await a.api('/settings')).body).toMatchObject({
      profileVisibility: 'public',
      endCutM: 600,
      inDirectory: true,
      publicPage: false,
    });

    const low = await a.post('/settings/social', {
      intent: 'save',
      profileVisibility: 'public',
      defaultPostVisibility: 'followers',
      endCutM: '50',
    });
    expect(low.status).toBe(400);
    expect(await low.text()).toContain('Enter whole metres from 200 to 1609');

    const bad = await a.post('/settings/social', { intent: 'add-zone', label: 'Home', lat: '95', lon: '13.4', radiusM: '400' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Enter a latitude from -90 to 90');
    expect(badHtml).toMatch(/name="label"[^>]*value="Home"/);
    expect((await a.post('/settings/social', { intent: 'add-zone', label: 'Home', lat: '52.5', lon: '13.4', radiusM: '400' })).status).toBe(
      200,
    );
    const zones = (await a.api<{ zones: { id: string }[] }>('/zones')).body.zones;
    expect(zones).toHaveLength(1);
    expect(await a.page('/settings/social')).toContain('400 m around 52.5000, 13.4000');
    expect((await a.post('/settings/social', { intent: 'delete-zone', id: zones[0]!.id })).status).toBe(200);
    expect((await a.api<{ zones: unknown[] }>('/zones')).body.zones).toEqual([]);
  });
});

describe('/people and /people/:id', () => {
  it('asks to follow from a profile, accepts on /people, finds by name, and a block leads back with the profile gone', async () => {
    const h = Harness.init();
    const tag = `Pg${crypto.randomUUID().slice(0, 6)}`;
    const [owner, fan] = await Promise.all([browser(h, `${tag} Owner`), browser(h, `${tag} Fan`)]);
    expect(await fan.page(`/people/${owner.id}`)).toContain('Ask to follow');
    expect((await fan.post(`/people/${owner.id}`, { intent: 'follow' })).status).toBe(200);
    expect(await fan.page(`/people/${owner.id}`)).toContain('Cancel request');
    // Reporting the profile from its page: the report names the page's person whatever the form says; not offered on your own.
    expect(await fan.page(`/people/${owner.id}`)).toContain('Report this profile');
    expect(await owner.page(`/people/${owner.id}`)).not.toContain('Report this profile');
    const reported = await fan.post(`/people/${owner.id}`, {
      intent: 'report',
      targetKind: 'post',
      targetId: fan.id,
      reason: 'impersonation',
    });
    expect(reported.status).toBe(200);
    expect(await reported.text()).toContain('Reported. A moderator will look at it');
    const [report] = await h.db.select().from(moderationReports).where(eq(moderationReports.reporterId, fan.id));
    expect(report).toMatchObject({ targetKind: 'profile', targetId: owner.id, targetUserId: owner.id, reason: 'impersonation' });
    expect((await fan.post(`/people/${owner.id}`, { intent: 'report', reason: 'not-a-reason' })).status).toBe(400);

    expect(await owner.page('/people')).toContain(`${tag} Fan`);
    expect((await owner.post('/people', { intent: 'accept', userId: fan.id })).status).toBe(200);
    expect((await owner.api<{ people: { id: string }[] }>('/followers')).body.people.map((p) => p.id)).toEqual([fan.id]);

    await owner.api('/settings', 'PUT', { inDirectory: true });
    expect(await fan.page(`/people?q=${tag}`)).toContain(`${tag} Owner`);

    const blocked = await owner.post(`/people/${fan.id}`, { intent: 'block' });
    expect(blocked.status).toBe(302);
    expect(blocked.headers.get('location')).toBe('/people#blocked');
    expect((await h.call(`/people/${owner.id}`, { cookie: fan.cookie })).status).toBe(404);
    expect(await fan.page(`/people?q=${tag}`)).toContain('Nobody found.');
  });
});

describe('/people: removing a follower', () => {
  it('shows Remove beside each follower; the form removes them, says so, and they can ask again', async () => {
    const h = Harness.init();
    const tag = `Rm${crypto.randomUUID().slice(0, 6)}`;
    const [owner, fan] = await Promise.all([browser(h, `${tag} Owner`), browser(h, `${tag} Fan`)]);
    await fan.api(`/follows/${owner.id}`, 'POST');
    await owner.api(`/follows/requests/${fan.id}/accept`, 'POST');
    const page = await owner.page('/people');
    const followers = page.slice(page.indexOf('id="followers"'), page.indexOf('id="muted"'));
    expect(followers).toContain(`${tag} Fan`);
    expect(followers).toMatch(/name="intent" value="remove"/);

    const removed = await owner.post('/people', { intent: 'remove', userId: fan.id });
    expect(removed.status).toBe(200);
    expect(await removed.text()).toContain('Follower removed.');
    expect((await owner.api<{ people: unknown[] }>('/followers')).body.people).toEqual([]);
    expect(await fan.page(`/people/${owner.id}`)).toContain('Ask to follow');
  });
});
