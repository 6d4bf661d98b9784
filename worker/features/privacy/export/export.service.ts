// "Download my data" (ADR 041): one request at a time per person, built by the privacy queue's export job into
// one zip in R2 — every row the data map exports, spreadsheet views, the original files, the plans' exports and
// a manifest with every file's SHA-256 — then offered to its owner only, for 72 hours. This module holds the
// requests (request, list, status, download) and composes the job (export.job.ts, resumable in slices).
import { refuseWhileImpersonating } from '../../../http/guards';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import { isUuid } from '../../../lib/ids';
import type { Actor } from '../../audit';
import { archiveKey, type ExportDeps, fresh, type Progress } from './export.deps';
import { runExport } from './export.job';
import { createExportRepo, type PrivacyRequestRow } from './export.repo';
import { exportSteps } from './steps';

/** An open export with no lease and no change for this long lost its message (a killed worker): it is sent again. */
const QUIET_MS = 2 * 60_000;

export { archiveKey, EXPORT_SLICE_MS, EXPORT_TTL_MS, ExportBusyError, exportObjectsPrefix } from './export.deps';
export type { ExportDeps } from './export.deps';
export { exportSteps, ORIGINAL_PREFIXES } from './steps';

export interface ExportView {
  id: string;
  status: 'queued' | 'running' | 'ready' | 'expired' | 'failed';
  requestedAt: string;
  completedAt: string | null;
  expiresAt: string | null;
  progress: { steps: number; step: number; files: number; bytes: number };
  result: { bytes: number; files: number } | null;
  error: string | null;
}

function present(row: PrivacyRequestRow, now: Date): ExportView {
  const p = { ...fresh(), ...(row.progress as Partial<Progress>) };
  const lapsed = row.status === 'ready' && row.expiresAt !== null && row.expiresAt <= now;
  const result = row.result as { bytes?: number; files?: number } | null;
  return {
    id: row.id,
    status: lapsed ? 'expired' : (row.status as ExportView['status']),
    requestedAt: row.requestedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    progress: { steps: exportSteps().length + 1, step: p.step, files: p.filesWritten, bytes: p.bytesWritten },
    result: result && typeof result.bytes === 'number' ? { bytes: result.bytes, files: result.files ?? 0 } : null,
    error: row.status === 'failed' ? (row.error ?? 'The export failed.') : null,
  };
}

export function createExportService(deps: ExportDeps) {
  const repo = createExportRepo(deps.db);

  return {
    /** The open export, or a new one queued (one at a time: a second request answers with the running one). */
    async request(actor: Actor): Promise<{ export: ExportView; created: boolean }> {
      // The page's action reaches here without the route's guard: the act is the athlete's own on both paths.
      refuseWhileImpersonating(actor, 'export this account’s data');
      const now = deps.clock.now();
      const row = await repo.insertRequest(actor.id, now);
      if (!row) {
        const open = await repo.openRequest(actor.id);
        if (open) return { export: present(open, now), created: false };
        throw new AppError(ErrorCode.CONFLICT, 'An export was just requested; reload to see it.');
      }
      await deps.queue.send({ kind: 'export', requestId: row.id });
      await deps.audit.record({ actor, action: 'privacy.export_requested', target: { type: 'privacy_request', id: row.id } });
      return { export: present(row, now), created: true };
    },

    async list(userId: string): Promise<ExportView[]> {
      const now = deps.clock.now();
      return (await repo.list(userId, 10)).map((r) => present(r, now));
    },

    async get(userId: string, id: string): Promise<ExportView> {
      const row = isUuid(id) ? await repo.find(userId, id) : null;
      if (!row) throw notFound('Export');
      return present(row, deps.clock.now());
    },

    /** The archive for its owner while it is ready; another person's id is a 404, a lapsed one 410. */
    async download(actor: Actor, id: string): Promise<{ body: ReadableStream; size: number; fileName: string }> {
      refuseWhileImpersonating(actor, 'download this account’s data');
      const row = isUuid(id) ? await repo.find(actor.id, id) : null;
      if (!row) throw notFound('Export');
      const view = present(row, deps.clock.now());
      if (view.status === 'expired')
        throw new AppError(ErrorCode.GONE, 'This download has expired. Request a new export from Settings → Data.');
      if (view.status !== 'ready') throw new AppError(ErrorCode.CONFLICT, 'This export is not ready yet.');
      const obj = await deps.bucket.get(archiveKey(actor.id, row.id));
      if (!obj) throw new AppError(ErrorCode.GONE, 'This archive is no longer stored. Request a new export from Settings → Data.');
      await deps.audit.record({ actor, action: 'privacy.export_downloaded', target: { type: 'privacy_request', id: row.id } });
      return {
        body: obj.body,
        size: obj.size,
        fileName: `cadence-export-${(row.completedAt ?? row.requestedAt).toISOString().slice(0, 10)}.zip`,
      };
    },

    /** The queue job: one slice of the archive, or the whole of it when it fits in one. */
    run: (requestId: string, meta: { attempts: number }): Promise<void> => runExport(deps, repo, requestId, meta),

    /** The minute sweep: exports whose worker died (or whose message was lost) onto the queue again; how many. */
    async reclaimLapsed(): Promise<number> {
      const now = deps.clock.now();
      const ids = await repo.lapsed(now, new Date(now.getTime() - QUIET_MS));
      for (const requestId of ids) await deps.queue.send({ kind: 'export', requestId });
      return ids.length;
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
