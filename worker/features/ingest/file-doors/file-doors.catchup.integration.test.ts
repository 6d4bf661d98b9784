// The catch-up listing for Polar end to end in workerd, against the Polar sandbox (ADR 091): an exercise whose
// notification never reached us is fetched by the listing of its connection's hour; one its notification brought is
// not queued again; a tick fired twice in its hour lists once; a connection waiting for a reconnect is not listed.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { activities, ingestJobs, providerConnections } from '../../../db/schema';
import { createLogger } from '../../../lib/logger';
import { Harness } from '../../../testing/harness';
import { createServices } from '../../../wiring';
import { dueThisHour } from './file-doors.catchup';
import { connectPolar, newPolarUser, polar } from './file-doors.testing';

const WAIT = { timeout: 30_000, interval: 200 };
const HOUR_MS = 3_600_000;

describe('the Polar catch-up listing', () => {
  /** An exercise synced to Polar Flow whose notification is not delivered (the worker was down). */
  const exercise = async (user: number, distance: number) =>
    (await polar<{ exercise: { id: string } }>(`users/${user}/exercises`, { sport: 'Run', distance, moving_time: 2400, notify: false }))
      .exercise.id;

  const imported = (h: Harness, userId: string) =>
    h.db
      .select({ externalId: activities.externalId })
      .from(activities)
      .where(and(eq(activities.userId, userId), eq(activities.source, 'polar_api')));

  const jobs = (h: Harness, userId: string, kind: string) =>
    h.db
      .select({ status: ingestJobs.status, dedupeKey: ingestJobs.dedupeKey })
      .from(ingestJobs)
      .where(and(eq(ingestJobs.userId, userId), eq(ingestJobs.kind, kind)));

  it('fetches what no notification announced, once, and nothing an announced file already brought', async () => {
    const h = Harness.init();
    const services = createServices(h.env, { requestId: null, logger: createLogger('error'), waitUntil: () => {} });
    const athlete = await h.signup();
    const user = newPolarUser();
    await connectPolar(h, athlete.cookie, user);
    const [conn] = await h.db
      .select({ id: providerConnections.id })
      .from(providerConnections)
      .where(and(eq(providerConnections.userId, athlete.user.id), eq(providerConnections.provider, 'polar')));
    const every = h.env.DOOR_CATCHUP_HOURS ?? 6;

    // One exercise announced by its signed notification and imported; one never announced.
    const announced = await exercise(user, 8000);
    const signed = await polar<{ request: { body: string; headers: Record<string, string> } }>('webhooks/push', {
      event: 'EXERCISE',
      userId: user,
      entityId: announced,
      deliver: false,
    });
    expect((await h.call('/webhooks/polar', { method: 'POST', body: signed.request.body, headers: signed.request.headers })).status).toBe(
      200,
    );
    await vi.waitFor(async () => expect(await imported(h, athlete.user.id)).toEqual([{ externalId: announced }]), WAIT);
    const missed = await exercise(user, 10_000);

    // An hour that is not this connection's: nothing listed. Its hour: one listing, even with the tick fired twice.
    const base = Math.floor(Date.now() / HOUR_MS);
    const hours = Array.from({ length: every }, (_, k) => base + k);
    const its = hours.find((hr) => dueThisHour(conn!.id, hr, every))!;
    const other = hours.find((hr) => !dueThisHour(conn!.id, hr, every));
    if (other !== undefined) expect(await services.fileDoors.catchUp.scheduleDue(new Date(other * HOUR_MS + 60_000))).toBe(0);
    expect(await services.fileDoors.catchUp.scheduleDue(new Date(its * HOUR_MS + 60_000))).toBe(1);
    expect(await services.fileDoors.catchUp.scheduleDue(new Date(its * HOUR_MS + 120_000))).toBe(0);

    await vi.waitFor(async () => {
      expect((await imported(h, athlete.user.id)).map((r) => r.externalId).sort()).toEqual([announced, missed].sort());
      expect(await jobs(h, athlete.user.id, 'polar.catchup')).toEqual([{ status: 'done', dedupeKey: expect.stringContaining(conn!.id) }]);
    }, WAIT);
    // The announced exercise's file job was not made again: one file job per exercise. A job is marked done after its
    // activity is stored, so its status is waited for too (in CI beside the browser suite it was still running here).
    await vi.waitFor(async () => {
      const files = await jobs(h, athlete.user.id, 'polar.file');
      expect(files).toHaveLength(2);
      expect(files.every((f) => f.status === 'done')).toBe(true);
    }, WAIT);

    // Waiting for the athlete to connect again: not listed (its token is refused; the card asks them instead).
    await h.db.update(providerConnections).set({ reconnectNeededAt: new Date() }).where(eq(providerConnections.id, conn!.id));
    expect(await services.fileDoors.catchUp.scheduleDue(new Date((its + every) * HOUR_MS + 60_000))).toBe(0);
  });
});
