import { analyticsRebuilds, importJobs, ingestJobs, ingestionState, providerConnections, users, webhookEvents } from '../../db/schema';
import { PASSWORD, uniqueEmail, type Harness } from '../../testing/harness';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../auth/password';

/** A unique word for display names, so a search finds only this test's users (not the file's other tests'). */
export const token = () => `Qz${crypto.randomUUID().replace(/-/g, '').slice(0, 10)}`;

/** A read-only demo account, signed in (the harness's userWithRole predates the role). */
export async function demoViewer(h: Harness) {
  const email = uniqueEmail('demo');
  const [row] = await h.db
    .insert(users)
    .values({ email, passwordHash: await hashPassword(PASSWORD), displayName: 'Demo Viewer', role: 'demo' })
    .returning({ id: users.id });
  return { id: row!.id, email, cookie: await h.login(email, PASSWORD) };
}

/**
 * The support tests' stuck athlete: signed up (one session), an expired Strava connection with a webhook,
 * a failed ingestion job and state, a failed import with its report, a queued analytics rebuild.
 */
export async function stuckAthlete(h: Harness, opts: { displayName: string; email?: string }) {
  const athlete = await h.signup({ displayName: opts.displayName, email: opts.email });
  const userId = athlete.user.id;
  const externalAthleteId = String(Math.floor(Math.random() * 1e9) + 1e9);
  await h.db.update(users).set({ birthDate: '1988-06-15' }).where(eq(users.id, userId));
  await h.db.insert(providerConnections).values({
    userId,
    provider: 'strava',
    externalAthleteId,
    accessTokenEnc: 'not-a-token',
    refreshTokenEnc: 'not-a-token',
    expiresAt: new Date(Date.now() - 3_600_000),
    scopes: 'read,activity:read_all',
  });
  await h.db.insert(webhookEvents).values({
    provider: 'strava',
    dedupeKey: `support-test:${externalAthleteId}`,
    payload: { owner_id: Number(externalAthleteId), object_type: 'activity', aspect_type: 'create', object_id: 1 },
    outcome: 'ingested',
    processedAt: new Date(),
  });
  const [job] = await h.db
    .insert(ingestJobs)
    .values({
      userId,
      kind: 'strava.activity',
      dedupeKey: `support-test:${crypto.randomUUID()}`,
      status: 'error',
      attempts: 5,
      lastError: 'strava 500',
    })
    .returning({ id: ingestJobs.id });
  await h.db.insert(ingestionState).values({ userId, source: 'strava', status: 'error', lastError: 'strava 500', doneCount: 3 });
  const [imp] = await h.db
    .insert(importJobs)
    .values({
      userId,
      filename: 'ann-export.zip',
      objectKey: `support-test/${crypto.randomUUID()}`,
      sizeBytes: 1234,
      status: 'error',
      kind: 'garmin_export',
      found: 4,
      imported: 2,
      duplicates: 1,
      skipped: [{ name: 'a.fit', reason: 'unsupported' }],
      error: 'archive truncated',
    })
    .returning({ id: importJobs.id });
  await h.db.insert(analyticsRebuilds).values({ userId, reason: 'threshold_changed' });
  return { ...athlete, userId, externalAthleteId, jobId: job!.id, importId: imp!.id };
}
