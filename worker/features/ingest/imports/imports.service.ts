import type { Db } from '../../../db/client';
import type { Executor } from '../../../db/executor';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import { turnTaker } from '../../../lib/concurrency';
import type { ActivitiesService, ActivityInput } from '../../activities';
import type { AnalysisNotices } from '../../analytics';
import type { Actor, AuditService } from '../../audit';
import type { WellnessService } from '../../wellness';
import { parseUpload } from '../files/import-file';
import { UPLOAD_LIMITS } from '../files/limits';
import { ZipLimitError } from '../files/types';
import { createImportsRepo, IMPORT_FAILED, importedNothing, type ImportRow, type ImportSummary } from './imports.repo';
import { present } from './imports.present';
import type { ImportJob } from './imports.schema';
import { wellnessStore } from './wellness-store';
import { leaseFrom, withLease } from '../../../jobs/lease';

/** Multipart bodies are buffered by the runtime, so they get a lower cap than streamed raw bodies. */
export const MULTIPART_MAX_BYTES = 25 * 1024 * 1024;
/** What the upload reader (lib/upload-reader.ts) lets through to `accept`. */
export const IMPORT_UPLOAD_CAPS = { rawBytes: UPLOAD_LIMITS.maxUploadBytes, formBytes: MULTIPART_MAX_BYTES, what: 'files' } as const;
// Flush to the database every 200 activities (measured: 500 doubled peak memory for no speed gain),
// or sooner when per-second streams pile up. Decoding is CPU only: the isolate gets a turn every 20,000 samples.
const FLUSH_ACTIVITIES = 200;
const FLUSH_STREAM_POINTS = 300_000;
const TURN_STREAM_POINTS = 20_000;

// An import of the largest upload finishes in a few minutes; a job 'running' for longer lost its consumer.
const STALE_RUNNING_MS = 15 * 60 * 1000;
const MAX_ATTEMPTS = 3;
// A queued import not taken for this long lost its message (the queue is one at a time: a long archive ahead of it
// is not a loss, hence minutes, not seconds).
const LOST_QUEUED_MS = 5 * 60 * 1000;

const safeName = (name: string) => name.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'upload';

interface Deps {
  db: Db;
  bucket: R2Bucket;
  queue: Queue<unknown>;
  activities: ActivitiesService;
  audit: AuditService;
  logger: Logger;
  /** "Analysis ready" once an import is done; every production caller passes it (worker/wiring/). */
  notices?: Pick<AnalysisNotices, 'analysed'>;
  /**
   * Wellness in FIT files (a scale's weight, a night's sleep and HRV; ADR 072) and a Garmin export's wellness files
   * (ADR 073) are stored through it; every production caller passes it (worker/wiring/).
   */
  wellness?: Pick<WellnessService, 'recordDevice' | 'unchangedDevice'>;
}

export function createImportsService(deps: Deps) {
  const repo = createImportsRepo(deps.db);

  const service = {
    /** Stores the upload in R2, records the job and queues it; the request never waits for parsing. */
    async accept(actor: Actor, file: { name: string; size: number; body: ReadableStream<Uint8Array> | Blob }): Promise<ImportJob> {
      if (file.size <= 0) throw new AppError(ErrorCode.VALIDATION, 'The file is empty.');
      if (file.size > UPLOAD_LIMITS.maxUploadBytes)
        throw new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `Files up to ${UPLOAD_LIMITS.maxUploadBytes / 1024 / 1024} MiB can be imported.`);
      const id = crypto.randomUUID();
      const objectKey = `imports/${actor.id}/${id}`;
      await deps.bucket.put(objectKey, file.body);
      const row = await repo.insert({ id, userId: actor.id, filename: safeName(file.name), objectKey, sizeBytes: file.size });
      await deps.queue.send({ importId: id });
      await deps.audit.record({ actor, action: 'import.created', target: { type: 'import', id }, payload: { sizeBytes: file.size } });
      return present(row);
    },

    /**
     * An original restored from the athlete's Cadence archive (ADR 041), already stored at `objectKey`, recorded
     * under the id the re-import derived from it: false when that import exists already (a second re-import).
     * The caller then runs `process` on it, the same path as an upload.
     */
    async restore(userId: string, input: { id: string; filename: string; objectKey: string; sizeBytes: number }): Promise<boolean> {
      return repo.insertIfAbsent({ ...input, userId, filename: safeName(input.filename) });
    },

    async get(userId: string, id: string): Promise<ImportJob> {
      const row = await repo.find(userId, id);
      if (!row) throw notFound('Import');
      return present(row);
    },

    list: async (userId: string, limit = 20) => (await repo.list(userId, limit)).map(present),

    /**
     * Cron: jobs whose consumer died mid-import (a lapsed lease) are queued again (the upsert makes a rerun
     * converge), and queued ones whose message was lost are sent again.
     */
    async reclaimStale(now: Date): Promise<number> {
      // Lost ones first: a job re-queued just below is not lost (its message goes now).
      const ids = await repo.lostQueued(LOST_QUEUED_MS);
      const later = new Date(now.getTime() + LOST_QUEUED_MS);
      ids.push(...(await repo.reclaimStale(new Date(now.getTime() - STALE_RUNNING_MS), MAX_ATTEMPTS, later)));
      for (const importId of ids) await deps.queue.send({ importId });
      return ids.length;
    },

    /**
     * Operators: a failed (or interrupted) import, or one that brought nothing in, processed again from its
     * stored upload. An import that brought something in is a 409, a queued one changes nothing, and a file no
     * longer in storage is a 409 asking for a new upload.
     * `record` writes the audit row in the retry's transaction; the queue message goes after the commit.
     */
    async retry(
      userId: string,
      importId: string,
      record: (tx: Executor, change: { before: ImportJob; after: { status: 'queued' } }) => Promise<void>,
      /** Why this import's cause makes a retry useless (the caller's rule), refused with a 409; null when it may help. */
      refuse: (row: ImportRow) => string | null = () => null,
    ): Promise<{ changed: boolean; import: ImportJob }> {
      const staleBefore = Date.now() - STALE_RUNNING_MS;
      const out = await deps.db.transaction(async (tx) => {
        const r = createImportsRepo(tx);
        const row = await r.lockOwned(userId, importId);
        if (!row) throw notFound('Import');
        if (row.status === 'done' && !importedNothing(row))
          throw new AppError(ErrorCode.CONFLICT, 'This import already finished; there is nothing to retry.');
        // Stuck: its lease lapsed (a claim without one: started long ago).
        const stuck =
          row.status === 'running' &&
          (row.leaseUntil ? row.leaseUntil.getTime() < Date.now() : (row.startedAt?.getTime() ?? 0) < staleBefore);
        if (row.status === 'queued' || (row.status === 'running' && !stuck)) return { changed: false, import: present(row) };
        const refusal = refuse(row);
        if (refusal) throw new AppError(ErrorCode.CONFLICT, refusal);
        if (!(await deps.bucket.head(row.objectKey)))
          throw new AppError(ErrorCode.CONFLICT, 'The uploaded file is no longer stored. Ask the athlete to upload it again.');
        await r.resetForRetry(row.id);
        await record(tx, { before: present(row), after: { status: 'queued' } });
        return { changed: true, import: { ...present(row), status: 'queued' as const, error: null, finishedAt: null } };
      });
      if (out.changed) await deps.queue.send({ importId });
      return out;
    },

    /**
     * The imports consumer: parse streaming from R2, upsert in chunks, record counts and reasons. The claim is a
     * lease its heartbeat renews: a second delivery meanwhile does nothing, and a killed worker's job is taken
     * again by the minute sweep once the lease lapses (ADR 089).
     */
    async process(importId: string, fallbackTimeZone: (userId: string) => Promise<string>): Promise<void> {
      const job = await repo.claim(importId, leaseFrom());
      if (!job) return;
      await withLease(
        () => repo.renewLease(job.id, leaseFrom()),
        () => run(job, fallbackTimeZone),
      );
    },
  };

  async function run(job: ImportRow, fallbackTimeZone: (userId: string) => Promise<string>): Promise<void> {
    const garminWellness = deps.wellness && wellnessStore(deps.wellness, job.userId);
    const parse = parseUpload({
      name: job.filename,
      open: async () => {
        const obj = await deps.bucket.get(job.objectKey);
        if (!obj) throw new Error('upload missing from storage');
        return obj.body;
      },
      fallbackTimeZone: await fallbackTimeZone(job.userId),
      exportWellness: garminWellness?.sink,
    });
    let imported = 0;
    let duplicates = 0;
    let upgraded = 0;
    let keptStrava = 0;
    let created = 0;
    let batch: ActivityInput[] = [];
    let points = 0;
    // Every activity the file held, to tell afterwards which of them this import was first to store.
    const held: { source: string; externalId: string }[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const r = await deps.activities.ingestMany(job.userId, batch);
      imported += r.created + r.updated + r.upgraded;
      created += r.created;
      // A Strava copy kept instead of an archive summary: the activity was already there.
      duplicates += r.unchanged + r.linked + r.keptStrava;
      upgraded += r.upgraded;
      keptStrava += r.keptStrava;
      batch = [];
      points = 0;
    };
    let wellness: ImportSummary['wellness'];
    const summaryOf = (): ImportSummary => ({
      ...(upgraded ? { upgraded } : {}),
      ...(keptStrava ? { keptStrava } : {}),
      ...(parse.archive ? { stravaArchive: parse.archive } : {}),
      ...(wellness ? { wellness } : {}),
      ...(parse.exportWellness && garminWellness ? { garminWellness: garminWellness.report(parse.exportWellness) } : {}),
    });
    /** The files' wellness, through the one entry of the wellness feature: by the reading's id, so a re-import changes nothing. */
    const storeWellness = async () => {
      if (!parse.wellness.length && !parse.wellnessLeft.length) return;
      const by = (k: string) => parse.wellness.filter((r) => r.kind === k).length;
      let rejected = 0;
      if (parse.wellness.length && deps.wellness) {
        const r = await deps.wellness.recordDevice(
          job.userId,
          'fit',
          parse.wellness.map(({ externalId, day, values }) => ({ externalId, day, values })),
        );
        rejected = r.rejected.length;
      }
      wellness = { weight: by('weight'), sleep: by('sleep'), hrv: by('hrv'), rejected, left: parse.wellnessLeft.slice(0, 20) };
    };
    const take = turnTaker(TURN_STREAM_POINTS);
    try {
      for await (const activity of parse.activities) {
        batch.push(activity);
        held.push({ source: activity.source, externalId: activity.externalId });
        points += activity.streams?.t.length ?? 0;
        await take((activity.streams?.t.length ?? 0) + 1); // between files, the isolate's other requests run
        if (batch.length >= FLUSH_ACTIVITIES || points >= FLUSH_STREAM_POINTS) await flush();
      }
      await flush();
      await storeWellness();
      // A rerun after a killed attempt: what that attempt stored was imported by this job, not already there.
      if (job.attempts > 1) {
        const earlier = (await repo.createdSince(job.userId, job.createdAt, held)).length - created;
        if (earlier > 0) {
          imported += earlier;
          duplicates -= earlier;
        }
      }
    } catch (err) {
      // Limits and unreadable archives fail the job plainly; the parser throws them before any activity.
      const known = err instanceof ZipLimitError || (err instanceof Error && err.name === 'ZipFormatError');
      if (!known && job.attempts < MAX_ATTEMPTS) {
        await repo.requeue(job.id);
        throw err;
      }
      const message = known ? (err as Error).message : IMPORT_FAILED;
      await repo.finish(job.id, {
        status: 'error',
        kind: parse.kind ?? null,
        found: parse.found,
        imported,
        duplicates,
        skipped: parse.skipped,
        warnings: parse.warnings,
        summary: summaryOf(),
        error: message,
      });
      deps.logger.warn('import failed', { job: 'imports', errorName: err instanceof Error ? err.name : 'unknown' });
      return;
    }
    await repo.finish(job.id, {
      status: 'done',
      kind: parse.kind ?? null,
      found: parse.found,
      imported,
      duplicates,
      skipped: parse.skipped,
      warnings: parse.warnings,
      summary: summaryOf(),
    });
    deps.logger.info('import done', {
      job: 'imports',
      count: parse.found,
      imported,
      duplicates,
      upgraded,
      skippedCount: parse.skipped.length,
      warningCount: parse.warnings.length,
    });
    // After the job's own commit: a notice that cannot be prepared is logged, and the import stays done.
    const notices = deps.notices;
    if (notices)
      await repo
        .createdSince(job.userId, job.createdAt, held)
        .then((activityIds) => notices.analysed(job.userId, { source: 'import', key: `import:${job.id}`, activityIds }))
        .catch((err: unknown) =>
          deps.logger.error('analysis notice failed', {
            job: 'imports',
            importId: job.id,
            errorName: err instanceof Error ? err.name : 'unknown',
          }),
        );
  }

  return service;
}

export type ImportsService = ReturnType<typeof createImportsService>;
