// A provider's delivery while the database is away (ADR 090): acknowledged with `held: true` and kept on the queue,
// then stored and processed once the database answers. Strava retries an event only three times, so a 503 through a
// restart lost the activity for good (the soak's database fault: one in 38).
import { describe, expect, it } from 'vitest';
import { answerWith, callWith, envWithDatabase, REFUSING_DATABASE_URL, SILENT_DATABASE_URL } from '../../testing/absent-database';
import { Harness } from '../../testing/harness';
import { connectStrava, newAthleteId, stravaWorld, waitUntilDone } from '../../testing/strava';
import {
  connectGarmin,
  deliverAll,
  firstFiles,
  garmin,
  garminRows,
  newGarminUser,
  pingsFor,
  type Truth,
} from './file-doors/file-doors.testing';
import { addRun, freshBudgetEachTest, stravaRows, SUBSCRIPTION_ID } from './strava.integration.testing';

freshBudgetEachTest();

const databaseAway = envWithDatabase(REFUSING_DATABASE_URL);

/** A connected Strava athlete whose history is in, a new run at Strava, and the event that announces it. */
async function athleteWithNewRun(h: Harness, name: string) {
  const athleteId = newAthleteId();
  await stravaWorld(athleteId, { activitiesPerAthlete: 1 });
  const { user, cookie } = await h.signup();
  await connectStrava(h, cookie, athleteId);
  await waitUntilDone(h, cookie);
  const before = (await stravaRows(h, user.id)).length;
  const run = await addRun(athleteId, name);
  const event = {
    object_type: 'activity',
    object_id: run.id,
    aspect_type: 'create',
    owner_id: athleteId,
    subscription_id: SUBSCRIPTION_ID,
    event_time: Math.floor(Date.now() / 1000),
    updates: {},
  };
  return { user, before, run, event };
}

describe('a webhook delivery while the database is away', () => {
  it('Strava: the event is held on the queue and its activity arrives once the database answers, once', { timeout: 120_000 }, async () => {
    const h = Harness.init();
    const { user, before, run, event } = await athleteWithNewRun(h, 'During the restart');

    const res = await callWith(databaseAway, '/webhooks/strava', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, duplicate: false, held: true });

    await expect.poll(async () => (await stravaRows(h, user.id)).length, { timeout: 60_000, interval: 200 }).toBe(before + 1);
    // Strava's own retry of the same event, once the database is back: a duplicate of the held one.
    const again = await h.json('/webhooks/strava', { body: event, headers: { origin: '' } });
    expect(again.body).toEqual({ ok: true, duplicate: true });
    expect((await stravaRows(h, user.id)).filter((r) => r.externalId === String(run.id))).toHaveLength(1);
  });

  it('Strava: with a database that does not answer, the event is held before Strava gives up on it', { timeout: 120_000 }, async () => {
    const h = Harness.init();
    const { user, before, event } = await athleteWithNewRun(h, 'While the database hangs');
    // The pool would wait 30 s for the database's first answer here; Strava counts an answer after 2 s as failed.
    const hanging = envWithDatabase(SILENT_DATABASE_URL, { DB_CONNECT_TIMEOUT_MS: '30000' });
    const started = Date.now();
    const { res, settled } = await answerWith(hanging, '/webhooks/strava', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    const answeredMs = Date.now() - started;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, duplicate: false, held: true });
    // Held by the intake's own wait, long before the pool's 30 s (not a timing figure: the two differ 25-fold).
    expect(answeredMs).toBeLessThan(15_000);
    await settled;
    await expect.poll(async () => (await stravaRows(h, user.id)).length, { timeout: 60_000, interval: 200 }).toBe(before + 1);
  });

  it('Garmin: the ping is held, then its file imported once the database answers', { timeout: 120_000 }, async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const user = newGarminUser();
    await connectGarmin(h, athlete.cookie, user);
    const { userId } = await garmin<Truth>(`users/${user}`);
    await deliverAll(h, athlete.user.id, firstFiles(await pingsFor(userId), 1));
    const before = (await garminRows(h, athlete.user.id)).length;
    await garmin(`users/${user}/activities`, { sport: 'Run', name: 'Ping during the restart', distance: 6000 });
    const [ping] = await pingsFor(userId);

    const res = await callWith(databaseAway, '/webhooks/garmin', { method: 'POST', headers: ping!.headers, body: ping!.body });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, duplicate: false, held: true });

    await expect.poll(async () => (await garminRows(h, athlete.user.id)).length, { timeout: 60_000, interval: 200 }).toBe(before + 1);
  });
});
