// A TOKEN_ENCRYPTION_KEY rotation end to end (ADR 040): tokens sealed under the single pre-ring key, a
// deploy whose ring adds v2, the hourly cron re-encrypting every provider's tokens to v2 (and a second run
// finding nothing), Ops Pulse counting them per version, and the Strava connection still working against
// the sandbox with the rotated ring — listing activities and refreshing a due token. The brake is on in
// this file's database, so connecting fetches nothing in the background with the unrotated env.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import worker from '../../index';
import { providerConnections, systemFlags } from '../../db/schema';
import { parseEnv } from '../../env';
import { SCHEDULES } from '../../jobs/cron';
import { RetiredKeyError } from '../../lib/key-ring';
import { createLogger } from '../../lib/logger';
import { createSecretBox, sealedKeyVersion } from '../../lib/secret-box';
import { Harness } from '../../testing/harness';
import { connectStrava, newAthleteId, tokenCalls } from '../../testing/strava';
import { createServices } from '../../wiring';

const NEW_KEY = btoa('a-brand-new-32-byte-aes-key-v2!!');
const rotated = () => ({ ...env, TOKEN_ENCRYPTION_KEY: `v2:${NEW_KEY},v1:${parseEnv(env).TOKEN_ENCRYPTION_KEY}` });
async function withServices<T>(raw: object, fn: (s: ReturnType<typeof createServices>) => Promise<T>): Promise<T> {
  const services = createServices(parseEnv(raw), { requestId: null, logger: createLogger('error'), waitUntil: () => {} });
  try {
    return await fn(services);
  } finally {
    await services.close();
  }
}
const keyCounts = (raw: object) =>
  withServices(raw, async (s) => (await s.opsPulse.pulse()).sections.find((x) => x.key === 'token_keys')!.counts);

async function hourlyTick(raw: object) {
  const ctx = createExecutionContext();
  await worker.scheduled!(createScheduledController({ scheduledTime: new Date(), cron: SCHEDULES.hourly }), raw as never, ctx);
  await waitOnExecutionContext(ctx);
}

describe('TOKEN_ENCRYPTION_KEY rotation', () => {
  it('re-encrypts every provider token to the newest key, idempotently, and Strava still answers with them', {
    timeout: 60_000,
  }, async () => {
    const h = Harness.init();
    await h.db.insert(systemFlags).values({ key: 'ingestion_paused', value: true }).onConflictDoNothing();
    const strava = await h.signup();
    const athleteId = newAthleteId();
    expect((await connectStrava(h, strava.cookie, athleteId)).status).toBe(302);

    // Garmin and Polar rows sealed the way their doors seal them (Polar keeps no refresh token).
    const oldBox = createSecretBox(h.env.TOKEN_ENCRYPTION_KEY);
    const garmin = await h.signup();
    const polar = await h.signup();
    for (const [u, provider, refresh] of [
      [garmin.user.id, 'garmin', 'garmin-refresh'],
      [polar.user.id, 'polar', ''],
    ] as const) {
      await h.db.insert(providerConnections).values({
        userId: u,
        provider,
        externalAthleteId: `${provider}-${u}`,
        accessTokenEnc: await oldBox.seal(`${provider}-access`),
        refreshTokenEnc: refresh ? await oldBox.seal(refresh) : '',
        expiresAt: new Date(Date.now() + 3600_000),
        scopes: 'read',
      });
    }
    const ids = [strava.user.id, garmin.user.id, polar.user.id];
    const rows = () => h.db.select().from(providerConnections).where(inArray(providerConnections.userId, ids));
    const versions = async () => (await rows()).flatMap((r) => [r.accessTokenEnc, r.refreshTokenEnc].filter(Boolean).map(sealedKeyVersion));
    expect(await versions()).toEqual([1, 1, 1, 1, 1]);

    const rotatedEnv = rotated();
    expect(await keyCounts(rotatedEnv)).toEqual({ onNewestKey: 0, onOlderKeys: 5, onRetiredKeys: 0 });

    await hourlyTick(rotatedEnv);
    expect(await versions()).toEqual([2, 2, 2, 2, 2]);
    expect(await keyCounts(rotatedEnv)).toEqual({ onNewestKey: 5, onOlderKeys: 0, onRetiredKeys: 0 });
    const after = await rows();

    // A second run has nothing to do and rewrites nothing.
    expect(await withServices(rotatedEnv, (s) => s.tokenKeys.reencrypt())).toEqual({ resealed: 0, raced: 0, retired: 0, more: false });
    expect(await rows()).toEqual(after);

    // What was sealed is what opens, under the rotated ring; the pre-rotation deploy cannot read v2.
    const newBox = createSecretBox(rotatedEnv.TOKEN_ENCRYPTION_KEY);
    const garminRow = after.find((r) => r.userId === garmin.user.id)!;
    expect(await newBox.open(garminRow.accessTokenEnc)).toBe('garmin-access');
    expect(await newBox.open(garminRow.refreshTokenEnc)).toBe('garmin-refresh');
    await expect(oldBox.open(garminRow.accessTokenEnc)).rejects.toBeInstanceOf(RetiredKeyError);

    // Strava accepts the re-encrypted token, and a due token refreshes with the re-encrypted refresh token.
    await withServices(rotatedEnv, async (services) => {
      const token = await services.strava.connections.accessToken(strava.user.id);
      const listed = await services.providers.strava.listActivities(token, { page: 1, perPage: 5 });
      expect(Array.isArray(listed.data)).toBe(true);
      await h.db
        .update(providerConnections)
        .set({ expiresAt: new Date(Date.now() - 60_000) })
        .where(eq(providerConnections.userId, strava.user.id));
      const refreshesBefore = (await tokenCalls(athleteId)).refreshes;
      const refreshed = await services.strava.connections.accessToken(strava.user.id);
      expect((await tokenCalls(athleteId)).refreshes).toBe(refreshesBefore + 1);
      const [stravaRow] = await h.db.select().from(providerConnections).where(eq(providerConnections.userId, strava.user.id));
      expect([sealedKeyVersion(stravaRow!.accessTokenEnc), sealedKeyVersion(stravaRow!.refreshTokenEnc)]).toEqual([2, 2]);
      expect((await services.providers.strava.listActivities(refreshed, { page: 1, perPage: 5 })).data).toBeDefined();
    });

    // Removing v1 too early would strand nothing now; a row still on a removed key is counted, not hidden.
    await h.db
      .update(providerConnections)
      .set({ accessTokenEnc: await oldBox.seal('stale') })
      .where(eq(providerConnections.userId, polar.user.id));
    const v2Only = { ...env, TOKEN_ENCRYPTION_KEY: `v2:${NEW_KEY}` };
    expect((await withServices(v2Only, (s) => s.tokenKeys.reencrypt())).retired).toBe(1);
    expect(await keyCounts(v2Only)).toEqual({
      onNewestKey: 4,
      onOlderKeys: 0,
      onRetiredKeys: 1,
    });
  });
});
