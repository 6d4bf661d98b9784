// The export job (ADR 041), resumable: each delivery claims the request, writes entries until its slice is up,
// saves a checkpoint (the zip's central records, the manifest so far, the bytes not yet sent as a part) and queues
// itself again. A crash loses at most the slice since the last checkpoint; a checkpoint that cannot be read
// restarts the archive from scratch.
import { leaseFrom, withLease } from '../../../jobs/lease';
import { isUuid } from '../../../lib/ids';
import { type Checkpoint, checkpointKey, deleteCheckpoints, readCheckpoint, writeCheckpoint } from './checkpoints';
import { archiveKey, EXPORT_TTL_MS, type ExportDeps, ExportBusyError, fresh, type Progress } from './export.deps';
import type { ExportRepo, PrivacyRequestRow } from './export.repo';
import { buildManifest, MANIFEST_NAME, type ManifestFile } from './manifest';
import { PART_BYTES, PartSink } from './part-sink';
import { exportSteps, runUnit } from './steps';
import { ZipWriter } from './zip-writer';

const MAX_ATTEMPTS = 5;

/** One claimed request being written by this delivery. */
interface Run {
  deps: ExportDeps;
  repo: ExportRepo;
  row: PrivacyRequestRow;
  userId: string;
  /** When this delivery started (wall time: the slice is measured against it). */
  started: number;
}

/** The queue job: one slice of the archive, or the whole of it when it fits in one. */
export async function runExport(deps: ExportDeps, repo: ExportRepo, requestId: string, meta: { attempts: number }): Promise<void> {
  if (!isUuid(requestId)) return;
  const now = deps.clock.now();
  // A lease its heartbeat renews while the slice runs: a killed worker's lapses within LEASE_MS (ADR 089).
  const row = await repo.claim(requestId, now, leaseFrom(now));
  if (!row) {
    const status = await repo.status(requestId);
    if (status === 'queued' || status === 'running') throw new ExportBusyError('another delivery holds the export');
    return;
  }
  const userId = row.userId;
  if (!userId) return;
  const started = Date.now();
  // A lease kept in the progress before migration 0058 is not progress: it is dropped.
  const { leaseUntil: _lease, ...saved } = row.progress as Partial<Progress> & { leaseUntil?: string };
  try {
    await withLease(
      () => repo.renewLease(row.id, leaseFrom(deps.clock.now())),
      () => slice({ deps, repo, row, userId, started }, { ...fresh(), ...saved }),
    );
  } catch (err) {
    // Release the lease so the retry may continue — from the last checkpoint, which is what the row names.
    await repo.releaseLease(row.id, deps.clock.now()).catch(() => undefined);
    if (meta.attempts >= MAX_ATTEMPTS) {
      await repo.markFailed(row.id, 'The export could not be completed. Request it again, or contact support.', deps.clock.now());
      deps.logger.error('export failed', {
        job: 'privacy.export',
        requestId: row.id,
        errorName: err instanceof Error ? err.name : 'unknown',
      });
      return;
    }
    throw err;
  }
}

/** The multipart upload to write into: the saved one from its checkpoint, or a new one (and the progress to match). */
async function openUpload(run: Run, saved: Progress) {
  const { deps, userId, row } = run;
  const key = archiveKey(userId, row.id);
  let p = saved;
  let upload: R2MultipartUpload | null = null;
  let restored: (Checkpoint & { carry: Uint8Array }) | null = null;
  if (p.uploadId) {
    upload = deps.bucket.resumeMultipartUpload(key, p.uploadId);
    restored = await readCheckpoint(deps.bucket, userId, row.id, p.seq);
    // Progress past its last checkpoint, or no checkpoint yet: start over rather than guess.
    if (!restored || p.seq === 0) {
      await upload.abort().catch(() => undefined);
      await deleteCheckpoints(deps.bucket, userId, row.id);
      upload = null;
      restored = null;
      p = fresh();
    }
  }
  if (!upload) {
    upload = await deps.bucket.createMultipartUpload(key, { httpMetadata: { contentType: 'application/zip' } });
    p = { ...fresh(), uploadId: upload.uploadId, createdAt: deps.clock.now().toISOString(), slices: p.slices };
  }
  return { upload, restored, p };
}

/** Writes units until the archive is done (then finishes it) or the slice is up (then checkpoints). */
async function slice(run: Run, saved: Progress): Promise<void> {
  const { deps, repo, userId, row } = run;
  const opened = await openUpload(run, saved);
  const { upload, restored } = opened;
  let p = opened.p;
  p.slices++;
  const createdAt = new Date(p.createdAt ?? row.requestedAt.toISOString());
  const sink = new PartSink(upload, { partBytes: PART_BYTES, parts: restored ? p.parts : [], carry: restored?.carry });
  const zip = new ZipWriter(sink, { modified: createdAt, hasher: deps.hasher, state: restored?.zip });
  const files: ManifestFile[] = restored ? restored.files : [];
  const steps = exportSteps();

  while (p.step < steps.length) {
    await runUnit({ deps, repo, userId, p, zip, files }, steps[p.step]!);
    if (p.step < steps.length && Date.now() - run.started >= deps.sliceMs) {
      // Checkpoint: the object first, then the progress that names it; a crash between leaves the older pair.
      const seq = p.seq + 1;
      await writeCheckpoint(deps.bucket, userId, row.id, { seq, zip: zip.state, files }, sink.carry);
      const previous = p.seq;
      p = { ...p, seq, parts: [...sink.parts] };
      await repo.saveProgress(row.id, p as unknown as Record<string, unknown>, deps.clock.now());
      if (previous) await deps.bucket.delete(checkpointKey(userId, row.id, previous));
      await deps.queue.send({ kind: 'export', requestId: row.id });
      return;
    }
  }
  await finish(run, { p, upload, sink, zip, files, createdAt, steps: steps.length });
}

/** The manifest last, the upload completed, the request ready for 72 hours and its owner told. */
async function finish(
  run: Run,
  w: { p: Progress; upload: R2MultipartUpload; sink: PartSink; zip: ZipWriter; files: ManifestFile[]; createdAt: Date; steps: number },
): Promise<void> {
  const { deps, repo, userId, row } = run;
  const { p, files } = w;
  const manifest = buildManifest({ createdAt: w.createdAt, accountId: userId, requestId: row.id, files });
  await w.zip.add(MANIFEST_NAME, [new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`)]);
  const { bytes } = await w.zip.finish();
  await w.upload.complete(await w.sink.close());
  await deleteCheckpoints(deps.bucket, userId, row.id);
  const done = deps.clock.now();
  const expiresAt = new Date(done.getTime() + EXPORT_TTL_MS);
  await repo.markReady(row.id, {
    progress: { ...p, step: w.steps + 1, parts: [], bytesWritten: bytes, filesWritten: files.length + 1 },
    result: { bytes, files: files.length + 1, counts: manifest.counts },
    now: done,
    expiresAt,
  });
  deps.logger.info('export ready', { job: 'privacy.export', requestId: row.id, count: files.length + 1, bytes, slices: p.slices });
  await deps.notify.notify({
    userId,
    type: 'privacy.export_ready',
    dedupeKey: `privacy.export_ready:${row.id}`,
    data: { requestId: row.id, bytes, expiresAt: expiresAt.toISOString() },
  });
}
