import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../db/schema';
import { Harness } from '../../testing/harness';
import { stuckAthlete, token } from './support.testing';

// The Remix pages over the same service: permission, masking, the summary line, 404.
describe('athlete support pages', () => {
  it('searches and shows the athlete page with who is stuck and why', async () => {
    const h = Harness.init();
    const t = token();
    const owner = await h.userWithRole('owner');
    const ann = await stuckAthlete(h, { displayName: `Ann ${t}` });
    const list = await h.call(`/admin/athletes?q=${t.toLowerCase()}`, { cookie: owner.cookie });
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain(`Ann ${t}`);
    expect(listHtml).toContain(`/admin/athletes/${ann.userId}`);
    const none = await h.call(`/admin/athletes?q=nobody-${t}`, { cookie: owner.cookie });
    expect(await none.text()).toContain('No athletes match');
    const bad = await h.call(`/admin/athletes?q=${t}&cursor=nonsense`, { cookie: owner.cookie });
    expect(bad.status).toBe(200);
    expect(await bad.text()).toContain('Search failed');
    const page = await h.call(`/admin/athletes/${ann.userId}`, { cookie: owner.cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const text of [
      'need attention',
      'Strava ingestion failed: strava 500',
      'Token expired',
      'Ingestion error',
      'archive truncated',
      ann.email,
    ])
      expect(html).toContain(text);
  });

  it('masks personal data for the demo role, and 404s an unknown athlete', async () => {
    const h = Harness.init();
    const t = token();
    const ann = await stuckAthlete(h, { displayName: `Ann ${t}` });
    const demo = await h.userWithRole('admin');
    await h.db.update(users).set({ role: 'demo' }).where(eq(users.id, demo.id));
    const page = await h.call(`/admin/athletes/${ann.userId}`, { cookie: demo.cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('masked for your role');
    expect(html).not.toContain(t);
    expect(html).not.toContain(ann.email);
    // The search matches ids only, and its label says so: a name (or an email) finds no one.
    const byName = await (await h.call(`/admin/athletes?q=${t}`, { cookie: demo.cookie })).text();
    expect(byName).toContain('Account id (full or first characters)');
    expect(byName).toContain('No athletes match');
    expect(byName).not.toContain(`/admin/athletes/${ann.userId}`);
    const byId = await (await h.call(`/admin/athletes?q=${ann.userId.slice(0, 8)}`, { cookie: demo.cookie })).text();
    expect(byId).toContain(`/admin/athletes/${ann.userId}`);
    const refused = await h.call(`/admin/athletes/${ann.userId}`, {
      method: 'POST',
      body: new URLSearchParams({ intent: 'block' }).toString(),
      cookie: demo.cookie,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(refused.status).toBe(403);
    expect((await h.call(`/admin/athletes/${crypto.randomUUID()}`, { cookie: demo.cookie })).status).toBe(404);
  });

  it('refuses accounts without users.read', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const admin = await h.userWithRole('admin', ['invites.manage']);
    expect((await h.call('/admin/athletes', { cookie: admin.cookie })).status).toBe(403);
    expect((await h.call(`/admin/athletes/${athlete.user.id}`, { cookie: admin.cookie })).status).toBe(403);
    expect((await h.call('/admin/athletes', { cookie: athlete.cookie })).status).not.toBe(200);
  });
});
