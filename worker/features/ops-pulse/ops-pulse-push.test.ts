import { describe, expect, it } from 'vitest';
import { notificationDeliveries } from '../../db/schema';
import type { Body } from '../../testing/bodies';
import { Harness } from '../../testing/harness';
import type { Pulse } from './ops-pulse.schema';

describe('ops pulse: web push', () => {
  it('counts push failures apart from email and lists them with the athlete', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const now = Date.now();
    const owner = await h.userWithRole('owner');
    const before = (await h.json<Body<typeof Pulse>>('/api/v1/admin/ops/pulse', { cookie: owner.cookie })).body.sections.find(
      (s) => s.key === 'email',
    )!.counts;
    const [gone] = await h.db
      .insert(notificationDeliveries)
      .values({
        userId: athlete.user.id,
        dedupeKey: `push:pulse-gone:${athlete.user.id}`,
        kind: 'single',
        channel: 'push',
        category: 'coach',
        type: 'coach.proposal',
        status: 'failed',
        reason: 'subscription_gone',
        lastError: 'push service answered 410',
        attempts: 1,
        dueAt: new Date(now - 60_000),
      })
      .returning();
    const res = await h.json<Body<typeof Pulse>>('/api/v1/admin/ops/pulse', { cookie: owner.cookie });
    const section = res.body.sections.find((s) => s.key === 'email')!;
    expect(section.rows.find((r) => r.id === gone!.id)).toMatchObject({
      label: 'coach.proposal push failed (device gone)',
      detail: 'push service answered 410 · 1 attempts',
      userId: athlete.user.id,
    });
    expect(section.counts.pushFailedLastDay).toBe((before.pushFailedLastDay ?? 0) + 1);
    expect(section.counts.failedLastDay).toBe(before.failedLastDay);
    expect(res.body.sections.find((s) => s.key === 'queues')!.rows.map((q) => q.label)).toContain('web push');
  });
});
