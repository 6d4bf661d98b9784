// Settings → Data's "Wellness from Garmin" switch as a browser without JavaScript uses it: off by default beside a
// Garmin connection, on by a plain form post (the backfill job queued), off again deleting the Garmin readings,
// and Garmin's own "Health" permission missing said instead of a switch (ADR 071).
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ingestJobs, providerConnections, wellnessReadings } from '../../../db/schema';
import { randomToken } from '../../../lib/crypto';
import { createSecretBox } from '../../../lib/secret-box';
import { Harness } from '../../../testing/harness';

async function world(h: Harness, scopes: string) {
  const a = await h.signup();
  const box = createSecretBox(h.env.TOKEN_ENCRYPTION_KEY);
  await h.db.insert(providerConnections).values({
    userId: a.user.id,
    provider: 'garmin',
    externalAthleteId: randomToken(16).replace(/[^A-Za-z0-9]/g, 'a'),
    accessTokenEnc: await box.seal('pages-access'),
    refreshTokenEnc: await box.seal('pages-refresh'),
    expiresAt: new Date(Date.now() + 86_400_000),
    tokenLifetimeS: 86_400,
    scopes,
  });
  const post = (values: Record<string, string>) =>
    h.call('/settings/data', {
      method: 'POST',
      body: new URLSearchParams(values).toString(),
      cookie: a.cookie,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  const page = async () => (await h.call('/settings/data', { cookie: a.cookie })).text();
  return { ...a, post, page };
}

describe('Settings → Data: wellness from Garmin', () => {
  it('is off by default, turns on with a plain post (asking Garmin for the history) and off again deleting what came', async () => {
    const h = Harness.init();
    const a = await world(h, 'ACTIVITY_EXPORT HEALTH_EXPORT');
    const off = await a.page();
    expect(off).toContain('Wellness from Garmin: sleep, HRV, resting HR, stress, weight');
    expect(off).toContain('Keep wellness from Garmin');

    const on = await a.post({ intent: 'garmin-wellness', enabled: 'on' });
    expect(on.status).toBe(302);
    expect(on.headers.get('location')).toBe('/settings/data#garmin-wellness');
    expect(await a.page()).toContain('Stop and delete wellness from Garmin');
    const jobs = await h.db.select({ kind: ingestJobs.kind }).from(ingestJobs).where(eq(ingestJobs.userId, a.user.id));
    expect(jobs.map((j) => j.kind)).toContain('garmin.wellness_backfill');

    await h.db
      .insert(wellnessReadings)
      .values({ userId: a.user.id, day: '2026-11-20', source: 'garmin', field: 'sleepS', value: 27_000, externalId: 'sleeps:x' });
    await a.post({ intent: 'garmin-wellness', enabled: 'off' });
    expect(await a.page()).toContain('Keep wellness from Garmin');
    const left = await h.db
      .select({ id: wellnessReadings.id })
      .from(wellnessReadings)
      .where(and(eq(wellnessReadings.userId, a.user.id), eq(wellnessReadings.source, 'garmin')));
    expect(left).toHaveLength(0);
  });

  it('says Garmin does not share health data instead of offering the switch', async () => {
    const h = Harness.init();
    const a = await world(h, 'ACTIVITY_EXPORT');
    const html = await a.page();
    expect(html).toContain('Your Garmin connection does not share health data');
    expect(html).not.toContain('Keep wellness from Garmin');
  });
});
