// "Import a Cadence archive" (ADR 041): an archive made by "Download my data" restored into the signed-in
// account. The upload is checked against its manifest before anything is accepted (a changed file is a 400
// naming it); the privacy queue's job then restores settings, thresholds, activities (their original files
// through the normal import path first, the rest from their rows), notes, and plans with their history.
// Every restored row gets an id derived from the account and the archive's id, and every write skips what is
// there, so a second import of the same archive changes nothing.
import { refuseWhileImpersonating } from '../../../http/guards';
import { AppError, ErrorCode } from '../../../lib/errors';
import { formatBytes } from '../../../lib/format';
import type { Actor } from '../../audit';
import { MULTIPART_MAX_BYTES } from '../../ingest';
import { openArchive, r2Source, REIMPORT_MAX_BYTES } from './archive';
import { ArchiveDataError } from './json-rows';
import type { ReimportDeps } from './reimport.deps';
import { createReimportRepo, type ReimportRow } from './reimport.repo';
import { type ReimportReport, restoreArchive } from './restore';
import { ZipReadError } from './zip-reader';

export type { ReimportReport } from './restore';
export type { ReimportDeps } from './reimport.deps';

/** What the upload reader (lib/upload-reader.ts) lets through: the raw archive up to 2 GiB, a form as imports take it. */
export const REIMPORT_UPLOAD_CAPS = { rawBytes: REIMPORT_MAX_BYTES, formBytes: MULTIPART_MAX_BYTES, what: 'archives' } as const;
const STALE_RUNNING_MS = 15 * 60 * 1000;
const MAX_ATTEMPTS = 3;

type Row = Record<string, unknown>;

/** What the archive holds that a re-import leaves out, and why (shown with the report, ADR 041). */
export const NOT_RESTORED: readonly { area: string; why: string }[] = [
  { area: 'Account, sign-in and sessions', why: 'you are signed in to this account; its email, password and sessions stay as they are' },
  { area: 'Membership and billing', why: 'payments live with Stripe and belong to the account that paid' },
  { area: 'Connections (Strava, Garmin, Polar)', why: 'their access tokens are never exported; connect again to resume syncing' },
  { area: 'Connected assistants', why: 'listed in the archive to read; their tokens are never exported, so connect the assistant again' },
  { area: 'AI coach conversations', why: 'kept in the archive to read; the coach starts fresh in this account' },
  { area: 'Coaching business records and coach links', why: 'they belong to the coach’s organisation, not to this account' },
  { area: 'Notifications and the audit log', why: 'a record of what happened in the old account' },
  { area: 'Planned races and their predictions', why: 'kept in the archive to read; add the races again and they are predicted afresh' },
  { area: 'Sweat tests and the gut-training log', why: 'kept in the archive to read; log them again for the fuelling plan' },
  { area: 'Derived figures (loads, bests, daily totals)', why: 'recomputed from the restored activities and thresholds, as on any import' },
];

export interface ReimportView {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  requestedAt: string;
  completedAt: string | null;
  report: ReimportReport | null;
  notRestored: { area: string; why: string }[];
  error: string | null;
}

const present = (row: ReimportRow): ReimportView => ({
  id: row.id,
  status: row.status === 'done' ? 'done' : row.status === 'failed' ? 'failed' : row.status === 'running' ? 'running' : 'queued',
  requestedAt: row.requestedAt.toISOString(),
  completedAt: row.completedAt?.toISOString() ?? null,
  report: row.status === 'done' ? (row.result as unknown as ReimportReport) : null,
  notRestored: [...NOT_RESTORED],
  error: row.status === 'failed' ? (row.error ?? 'The import failed.') : null,
});

export function createReimportService(deps: ReimportDeps) {
  const repo = createReimportRepo(deps.db);

  return {
    /** Stores the archive, checks every file against the manifest, and queues the restore. */
    async accept(actor: Actor, file: { size: number; body: ReadableStream<Uint8Array> | Blob }): Promise<ReimportView> {
      refuseWhileImpersonating(actor, 'import a data archive into this account');
      if (file.size <= 0) throw new AppError(ErrorCode.VALIDATION, 'The file is empty.');
      if (file.size > REIMPORT_MAX_BYTES)
        throw new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `Archives up to ${formatBytes(REIMPORT_MAX_BYTES)} can be imported.`);
      const objectKey = `privacy-reimports/${actor.id}/${crypto.randomUUID()}.zip`;
      await deps.bucket.put(objectKey, file.body);
      try {
        await openArchive(r2Source(deps.bucket, objectKey, file.size), deps.hasher, true);
        const row = await repo.insertRequest(actor.id, objectKey, file.size, deps.clock.now());
        if (!row) throw new AppError(ErrorCode.CONFLICT, 'An archive is already being imported into your account; wait for its report.');
        await deps.queue.send({ kind: 'reimport', requestId: row.id });
        await deps.audit.record({
          actor,
          action: 'privacy.reimport_requested',
          target: { type: 'privacy_request', id: row.id },
          payload: { sizeBytes: file.size },
        });
        return present(row);
      } catch (err) {
        await deps.bucket.delete(objectKey);
        throw err;
      }
    },

    list: async (userId: string): Promise<ReimportView[]> => (await repo.list(userId, 10)).map(present),

    /** The job: restore everything restorable; safe to run again (after a crash, or a second upload). */
    async run(requestId: string): Promise<void> {
      const now = deps.clock.now();
      const row = await repo.claim(requestId, now, new Date(now.getTime() - STALE_RUNNING_MS));
      if (!row?.userId) return;
      const { objectKey, sizeBytes, attempts = 0 } = row.progress as { objectKey: string; sizeBytes: number; attempts?: number };
      try {
        const report = await restoreArchive(deps, repo, row.userId, r2Source(deps.bucket, objectKey, sizeBytes));
        await repo.finish(row.id, { status: 'done', result: report as unknown as Record<string, unknown>, now: deps.clock.now() });
        await deps.bucket.delete(objectKey);
        deps.logger.info('reimport done', { job: 'privacy.reimport', requestId: row.id, count: report.activities.inArchive });
      } catch (err) {
        deps.logger.warn('reimport failed', {
          job: 'privacy.reimport',
          requestId: row.id,
          errorName: err instanceof Error ? err.name : 'unknown',
        });
        // A file that cannot be read will not read on a retry: fail once, naming it (the athlete can act on that).
        const permanent = err instanceof ArchiveDataError || err instanceof ZipReadError;
        if (!permanent && attempts + 1 < MAX_ATTEMPTS) {
          await repo.requeue(row.id, { ...(row.progress as Row), attempts: attempts + 1 }, deps.clock.now());
          throw err;
        }
        await repo.finish(row.id, {
          status: 'failed',
          result: {},
          error: permanent
            ? `The archive could not be imported: ${err.message}`
            : 'The archive could not be imported. Try again, or contact support.',
          now: deps.clock.now(),
        });
      }
    },
  };
}

export type ReimportService = ReturnType<typeof createReimportService>;
