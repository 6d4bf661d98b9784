// The Garmin door end to end in workerd, against the run's one Garmin sandbox (so every Garmin test that arms its
// faults or reads its counters is in this file, in order): connect with PKCE and the backfill it asks for, pings
// verified (or refused with a 401 that stores nothing), a replay importing nothing twice, a refused token refreshed
// once and a 429 waited out, the athlete's own upload of the same file linked rather than duplicated, the delivered
// file kept as the athlete's original, disconnect ending the registration at Garmin, and Garmin's deregistration
// ping ending ours. Polar, through the same service: file-doors.polar.integration.test.ts.
import { env } from 'cloudflare:test';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { activities, providerConnections, webhookEvents } from '../../../db/schema';
import { sha256Hex as sha256 } from '../../../lib/crypto';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { requestDeletion, runDueDeletion } from '../../privacy/deletion/deletion.testing';
import { download, exportReady, sha256 as sha256OfBytes, validated } from '../../privacy/export/export.testing';
import {
  connectGarmin,
  deliver,
  deliverAll,
  doorObjects,
  doorState,
  doorStatus,
  firstFiles,
  garmin,
  garminFile,
  garminHeaders,
  garminRows,
  newGarminUser,
  pingsFor,
  type Truth,
  visibleCount,
} from './file-doors.testing';

describe('the Garmin door', () => {
  it('connects with PKCE, asks for the last 30 days on connect, and imports the files the pings announce', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const user = newGarminUser();
    const done = await connectGarmin(h, athlete.cookie, user);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/settings/data?connected=garmin');

    const truth = await garmin<Truth>(`users/${user}`);
    const status = await h.json<{ connected: boolean; externalUserId: string; sharesActivities: boolean }>('/api/v1/connections/garmin', {
      cookie: athlete.cookie,
    });
    expect(status.body).toMatchObject({ connected: true, externalUserId: truth.userId, sharesActivities: true });

    // The backfill job asked Garmin for 30 days; Garmin answers with pings naming every session in them.
    const pings = await pingsFor(truth.userId);
    const state = await garmin<{ backfills: { userId: string; start: number; end: number }[] }>('state');
    const asked = state.backfills.find((b) => b.userId === truth.userId)!;
    expect(Math.round((asked.end - asked.start) / 86_400)).toBe(30);
    const expected = truth.activities.filter((a) => a.startTimeInSeconds >= asked.start && a.startTimeInSeconds < asked.end);
    // Garmin has answered the request and its pings are not delivered yet: the import is done with nothing, and
    // Data sources must say it is waiting for Garmin, not that the history is here.
    await vi.waitFor(async () => expect((await doorState(h, athlete.cookie))?.status).toBe('done'), { timeout: 30_000, interval: 200 });
    expect((await doorState(h, athlete.cookie))?.doneCount).toBe(0);
    expect((await doorStatus(h, athlete.cookie, 'garmin')).waiting).toBe('history');
    const announced = pings.flatMap((p) => (JSON.parse(p.body) as { activityFiles: { activityId: number }[] }).activityFiles);
    expect(announced.map((f) => f.activityId).sort()).toEqual(expected.map((a) => a.activityId).sort());

    // Their files arrive (a few of them here: the month's worth is the benchmark's business), named as on Garmin Connect.
    const delivered = firstFiles(pings, 5);
    const names = (JSON.parse(delivered[0]!.body) as { activityFiles: { activityId: number; activityName: string }[] }).activityFiles;
    expect(await deliverAll(h, athlete.user.id, delivered)).toBe(5);
    const rows = await garminRows(h, athlete.user.id);
    expect(rows.map((r) => [r.externalId, r.name]).sort()).toEqual(names.map((f) => [String(f.activityId), f.activityName]).sort());
    await vi.waitFor(async () => expect((await doorState(h, athlete.cookie))?.status).toBe('done'), { timeout: 30_000, interval: 200 });
    expect((await doorState(h, athlete.cookie))?.doneCount).toBe(5);
    expect((await doorStatus(h, athlete.cookie, 'garmin')).waiting).toBeNull();
  });

  it('refuses an unverifiable ping with a 401 that stores and imports nothing; a replay imports nothing twice', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const user = newGarminUser();
    await connectGarmin(h, athlete.cookie, user);
    const { userId } = await garmin<Truth>(`users/${user}`);
    await deliverAll(h, athlete.user.id, firstFiles(await pingsFor(userId)));
    const before = await garminRows(h, athlete.user.id);

    // A session recorded now: its ping, untouched, is what Garmin would send.
    await garmin(`users/${user}/activities`, { sport: 'Run', name: 'Track session', distance: 8000 });
    const [ping] = await pingsFor(userId);
    const storedBefore = (await h.db.select({ n: count() }).from(webhookEvents).where(eq(webhookEvents.provider, 'garmin')))[0]!.n;
    const { 'garmin-client-id': _id, ...noClientId } = ping!.headers;
    const offHost = { ...ping!, body: ping!.body.replace(/http:\/\/127\.0\.0\.1:\d+\/garmin\//, 'https://evil.example/') };
    for (const forged of [
      await deliver(h, ping!, noClientId),
      await deliver(h, ping!, { ...ping!.headers, 'garmin-client-id': 'someone-else' }),
      await deliver(h, offHost),
      await deliver(h, { ...ping!, body: '{"activityFiles":[{"userId":"x"}]}' }),
    ]) {
      expect(forged.status).toBe(401);
      expectErrorShape(await forged.json(), 'UNAUTHENTICATED');
    }
    expect((await h.db.select({ n: count() }).from(webhookEvents).where(eq(webhookEvents.provider, 'garmin')))[0]!.n).toBe(storedBefore);
    expect(await garminRows(h, athlete.user.id)).toHaveLength(before.length);

    // The genuine ping imports the session; the same ping again is a duplicate and makes no job.
    const first = await deliver(h, ping!);
    expect(await first.json()).toMatchObject({ ok: true, duplicate: false, notices: 1 });
    await vi.waitFor(async () => expect(await garminRows(h, athlete.user.id)).toHaveLength(before.length + 1), {
      timeout: 30_000,
      interval: 200,
    });
    expect(await (await deliver(h, ping!)).json()).toMatchObject({ ok: true, duplicate: true });

    // Garmin's resend of the same activity (a fresh callback URL, so a fresh job) stores nothing new either.
    const recorded = (await garmin<Truth>(`users/${user}`)).activities.find((a) => a.name === 'Track session')!;
    const resend = await garmin<{ notification: unknown }>(`users/${user}/ping`, { activityIds: [recorded.activityId] });
    expect((await deliver(h, { body: JSON.stringify(resend.notification), headers: garminHeaders(h) })).status).toBe(200);
    await vi.waitFor(async () => expect((await doorState(h, athlete.cookie))?.status).toBe('done'), { timeout: 30_000, interval: 200 });
    const after = await garminRows(h, athlete.user.id);
    expect(after).toHaveLength(before.length + 1);
    expect(after.filter((r) => r.externalId === String(recorded.activityId))).toHaveLength(1);
  });

  it('refreshes a token Garmin refused once and retries; waits out a 429 for as long as Retry-After says', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const user = newGarminUser();
    await connectGarmin(h, athlete.cookie, user);
    const { userId } = await garmin<Truth>(`users/${user}`);
    await pingsFor(userId); // the backfill's, not needed here
    const refreshes = async () => (await garmin<{ calls: Record<string, number> }>('state')).calls['POST token (refresh_token)'] ?? 0;
    const before = await refreshes();

    // The token dies before its stated expiry: the file job's 401 makes one refresh, and the retry fetches the file.
    await garmin(`users/${user}/expire-tokens`, {});
    await garmin(`users/${user}/activities`, {
      sport: 'Run',
      name: 'After expiry',
      startTime: new Date(Date.now() - 5 * 3600_000).toISOString(),
    });
    const [first] = await pingsFor(userId);
    expect((await deliver(h, first!)).status).toBe(200);
    await vi.waitFor(async () => expect((await garminRows(h, athlete.user.id)).map((r) => r.name)).toContain('After expiry'), {
      timeout: 30_000,
      interval: 200,
    });
    expect(await refreshes()).toBe(before + 1);

    // Garmin's rate limit: the job waits the second it was told, then fetches.
    await garmin('fail', { endpoint: 'activityFile', status: 429, retryAfter: 1 });
    await garmin(`users/${user}/activities`, {
      sport: 'Ride',
      name: 'After a 429',
      startTime: new Date(Date.now() - 9 * 3600_000).toISOString(),
    });
    const [second] = await pingsFor(userId);
    expect((await deliver(h, second!)).status).toBe(200);
    await vi.waitFor(async () => expect((await garminRows(h, athlete.user.id)).map((r) => r.name)).toContain('After a 429'), {
      timeout: 30_000,
      interval: 200,
    });
    expect((await garmin<{ failures: unknown[] }>('state')).failures).toEqual([]);
  });

  it('links a file the athlete already uploaded with its Garmin copy instead of counting it twice', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const user = newGarminUser();
    await connectGarmin(h, athlete.cookie, user);
    const { userId } = await garmin<Truth>(`users/${user}`);
    await pingsFor(userId); // the backfill's pings, left undelivered: this test is about one session

    // The athlete uploads the session's FIT file themselves first (another door: the upload).
    const session = await garmin<{ activity: { activityId: number } }>(`users/${user}/activities`, {
      sport: 'Ride',
      distance: 30_000,
      notify: false,
    });
    const bytes = await garminFile(user, session.activity.activityId);
    const up = await h.json<{ id: string }>(`/api/v1/imports?filename=${encodeURIComponent('morning-ride.fit')}`, {
      body: bytes,
      cookie: athlete.cookie,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) },
    });
    expect(up.status).toBe(202);
    await vi.waitFor(async () => expect(await visibleCount(h, athlete.user.id)).toBe(1), { timeout: 30_000, interval: 200 });

    // Then Garmin announces the same session.
    const resend = await garmin<{ notification: unknown }>(`users/${user}/ping`, { activityIds: [session.activity.activityId] });
    expect((await deliver(h, { body: JSON.stringify(resend.notification), headers: garminHeaders(h) })).status).toBe(200);
    await vi.waitFor(async () => expect(await garminRows(h, athlete.user.id)).toHaveLength(1), { timeout: 30_000, interval: 200 });
    const all = await h.db
      .select({ source: activities.source, duplicateOf: activities.duplicateOf })
      .from(activities)
      .where(eq(activities.userId, athlete.user.id));
    expect(all.map((a) => a.source).sort()).toEqual(['fit_upload', 'garmin_api']);
    expect(all.filter((a) => a.duplicateOf === null)).toHaveLength(1);
    expect(await visibleCount(h, athlete.user.id)).toBe(1);
  });

  it('disconnect ends the registration at Garmin; Garmin’s own deregistration ping ends ours', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const user = newGarminUser();
    await connectGarmin(h, athlete.cookie, user);
    const { userId } = await garmin<Truth>(`users/${user}`);
    const kept = await deliverAll(h, athlete.user.id, firstFiles(await pingsFor(userId)));
    expect(kept).toBeGreaterThan(0);

    const off = await h.json<{ removedActivities: number; deregistered: boolean }>('/api/v1/connections/garmin', {
      method: 'DELETE',
      cookie: athlete.cookie,
    });
    expect(off.status).toBe(200);
    // Garmin's files are the athlete's own: the policy row keeps them (retention not tied to the connection).
    expect(off.body).toEqual({ removedActivities: 0, deregistered: true });
    const state = await garmin<{ deregistrations: { userId: string; by: string }[]; users: { userId: string; registered: boolean }[] }>(
      'state',
    );
    expect(state.deregistrations).toContainEqual(expect.objectContaining({ userId, by: 'partner' }));
    expect(state.users.find((u) => u.userId === userId)?.registered).toBe(false);
    expect(await h.db.select().from(providerConnections).where(eq(providerConnections.userId, athlete.user.id))).toEqual([]);
    expect(await garminRows(h, athlete.user.id)).toHaveLength(kept);
    // Garmin's final deregistration ping for it finds nothing left to end.
    for (const p of await pingsFor(userId)) expect((await deliver(h, p)).status).toBe(200);
    expect((await h.json<{ connected: boolean }>('/api/v1/connections/garmin', { cookie: athlete.cookie })).body.connected).toBe(false);
    expect((await h.json('/api/v1/connections/garmin', { method: 'DELETE', cookie: athlete.cookie })).status).toBe(404);

    // Another athlete leaves on Garmin's side: the ping ends the connection here, without calling Garmin.
    const other = await h.signup();
    const otherUser = newGarminUser();
    await connectGarmin(h, other.cookie, otherUser);
    const otherId = (await garmin<Truth>(`users/${otherUser}`)).userId;
    await pingsFor(otherId);
    await garmin(`users/${otherUser}/deregister`, {});
    for (const p of await pingsFor(otherId)) expect((await deliver(h, p)).status).toBe(200);
    // The consumer deletes the row first and records the audit entry last (the stash, jobs and activities go
    // between): wait for that last write, not the first, or a loaded machine reads the audit before it exists.
    await vi.waitFor(async () => expect(await h.auditForActions(other.user.id, 'connection.deauthorized')).toHaveLength(1), {
      timeout: 30_000,
      interval: 200,
    });
    expect(await h.db.select().from(providerConnections).where(eq(providerConnections.userId, other.user.id))).toEqual([]);
  });

  it("keeps a delivered file as the athlete's original: exported byte for byte, kept on disconnect, erased with the account", async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const user = newGarminUser();
    await connectGarmin(h, athlete.cookie, user);
    const { userId } = await garmin<Truth>(`users/${user}`);
    const delivered = firstFiles(await pingsFor(userId), 1);
    expect(await deliverAll(h, athlete.user.id, delivered)).toBe(1);
    const [announced] = (JSON.parse(delivered[0]!.body) as { activityFiles: { activityId: number }[] }).activityFiles;
    const served = await garminFile(user, announced!.activityId);
    await vi.waitFor(async () => expect((await doorState(h, athlete.cookie))?.status).toBe('done'), { timeout: 30_000, interval: 200 });

    // "Download my data": the file Garmin served, under the door's prefix the export reads, its hash in the manifest.
    const zip = await download(h, athlete.cookie, (await exportReady(h, athlete.cookie)).id);
    const archive = validated(zip);
    const originals = archive.manifest.files.filter((f) => f.kind === 'original');
    expect(originals.map((f) => f.path)).toEqual([`originals/garmin/${announced!.activityId}.fit`]);
    expect(archive.files[originals[0]!.path]).toEqual(served);
    expect(originals[0]!.sha256).toBe(sha256OfBytes(served));

    // The archive imported into a fresh account: the session once (its Garmin row), the file back where the door keeps it.
    const twin = await h.signup();
    const r = await h.json<{ id: string }>('/api/v1/privacy/reimports', {
      body: zip,
      cookie: twin.cookie,
      headers: { 'content-type': 'application/zip', 'content-length': String(zip.length) },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    await vi.waitFor(
      async () => {
        const list = await h.json<{ reimports: { id: string; status: string }[] }>('/api/v1/privacy/reimports', { cookie: twin.cookie });
        expect(list.body.reimports.find((x) => x.id === r.body.id)?.status).toBe('done');
      },
      { timeout: 90_000, interval: 200 },
    );
    expect((await garminRows(h, twin.user.id)).map((a) => a.externalId)).toEqual([String(announced!.activityId)]);
    expect(await visibleCount(h, twin.user.id)).toBe(1);
    const back = await env.UPLOADS.get(`file-doors/${twin.user.id}/garmin/${announced!.activityId}.fit`);
    expect(new Uint8Array(await back!.arrayBuffer())).toEqual(served);

    // Disconnecting keeps the athlete's own files, as Data sources says.
    const off = await h.json('/api/v1/connections/garmin', { method: 'DELETE', cookie: athlete.cookie });
    expect(off.status).toBe(200);
    expect(await doorObjects(athlete.user.id)).toHaveLength(1);

    // Account deletion erases them with everything under the athlete's prefixes.
    await runDueDeletion(h, await requestDeletion(h, athlete.cookie));
    expect(await doorObjects(athlete.user.id)).toEqual([]);
  });

  it('a forged deregistration ping (Garmin still has the athlete) leaves the connection; Garmin is asked first', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const user = newGarminUser();
    await connectGarmin(h, athlete.cookie, user);
    const { userId } = await garmin<Truth>(`users/${user}`);
    await pingsFor(userId);
    // Anyone can send this: Garmin's pings are unsigned and its client id is public.
    const body = JSON.stringify({ deregistrations: [{ userId }] });
    expect((await deliver(h, { body, headers: garminHeaders(h) })).status).toBe(200);
    const outcome = async () =>
      (
        await h.db
          .select({ outcome: webhookEvents.outcome })
          .from(webhookEvents)
          .where(eq(webhookEvents.dedupeKey, `garmin:${await sha256(body)}`))
      )[0]?.outcome ?? null;
    await vi.waitFor(async () => expect(await outcome()).toBe('unconfirmed:1'), { timeout: 30_000, interval: 200 });
    expect(
      await h.db.select({ id: providerConnections.id }).from(providerConnections).where(eq(providerConnections.userId, athlete.user.id)),
    ).toHaveLength(1);
    expect(await h.auditForActions(athlete.user.id, 'connection.deauthorized')).toHaveLength(0);
    expect((await h.json<{ connected: boolean }>('/api/v1/connections/garmin', { cookie: athlete.cookie })).body.connected).toBe(true);
  });
});
