// No unsigned notice changes anything on its own word (ADR 095). For every door whose notifications are not signed,
// one forged body of every notice kind in NOTICE_CONFIRMATIONS is delivered with only the public client id: the
// athlete's connection, permissions, wellness and activities stay exactly as the provider (its sandbox) has them. A
// new notice kind fails here until it has a row in the table and a forged body below.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { activities, ingestJobs, providerConnections, webhookEvents, wellnessReadings } from '../../../db/schema';
import { sha256Hex } from '../../../lib/crypto';
import { createProviders } from '../../../providers';
import type { FileProviderName } from '../../../providers/file-provider/file-provider';
import { Harness } from '../../../testing/harness';
import { NOTICE_CONFIRMATIONS, type NoticeKind } from './file-doors.confirmations';
import { connectGarmin, deliver, garmin, garminHeaders, newGarminUser, type Ping, pingsFor, type Truth } from './file-doors.testing';

interface Forge {
  h: Harness;
  externalUserId: string;
  /** A genuine callback URL of the door's API host, for forgeries that point at the provider with a made-up token. */
  apiUrl: string;
}

/** A forged body of each notice kind, per unsigned door: the types make a new kind or an unsigned door need one. */
const FORGED: { readonly [P in FileProviderName]?: { readonly [K in NoticeKind]: (f: Forge) => Ping } } = {
  garmin: {
    file: (f) => ({
      body: JSON.stringify({
        activityFiles: [
          {
            userId: f.externalUserId,
            summaryId: '99999-file',
            fileType: 'FIT',
            callbackURL: `${f.apiUrl}/wellness-api/rest/activityFile?id=99999&token=forged`,
            activityId: 99999,
            activityName: 'Forged',
          },
        ],
      }),
      headers: garminHeaders(f.h),
    }),
    deregistered: (f) => ({ body: JSON.stringify({ deregistrations: [{ userId: f.externalUserId }] }), headers: garminHeaders(f.h) }),
    permissions: (f) => ({
      body: JSON.stringify({
        userPermissionsChange: [{ userId: f.externalUserId, summaryId: 'forged', permissions: [], changeTimeInSeconds: 4_000_000_000 }],
      }),
      headers: garminHeaders(f.h),
    }),
    health: (f) => ({
      body: JSON.stringify({
        dailies: [
          {
            userId: f.externalUserId,
            callbackURL: `${f.apiUrl}/wellness-api/rest/dailies?uploadStartTimeInSeconds=1&uploadEndTimeInSeconds=2&token=forged`,
            summaryId: 'x',
            calendarDate: '2026-11-05',
            restingHeartRateInBeatsPerMinute: 31,
          },
        ],
      }),
      headers: garminHeaders(f.h),
    }),
  },
};

async function processed(h: Harness, ping: Ping): Promise<string | null> {
  const key = `garmin:${await sha256Hex(ping.body)}`;
  let outcome: string | null = null;
  await vi.waitFor(
    async () => {
      const [row] = await h.db.select().from(webhookEvents).where(eq(webhookEvents.dedupeKey, key));
      expect(row?.processedAt).toBeTruthy();
      outcome = row!.outcome;
    },
    { timeout: 30_000, interval: 100 },
  );
  return outcome;
}

/** A Garmin athlete with wellness on and one day of Garmin's own (resting HR 46). */
async function garminAthlete(h: Harness) {
  const a = await h.signup();
  const user = newGarminUser();
  expect((await connectGarmin(h, a.cookie, user)).status).toBe(302);
  const { userId } = await garmin<Truth>(`users/${user}`);
  await pingsFor(userId);
  const on = await h.json<{ enabled: boolean }>('/api/v1/connections/garmin/health', {
    method: 'PUT',
    cookie: a.cookie,
    body: JSON.stringify({ enabled: true }),
  });
  expect(on.body.enabled).toBe(true);
  const real = await garmin<{ deliveries: Ping[] }>(`users/${user}/health/push`, {
    type: 'dailies',
    day: '2026-11-05',
    summary: { restingHeartRateInBeatsPerMinute: 46 },
  });
  expect((await deliver(h, real.deliveries[0]!)).status).toBe(200);
  expect(await processed(h, real.deliveries[0]!)).toBe('wellness:1');
  return { ...a, user: a.user, garminUser: user, externalUserId: userId };
}

/** Everything a notice could change for the athlete. */
async function snapshot(h: Harness, userId: string) {
  const [conn] = await h.db
    .select({
      id: providerConnections.id,
      scopes: providerConnections.scopes,
      reconnectNeededAt: providerConnections.reconnectNeededAt,
      wellnessConsentAt: providerConnections.wellnessConsentAt,
    })
    .from(providerConnections)
    .where(eq(providerConnections.userId, userId));
  const wellness = await h.db
    .select({ day: wellnessReadings.day, field: wellnessReadings.field, value: wellnessReadings.value })
    .from(wellnessReadings)
    .where(eq(wellnessReadings.userId, userId));
  const acts = await h.db.select({ id: activities.id }).from(activities).where(eq(activities.userId, userId));
  return { conn, wellness: wellness.sort((x, y) => `${x.day}${x.field}`.localeCompare(`${y.day}${y.field}`)), activities: acts.length };
}

describe('unsigned notices are confirmed with the provider (ADR 095)', () => {
  it('a forged userPermissionsChange leaves every permission as Garmin lists it; a genuine one still applies', async () => {
    const h = Harness.init();
    const a = await garminAthlete(h);
    const before = await snapshot(h, a.user.id);
    expect(before.conn!.scopes.split(' ')).toEqual(expect.arrayContaining(['ACTIVITY_EXPORT', 'HEALTH_EXPORT', 'WORKOUT_IMPORT']));

    const forged = FORGED.garmin!.permissions({ h, externalUserId: a.externalUserId, apiUrl: '' });
    expect((await deliver(h, forged)).status).toBe(200);
    expect(await processed(h, forged)).toBe('stale:1');
    expect((await snapshot(h, a.user.id)).conn).toEqual(before.conn);
    const door = await h.json<{ sharesActivities: boolean; reconnectNeeded: boolean }>('/api/v1/connections/garmin', { cookie: a.cookie });
    expect(door.body).toMatchObject({ sharesActivities: true, reconnectNeeded: false });
    const health = await h.json<{ healthExport: boolean; enabled: boolean }>('/api/v1/connections/garmin/health', { cookie: a.cookie });
    expect(health.body).toMatchObject({ healthExport: true, enabled: true });

    // The athlete really unticks activities in Garmin Connect: Garmin's ping, read back, applies.
    await garmin(`users/${a.garminUser}/permissions`, { permissions: ['HEALTH_EXPORT'] });
    const [genuine] = (await pingsFor(a.externalUserId)).filter((p) => p.body.includes('userPermissionsChange'));
    expect((await deliver(h, genuine!)).status).toBe(200);
    expect(await processed(h, genuine!)).toBe('permissions:1');
    expect((await snapshot(h, a.user.id)).conn!.scopes).toBe('HEALTH_EXPORT');
  });

  it('every notice kind, forged against every unsigned door, changes nothing', async () => {
    const h = Harness.init();
    const unsigned = Object.values(createProviders(h.env).files).filter((c) => c && !c.signsNotifications);
    expect(unsigned.map((c) => c!.name)).toEqual(['garmin']);
    for (const client of unsigned) {
      const forgeries = FORGED[client!.name];
      expect(forgeries, `${client!.name} does not sign its notices: it needs a forged body of every kind`).toBeDefined();
      const a = await garminAthlete(h);
      const before = await snapshot(h, a.user.id);
      const apiUrl = new URL(h.env.GARMIN_API_URL!).toString().replace(/\/$/, '');
      for (const kind of Object.keys(NOTICE_CONFIRMATIONS) as NoticeKind[]) {
        const ping = forgeries![kind]({ h, externalUserId: a.externalUserId, apiUrl });
        // The forged body is the kind it claims to be: the adapter reads it as that notice.
        const notices = await client!.verifyNotification({ rawBody: ping.body, headers: new Headers(ping.headers) });
        expect(notices.map((n) => n.kind)).toEqual([kind]);
        expect((await deliver(h, ping)).status).toBe(200);
        const outcome = await processed(h, ping);
        expect(outcome, kind).toMatch(/^(unconfirmed|stale|files):1$/);
        // A file job fetches with the athlete's token: Garmin serves nothing for a pull token it never issued.
        await vi.waitFor(
          async () => {
            const open = await h.db
              .select({ status: ingestJobs.status })
              .from(ingestJobs)
              .where(and(eq(ingestJobs.userId, a.user.id), eq(ingestJobs.kind, 'garmin.file')));
            expect(open.filter((j) => j.status === 'queued' || j.status === 'running')).toEqual([]);
          },
          { timeout: 30_000, interval: 200 },
        );
        expect(await snapshot(h, a.user.id), kind).toEqual(before);
      }
    }
  });
});
