// The Garmin Health integration test's steps: an athlete connected at the run's Garmin sandbox (consent given or
// not), a push delivered and waited for, a forged push, one summary uploaded at Garmin, and the readings stored.
import { and, eq } from 'drizzle-orm';
import { expect, vi } from 'vitest';
import { webhookEvents, wellnessReadings } from '../../../db/schema';
import { sha256Hex } from '../../../lib/crypto';
import type { Harness } from '../../../testing/harness';
import type { Ping, Truth } from '../file-doors/file-doors.testing';
import { connectGarmin, deliver, garmin, garminHeaders, newGarminUser } from '../file-doors/file-doors.testing';

export const HEALTH = ['dailies', 'sleeps', 'hrv', 'bodyComps', 'stressDetails', 'userMetrics'];

export type Summary = Record<string, unknown> & { summaryId: string };

export async function athlete(h: Harness, opts: { consent: boolean }) {
  const a = await h.signup();
  const garminUser = newGarminUser();
  expect((await connectGarmin(h, a.cookie, garminUser)).status).toBe(302);
  const { userId } = await garmin<Truth>(`users/${garminUser}`);
  if (opts.consent) {
    const on = await h.json<{ enabled: boolean }>('/api/v1/connections/garmin/health', {
      method: 'PUT',
      cookie: a.cookie,
      body: JSON.stringify({ enabled: true }),
    });
    expect(on.body.enabled).toBe(true);
  }
  return { ...a, garminUser, garminUserId: userId };
}

/** Delivers a health push and waits until the consumer has handled it; answers its stored outcome. */
export async function push(h: Harness, ping: Ping): Promise<string> {
  const res = await deliver(h, ping);
  expect(res.status).toBe(200);
  const key = `garmin:${await sha256Hex(ping.body)}`;
  let outcome = '';
  await vi.waitFor(
    async () => {
      const [row] = await h.db.select().from(webhookEvents).where(eq(webhookEvents.dedupeKey, key));
      expect(row?.processedAt).toBeTruthy();
      outcome = row!.outcome ?? '';
    },
    { timeout: 30_000, interval: 100 },
  );
  return outcome;
}

/** A body as a forger would send it: Garmin's push format (the values themselves), with our public client id. */
export const forgedPush = (h: Harness, type: string, summaries: Summary[]): Ping => ({
  body: JSON.stringify({ [type]: summaries }),
  headers: garminHeaders(h),
});

/** One summary uploaded at Garmin (the sandbox, its fields over the generated day's) and the ping Garmin sends for it. */
export async function sandboxSummary(a: { garminUser: number }, type: string, day: string, summary: Record<string, unknown> = {}) {
  const r = await garmin<{ summary: Summary; deliveries: Ping[] }>(`users/${a.garminUser}/health/push`, { type, day, summary });
  return { ...r.summary, ping: r.deliveries[0]! } as Summary & { ping: Ping };
}

export const readings = (h: Harness, userId: string, field?: string) =>
  h.db
    .select({
      day: wellnessReadings.day,
      field: wellnessReadings.field,
      value: wellnessReadings.value,
      externalId: wellnessReadings.externalId,
    })
    .from(wellnessReadings)
    .where(
      and(
        eq(wellnessReadings.userId, userId),
        eq(wellnessReadings.source, 'garmin'),
        ...(field ? [eq(wellnessReadings.field, field)] : []),
      ),
    );
