import { describe, expect, it } from 'vitest';
import { notificationDeliveries } from '../../db/schema';
import type { Body } from '../../testing/bodies';
import { Harness } from '../../testing/harness';
import type { Pulse } from './ops-pulse.schema';

describe('ops pulse: notification email', () => {
  it('shows a failed email with its error and the athlete, and counts the ones waiting for their time', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const now = Date.now();
    const [failed] = await h.db
      .insert(notificationDeliveries)
      .values([
        {
          userId: athlete.user.id,
          dedupeKey: `email:pulse-failed:${athlete.user.id}`,
          kind: 'single',
          category: 'load',
          type: 'load.warning',
          status: 'failed',
          reason: 'provider_error',
          lastError: 'email provider answered 503',
          attempts: 5,
          dueAt: new Date(now - 3600_000),
        },
        {
          userId: athlete.user.id,
          dedupeKey: `email:pulse-waiting:${athlete.user.id}`,
          kind: 'single',
          category: 'load',
          type: 'load.warning',
          reason: 'dnd',
          dueAt: new Date(now + 3600_000),
        },
      ])
      .returning();
    const owner = await h.userWithRole('owner');
    const res = await h.json<Body<typeof Pulse>>('/api/v1/admin/ops/pulse', { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const email = res.body.sections.find((s) => s.key === 'email')!;
    expect(email.rows.find((r) => r.id === failed!.id)).toMatchObject({
      label: 'load.warning email failed',
      detail: 'email provider answered 503 · 5 attempts',
      userId: athlete.user.id,
    });
    expect(email.counts.failedLastDay).toBeGreaterThanOrEqual(1);
    expect(email.counts.deferred).toBeGreaterThanOrEqual(1);
    expect(res.body.sections.find((s) => s.key === 'queues')!.rows.map((q) => q.label)).toContain('notification email');
  });
});
