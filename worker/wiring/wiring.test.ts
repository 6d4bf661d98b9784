// The wiring builds each service once, the first time it is asked for, and building one opens no
// database connection; close() settles deferred work before it ends the unit's own pool, and leaves a
// caller's pool open.
import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createDb, type DbHandle } from '../db/client';
import { follows } from '../db/schema';
import { Harness } from '../testing/harness';
import { parseEnv } from '../env';
import { createLogger } from '../lib/logger';
import { createServices } from '.';

const logger = createLogger('error');
const servicesOf = (db?: DbHandle) =>
  createServices(parseEnv(env), { requestId: null, logger, waitUntil: () => {}, ...(db ? { db } : {}) });

/** The name of every getter of the wiring, from its own class down to the core. */
function getterNames(services: object): string[] {
  const names: string[] = [];
  for (let proto = Object.getPrototypeOf(services); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) if (d.get) names.push(name);
  }
  return names;
}

describe('the wiring', () => {
  it('builds each service on first use and keeps it; building every one of them opens no connection', async () => {
    const services = servicesOf();
    onTestFinished(() => services.close());
    const names = getterNames(services);
    expect(names.length).toBeGreaterThan(50);
    expect(names).toEqual(expect.arrayContaining(['db', 'sessions', 'membership', 'notifications', 'sms', 'impersonation']));
    const byName = services as unknown as Record<string, unknown>;
    for (const name of names) {
      const first = byName[name];
      expect(byName[name], name).toBe(first);
    }
    expect(services.db.$client.totalCount).toBe(0);
  });

  it("reads an athlete's tier over HTTP, as the session lookup: /me opens no pool connection", async () => {
    const services = servicesOf();
    onTestFinished(() => services.close());
    const entitlements = await services.membership.entitlements(crypto.randomUUID());
    expect(entitlements.tier).toBe('free');
    expect(services.db.$client.totalCount).toBe(0);
  });

  it('reads the social feed over HTTP, as the calendar and the bell: a feed page opens no pool connection', async () => {
    const services = servicesOf();
    onTestFinished(() => services.close());
    const page = await services.socialPosts.feed({ id: crypto.randomUUID(), displayName: 'Reader', timeZone: 'UTC' }, undefined);
    expect(page).toEqual({ days: [], nextCursor: null });
    expect(services.db.$client.totalCount).toBe(0);
  });

  it("reads a followee's post, its name, settings and counts over HTTP: the page as the API gives it, no pool connection", async () => {
    const h = Harness.init();
    const author = await h.signup({ displayName: 'Author' });
    const reader = await h.signup({ displayName: 'Reader' });
    await h.db
      .insert(follows)
      .values({ followerId: reader.user.id, followeeId: author.user.id, status: 'accepted', acceptedAt: new Date() });
    const post = await h.json<{ id: string }>('/api/v1/social/posts', {
      cookie: author.cookie,
      body: { title: 'Long run', sport: 'run', date: '2026-11-20', visibility: 'followers' },
    });
    await h.call(`/api/v1/social/posts/${post.body.id}/kudos`, { method: 'PUT', cookie: reader.cookie });
    const services = servicesOf();
    onTestFinished(() => services.close());
    const page = await services.socialPosts.feed({ id: reader.user.id, displayName: 'Reader', timeZone: 'UTC' }, undefined);
    const [seen] = page.days.flatMap((d) => d.posts);
    expect(seen).toMatchObject({ id: post.body.id, author: { displayName: 'Author' }, kudos: { count: 1, mine: true } });
    expect(page).toEqual((await h.json('/api/v1/social/feed', { cookie: reader.cookie })).body);
    expect(services.db.$client.totalCount).toBe(0);
  });

  it('close() waits for deferred work, then ends the pool it made', async () => {
    const services = servicesOf();
    let finished = false;
    services.defer(
      (async () => {
        await services.db.execute(sql`select pg_sleep(0.05)`);
        finished = true;
      })(),
    );
    await services.close();
    expect(finished).toBe(true);
    expect(services.db.$client.ending).toBe(true);
    await expect(services.db.execute(sql`select 1`)).rejects.toThrow();
  });

  it('close() leaves a pool the caller owns open', async () => {
    const handle = createDb(parseEnv(env), logger);
    onTestFinished(() => handle.close());
    const services = servicesOf(handle);
    expect(services.db).toBe(handle.db);
    await services.db.execute(sql`select 1`);
    await services.close();
    const { rows } = await handle.db.execute<{ one: number }>(sql`select 1 as one`);
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('a unit of work that asked for no database makes none, and makes none once closed', async () => {
    const services = servicesOf();
    await services.close();
    expect(() => services.db).toThrow(/closed/);
  });
});
