// Steps the tests that delete an account share: asking for it, ending its grace period now, and the hourly cron's
// run of what is due, as a queue batch would run it.
import { eq } from 'drizzle-orm';
import { expect, vi } from 'vitest';
import { privacyRequests } from '../../../db/schema';
import { createLogger } from '../../../lib/logger';
import { createProviders } from '../../../providers';
import { type Harness, PASSWORD } from '../../../testing/harness';
import { createServices } from '../../../wiring';

/** Services as a queue batch gets them, optionally with a provider swapped (a failure injected). */
export function batchServices(h: Harness, providers = createProviders(h.env)) {
  return createServices(h.env, { requestId: null, logger: createLogger('error'), waitUntil: () => {}, providers });
}

/** Ends the request's grace period now (instead of waiting 7 days). */
export async function scheduleNow(h: Harness, requestId: string) {
  await h.db
    .update(privacyRequests)
    .set({ runAfter: new Date(Date.now() - 1000) })
    .where(eq(privacyRequests.id, requestId));
}

/** The signed-in athlete asks for their account's deletion; answers the scheduled request's id. */
export async function requestDeletion(h: Harness, cookie: string): Promise<string> {
  const res = await h.json<{ state: string; requestId: string | null }>('/api/v1/me/deletion', {
    body: { password: PASSWORD, confirm: 'DELETE' },
    cookie,
  });
  expect(res.status).toBe(202);
  expect(res.body.state).toBe('scheduled');
  return res.body.requestId!;
}

/** Waits until the privacy request is done. */
export async function requestDone(h: Harness, requestId: string): Promise<void> {
  await vi.waitFor(
    async () => {
      const [row] = await h.db.select().from(privacyRequests).where(eq(privacyRequests.id, requestId));
      expect(row?.status).toBe('done');
    },
    { timeout: 30_000, interval: 200 },
  );
}

/** Ends the grace period now; the hourly cron puts the request on the privacy queue and the consumer runs it. */
export async function runDueDeletion(h: Harness, requestId: string): Promise<void> {
  await scheduleNow(h, requestId);
  expect(await batchServices(h).deletion.enqueueDue()).toBeGreaterThanOrEqual(1);
  await requestDone(h, requestId);
}
