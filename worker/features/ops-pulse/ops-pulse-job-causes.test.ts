import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { importJobs, ingestJobs } from '../../db/schema';
import { expectErrorShape, Harness } from '../../testing/harness';
import type { Body } from '../../testing/bodies';
import { FileParseError } from '../ingest/files/types';
import { ingestionForTest, quietLogger as quiet } from '../ingest/ingestion.testing';
import { JobFailure, PROVIDER_DOWN_ATTEMPTS, TRANSIENT_IMPORT_ERRORS } from '../ingest';
import { ProviderHttpError, ProviderUnauthorizedError } from '../../providers/file-provider/file-provider';
import type { Pulse } from './ops-pulse.schema';
import { gpxRun, smallFit } from '../../testing/fixtures/files';
import type { FileProviderClient } from '../../providers/file-provider/file-provider';
import type { ActivitiesService } from '../activities';
import { createDoorJobs } from '../ingest/file-doors/file-doors.jobs';
import type { DoorConnections } from '../ingest/file-doors/file-doors.connection';
import { originalKey } from '../ingest/file-doors/file-doors.stash';
import type { DoorTokenUpkeep } from '../ingest/file-doors/file-doors.tokens';

// Issue 37 leftover: an ingest or live-door job's failure carries a cause code from the one cause table when
// it is recorded; Ops Pulse and the operator's athlete page show it, and every retry button refuses a
// permanent one (409 in the error shape) and re-runs a retryable one.
type PulseBody = Body<typeof Pulse>;

async function failedJob(h: Harness, userId: string, lastError: string, kind = 'garmin.file') {
  const [row] = await h.db
    .insert(ingestJobs)
    .values({ userId, kind, dedupeKey: `causes:${crypto.randomUUID()}`, status: 'error', attempts: 5, lastError, finishedAt: new Date() })
    .returning({ id: ingestJobs.id });
  return row!.id;
}
const jobRow = async (h: Harness, id: string) => (await h.db.select().from(ingestJobs).where(eq(ingestJobs.id, id)))[0]!;

describe('job failure causes', () => {
  it('a failure is recorded as its cause code, never the error’s text (live door and Strava alike)', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const ingestion = ingestionForTest(h);
    const cases: [Error, string][] = [
      [new ProviderUnauthorizedError('token revoked at Garmin'), 'auth_revoked'],
      [new ProviderHttpError(403), 'auth_revoked'],
      [new ProviderHttpError(400), 'provider_refused'],
      [new FileParseError('malformed_fit', 'not a FIT file'), 'file_unreadable'],
      [new JobFailure('plausibility_refused', 'speed of 900 km/h'), 'plausibility_refused'],
      [new ProviderHttpError(503), 'provider_5xx'],
      [Object.assign(new Error('timed out'), { name: 'TimeoutError' }), 'timeout'],
      [new Error('something odd'), 'unknown'],
    ];
    for (const [err, code] of cases) {
      // The last attempt (a provider down waits longer than other causes: ADR 087): the failure is final and recorded.
      const [row] = await h.db
        .insert(ingestJobs)
        .values({
          userId: athlete.user.id,
          kind: 'garmin.file',
          dedupeKey: `causes:${crypto.randomUUID()}`,
          attempts: PROVIDER_DOWN_ATTEMPTS,
        })
        .returning({ id: ingestJobs.id });
      await ingestion.run(
        row!.id,
        async () => {
          throw err;
        },
        'garmin',
      );
      expect(await jobRow(h, row!.id), err.message).toMatchObject({ status: 'error', lastError: code });
    }
    // A handler that knows its failure will not pass fails at once, on its first attempt.
    const [known] = await h.db
      .insert(ingestJobs)
      .values({ userId: athlete.user.id, kind: 'polar.file', dedupeKey: `causes:${crypto.randomUUID()}` })
      .returning({ id: ingestJobs.id });
    await ingestion.run(
      known!.id,
      async () => {
        throw new JobFailure('file_unreadable', 'A file from Polar could not be read.');
      },
      'polar',
    );
    expect(await jobRow(h, known!.id)).toMatchObject({ status: 'error', attempts: 1, lastError: 'file_unreadable' });
    // An attempt before the last goes back to the queue with its cause too.
    const [early] = await h.db
      .insert(ingestJobs)
      .values({ userId: athlete.user.id, kind: 'strava.activity', dedupeKey: `causes:${crypto.randomUUID()}` })
      .returning({ id: ingestJobs.id });
    await expect(
      ingestion.run(
        early!.id,
        async () => {
          throw new Error('something odd');
        },
        'strava',
      ),
    ).rejects.toThrow();
    expect(await jobRow(h, early!.id)).toMatchObject({ status: 'queued', lastError: 'unknown' });
    // A provider down before the last attempt: the job waits in its row with its cause (backoff with jitter, ADR 087).
    const [down] = await h.db
      .insert(ingestJobs)
      .values({ userId: athlete.user.id, kind: 'strava.activity', dedupeKey: `causes:${crypto.randomUUID()}` })
      .returning({ id: ingestJobs.id });
    await ingestion.run(
      down!.id,
      async () => {
        throw new ProviderHttpError(502);
      },
      'strava',
    );
    expect(await jobRow(h, down!.id)).toMatchObject({ status: 'deferred', lastError: 'provider_5xx' });
  });

  it('a live-door file the parsers refuse fails at once as file_unreadable (it used to end "done")', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const logger = quiet;
    const ingestion = ingestionForTest(h, logger);
    const connectionId = crypto.randomUUID();
    const ref = {
      externalUserId: 'g-1',
      activityId: `a-${crypto.randomUUID()}`,
      fileRef: 'https://garmin.test/file',
      format: 'fit' as const,
    };
    // The file already fetched (stashed) as Garmin sent it: a FIT header, then noise. No provider call is made.
    const corrupt = new Uint8Array(200).fill(7);
    corrupt.set(smallFit().slice(0, 14));
    await env.UPLOADS.put(originalKey(athlete.user.id, 'garmin', ref.activityId, 'fit'), corrupt);
    const jobs = createDoorJobs({
      db: h.db,
      clock: { now: () => new Date() },
      logger,
      clients: { garmin: {} as FileProviderClient },
      connections: { findByUser: async () => ({ id: connectionId, reconnectNeededAt: null }) } as unknown as DoorConnections,
      tokens: {} as DoorTokenUpkeep,
      bucket: env.UPLOADS,
      activities: {} as ActivitiesService,
      ingestion,
      timeZoneOf: async () => 'UTC',
    });
    const [row] = await h.db
      .insert(ingestJobs)
      .values({
        userId: athlete.user.id,
        kind: 'garmin.file',
        payload: { connectionId, ref: { ...ref, startTime: null } },
        dedupeKey: `causes:${crypto.randomUUID()}`,
      })
      .returning({ id: ingestJobs.id });
    await ingestion.run(row!.id, (job) => jobs.handle(job), 'garmin');
    expect(await jobRow(h, row!.id)).toMatchObject({ status: 'error', attempts: 1, lastError: 'file_unreadable' });
  });

  it('Ops Pulse: the cause and its class on the row; a permanent one refused 409, a retryable one re-run', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const owner = await h.userWithRole('owner');
    const revoked = await failedJob(h, athlete.user.id, 'auth_revoked');
    const timedOut = await failedJob(h, athlete.user.id, 'timeout');
    const legacy = await failedJob(h, athlete.user.id, 'Provider answered 500 (free text from before the codes)');
    const pulse = (await h.json<PulseBody>('/api/v1/admin/ops/pulse', { cookie: owner.cookie })).body;
    const errors = pulse.sections.find((s) => s.key === 'ingestion_errors')!;
    const row = (id: string) => errors.rows.find((r) => r.id === id)!;
    expect(row(revoked)).toMatchObject({
      label: 'garmin.file job failed: the provider refused the athlete’s authorisation',
      detail: expect.stringContaining('cause auth_revoked (permanent)'),
      fix: { intent: 'retry-job', available: false, note: expect.stringContaining('connect the provider again') },
    });
    expect(row(timedOut)).toMatchObject({ detail: expect.stringContaining('(retryable)'), fix: { available: true } });
    expect(row(legacy)).toMatchObject({
      label: 'garmin.file job failed: unknown',
      detail: expect.stringContaining('cause unknown (unknown)'),
    });
    expect(row(legacy).fix).toMatchObject({ available: true });
    expect(errors.causes.map((c) => c.cause)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^auth_revoked: .*\(permanent\)$/),
        expect.stringMatching(/^unknown: unknown \(unknown\)$/),
      ]),
    );

    const retry = (id: string) =>
      h.json(`/api/v1/admin/ops/jobs/${id}/retry`, { method: 'POST', cookie: owner.cookie, body: { reason: 'Ops Pulse: retry' } });
    const refused = await retry(revoked);
    expect(refused.status).toBe(409);
    expectErrorShape(refused.body, 'CONFLICT');
    expect(await jobRow(h, revoked)).toMatchObject({ status: 'error', attempts: 5, lastError: 'auth_revoked' });
    expect((await h.auditFor('job', revoked)).map((a) => a.action)).not.toContain('operator.retry_job');
    const rerun = await retry(timedOut);
    expect(rerun.status).toBe(200);
    expect(rerun.body).toMatchObject({ intent: 'retry-job', outcome: 'queued' });
    expect((await jobRow(h, timedOut)).attempts).toBeLessThan(5);
  });

  it('the operator’s athlete page: causes shown; retry-job and retry-import refuse a permanent cause with 409 and re-run a retryable one', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const op = await h.userWithRole('admin', ['ingestion.retry', 'users.read']);
    const act = (action: string, body: Record<string, unknown>) =>
      h.json<Record<string, unknown>>(`/api/v1/admin/users/${athlete.user.id}/actions/${action}`, { cookie: op.cookie, body });

    const unreadable = await failedJob(h, athlete.user.id, 'file_unreadable', 'polar.file');
    const limited = await failedJob(h, athlete.user.id, 'rate_limited', 'polar.file');
    const imp = async (error: string) => {
      const key = `imports/${athlete.user.id}/${crypto.randomUUID()}`;
      await env.UPLOADS.put(key, gpxRun(new Date('2025-05-01T06:00:00Z')).xml);
      const [row] = await h.db
        .insert(importJobs)
        .values({ userId: athlete.user.id, filename: 'run.gpx', objectKey: key, sizeBytes: 100, status: 'error', attempts: 3, error })
        .returning({ id: importJobs.id });
      return row!.id;
    };
    const refusedArchive = await imp('The archive is not a readable zip.');
    const crashed = await imp(TRANSIENT_IMPORT_ERRORS[0]!);

    type Detail = {
      ingestion: { jobs: { id: string; cause: { code: string; class: string; label: string } | null }[] };
      imports: { id: string; cause: { code: string; class: string } | null }[];
    };
    const detail = (await h.json<Detail>(`/api/v1/admin/users/${athlete.user.id}`, { cookie: op.cookie })).body;
    expect(detail.ingestion.jobs.find((j) => j.id === unreadable)?.cause).toEqual({
      code: 'file_unreadable',
      class: 'permanent',
      label: 'a file the importer cannot read',
    });
    expect(detail.ingestion.jobs.find((j) => j.id === limited)?.cause).toMatchObject({ code: 'rate_limited', class: 'retryable' });
    expect(detail.imports.find((i) => i.id === refusedArchive)?.cause).toMatchObject({ code: 'archive_refused', class: 'permanent' });
    expect(detail.imports.find((i) => i.id === crashed)?.cause).toMatchObject({ code: 'failed_passing', class: 'retryable' });

    // One job: a permanent cause is a 409 in the error shape, and the job stays as it was.
    const job = await act('retry-job', { reason: 'x', jobId: unreadable });
    expect(job.status).toBe(409);
    expectErrorShape(job.body, 'CONFLICT');
    expect((job.body as { error: { message: string } }).error.message).toContain('a file the importer cannot read');
    expect(await jobRow(h, unreadable)).toMatchObject({ status: 'error', attempts: 5 });
    // All the athlete's jobs: the permanent one is left out, the retryable one queued again.
    const all = await act('retry-ingestion', { reason: 'Polar was down' });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ changed: true, after: { requeued: [limited] } });
    expect((await jobRow(h, unreadable)).status).toBe('error');

    const refusedImport = await act('retry-import', { reason: 'x', importId: refusedArchive });
    expect(refusedImport.status).toBe(409);
    expectErrorShape(refusedImport.body, 'CONFLICT');
    expect((await h.db.select().from(importJobs).where(eq(importJobs.id, refusedArchive)))[0]).toMatchObject({
      status: 'error',
      attempts: 3,
    });
    expect((await h.auditFor('import', refusedArchive)).map((a) => a.action)).not.toContain('operator.retry_import');
    const rerun = await act('retry-import', { reason: 'The consumer died', importId: crashed });
    expect(rerun.status).toBe(200);
    expect(rerun.body).toMatchObject({ changed: true });
  });
});
