import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import wranglerToml from '../../wrangler.toml?raw';
import worker from '../index';
import { sessions } from '../db/schema';
import { Harness } from '../testing/harness';
import { SCHEDULES, cronJobs } from './cron';

async function tick(cron: string) {
  const controller = createScheduledController({ scheduledTime: new Date(), cron });
  const ctx = createExecutionContext();
  await worker.scheduled(controller, env, ctx);
  await waitOnExecutionContext(ctx);
}

describe('cron', () => {
  it('privacy.retention (daily) deletes expired sessions and keeps live ones', async () => {
    const h = Harness.init();
    const expired = await h.signup();
    const live = await h.signup();
    await h.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(sessions.userId, expired.user.id));

    await tick(SCHEDULES.daily);
    const left = await h.db
      .select({ userId: sessions.userId })
      .from(sessions)
      .where(inArray(sessions.userId, [expired.user.id, live.user.id]));
    expect(left.map((r) => r.userId)).toEqual([live.user.id]);
    // Idempotent: a second tick changes nothing.
    await tick(SCHEDULES.daily);
    expect(await h.db.select().from(sessions).where(eq(sessions.userId, live.user.id))).toHaveLength(1);
  });

  it('the schedules in code are exactly those wrangler.toml declares, in every environment', () => {
    const declared = [...wranglerToml.matchAll(/^crons = (\[.*\])$/gm)].map((m) => JSON.parse(m[1]!) as string[]);
    expect(declared).toHaveLength(3);
    for (const list of declared) expect(list.sort()).toEqual(Object.values(SCHEDULES).sort());
    expect(Object.keys(cronJobs).sort()).toEqual(Object.values(SCHEDULES).sort());
  });
});
