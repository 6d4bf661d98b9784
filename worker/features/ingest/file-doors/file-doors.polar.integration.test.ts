// The Polar door end to end in workerd, through the same service as Garmin's (file-doors.integration.test.ts):
// its registry line is all it took.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { activities } from '../../../db/schema';
import { Harness } from '../../../testing/harness';
import { connectPolar, doorStatus, newPolarUser, polar } from './file-doors.testing';

describe('the Polar door, through the same service', () => {
  it('connects, registers, and imports an exercise its signed notification announces; an unsigned one is a 401', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const user = newPolarUser();
    await connectPolar(h, athlete.cookie, user);
    expect((await polar<{ registered: boolean }>(`users/${user}`)).registered).toBe(true);
    // Polar lists only what is synced after connecting: nothing yet, and the card says the next sync brings it.
    await vi.waitFor(async () => expect((await doorStatus(h, athlete.cookie, 'polar')).waiting).toBe('first_sync'), {
      timeout: 30_000,
      interval: 200,
    });

    const { exercise } = await polar<{ exercise: { id: string } }>(`users/${user}/exercises`, {
      sport: 'Run',
      distance: 9000,
      moving_time: 2800,
      notify: false,
    });
    const signed = await polar<{ request: { body: string; headers: Record<string, string> } }>('webhooks/push', {
      event: 'EXERCISE',
      userId: user,
      entityId: exercise.id,
      deliver: false,
    });
    const unsigned = { ...signed.request.headers };
    delete unsigned['polar-webhook-signature'];
    expect((await h.call('/webhooks/polar', { method: 'POST', body: signed.request.body, headers: unsigned })).status).toBe(401);
    expect((await h.call('/webhooks/polar', { method: 'POST', body: signed.request.body, headers: signed.request.headers })).status).toBe(
      200,
    );
    await vi.waitFor(
      async () => {
        const rows = await h.db
          .select({ externalId: activities.externalId })
          .from(activities)
          .where(and(eq(activities.userId, athlete.user.id), eq(activities.source, 'polar_api')));
        expect(rows).toEqual([{ externalId: exercise.id }]);
      },
      { timeout: 30_000, interval: 200 },
    );
    await vi.waitFor(async () => expect((await doorStatus(h, athlete.cookie, 'polar')).waiting).toBeNull(), {
      timeout: 30_000,
      interval: 200,
    });
  });
});
