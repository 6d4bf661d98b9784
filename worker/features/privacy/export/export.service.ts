// "Download my data" (ADR 041): one request at a time per person, built by the privacy queue's export job into
// one zip in R2 — every row the data map exports, spreadsheet views, the original files, the plans' exports and
// a manifest with every file's SHA-256 — then offered to its owner only, for 72 hours.
//
// The job works in slices: it writes entries until its time is up, saves a checkpoint (the zip's central
// records, the manifest so far, the bytes not yet sent as a part) and queues itself again. A crash loses at
// most the slice since the last checkpoint; a checkpoint that cannot be read restarts the archive from scratch.
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { csvRows, toCsv } from '../../../lib/csv';
import { refuseWhileImpersonating } from '../../../http/guards';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import { isUuid } from '../../../lib/ids';
import type { Logger } from '../../../lib/logger';
import type { Actor, AuditService } from '../../audit';
import type { Notifier } from '../../notifications';
import { PERSONAL_TABLES, type PersonalTable } from '../data-map';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { createExportRepo, type Cursor, type PrivacyRequestRow } from './export.repo';
import { buildManifest, dataFilePath, MANIFEST_NAME, type ManifestFile } from './manifest';
import { PART_BYTES, PartSink, type UploadedPart } from './part-sink';
import { type Hasher, ZipWriter, type ZipState } from './zip-writer';
import { chunksOf } from '../../../lib/streams';

/** How long a ready archive can be downloaded. */
export const EXPORT_TTL_MS = 72 * 60 * 60 * 1000;
/** How long one invocation writes before it checkpoints and queues the rest (well inside a consumer's limits). */
export const EXPORT_SLICE_MS = 60_000;
/** A slice's claim on the request lasts this much longer than the slice, then another delivery may take it. */
const LEASE_MARGIN_MS = 5 * 60_000;
const MAX_ATTEMPTS = 5;
const PAGE_ROWS = 500;
/** Per-second streams are large rows: fewer per page. */
const PAGE_ROWS_BY_TABLE: Record<string, number> = { activity_streams: 20 };
/** A data file is closed and the next one opened past this many bytes, so no entry grows without bound. */
const FILE_BYTES = 32 * 1024 * 1024;
const ORIGINALS_PAGE = 25;

export const archiveKey = (userId: string, requestId: string) => `privacy-exports/${userId}/${requestId}.zip`;
/** Every object one export writes (its archive and checkpoints) starts with this; retention deletes by it. */
export const exportObjectsPrefix = (userId: string, requestId: string) => `privacy-exports/${userId}/${requestId}.`;
const checkpointKey = (userId: string, requestId: string, seq: number) => `privacy-exports/${userId}/${requestId}.checkpoint-${seq}`;

/** Where the athlete's own objects live in R2 (uploads, and files fetched from Garmin and Polar until imported). */
export const ORIGINAL_PREFIXES = (userId: string) => [`imports/${userId}/`, `file-doors/${userId}/`];

type Step =
  | { kind: 'table'; entry: PersonalTable; name: string; area: string }
  | { kind: 'csv'; name: 'activities' | 'planned_workouts' | 'ai_coach_messages' }
  | { kind: 'originals' }
  | { kind: 'plans' };

/** The job's plan, from the data map: every exported table, then the spreadsheets, the originals and the plans. */
export function exportSteps(): Step[] {
  const tables: Step[] = PERSONAL_TABLES.flatMap((entry) =>
    'area' in entry.export ? [{ kind: 'table' as const, entry, name: getTableConfig(entry.table).name, area: entry.export.area }] : [],
  );
  return [
    ...tables,
    { kind: 'csv', name: 'activities' },
    { kind: 'csv', name: 'planned_workouts' },
    { kind: 'csv', name: 'ai_coach_messages' },
    { kind: 'originals' },
    { kind: 'plans' },
  ];
}

/** A spreadsheet view, written page by page in id order. */
interface Sheet {
  header: string[];
  page(userId: string, afterId: string | null, limit: number): Promise<{ id: string }[]>;
  row(r: { id: string }): unknown[];
}
const sheet = <T extends { id: string }>(s: {
  header: string[];
  page(userId: string, afterId: string | null, limit: number): Promise<T[]>;
  row(r: T): unknown[];
}): Sheet => s as unknown as Sheet;

/** What privacy_requests.progress holds for an export. */
interface Progress {
  uploadId?: string;
  createdAt?: string;
  step: number;
  cursor: unknown;
  chunk: number;
  parts: UploadedPart[];
  /** The checkpoint object that matches this progress (0: none yet). */
  seq: number;
  filesWritten: number;
  bytesWritten: number;
  slices: number;
}

const fresh = (): Progress => ({ step: 0, cursor: null, chunk: 1, parts: [], seq: 0, filesWritten: 0, bytesWritten: 0, slices: 0 });

interface Checkpoint {
  seq: number;
  zip: ZipState;
  files: ManifestFile[];
}

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

export interface ExportDeps {
  db: Db;
  bucket: R2Bucket;
  queue: Queue<unknown>;
  clock: Clock;
  logger: Logger;
  audit: AuditService;
  notify: Notifier;
  hasher: () => Hasher;
  /** How long one invocation writes (EXPORT_SLICE_MS in production). */
  sliceMs: number;
  /** A plan's exports (ICS, workout files) as the plans feature renders them. */
  planFiles: (userId: string, planId: string) => Promise<{ name: string; bytes: Uint8Array }[]>;
}

const encoder = new TextEncoder();

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

/** Another consumer holds the request's lease: retry the message later rather than drop it. */
export class ExportBusyError extends Error {
  override name = 'ExportBusyError';
}

export function createExportService(deps: ExportDeps) {
  const repo = createExportRepo(deps.db);

  async function readCheckpoint(userId: string, requestId: string, seq: number): Promise<(Checkpoint & { carry: Uint8Array }) | null> {
    if (seq === 0) return null;
    const obj = await deps.bucket.get(checkpointKey(userId, requestId, seq));
    if (!obj) return null;
    const bytes = new Uint8Array(await obj.arrayBuffer());
    const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
    const head = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) as Checkpoint;
    return head.seq === seq ? { ...head, carry: bytes.slice(4 + length) } : null;
  }

  async function writeCheckpoint(userId: string, requestId: string, ck: Checkpoint, carry: Uint8Array): Promise<void> {
    const head = encoder.encode(JSON.stringify(ck));
    const out = new Uint8Array(4 + head.length + carry.length);
    new DataView(out.buffer).setUint32(0, head.length, true);
    out.set(head, 4);
    out.set(carry, 4 + head.length);
    await deps.bucket.put(checkpointKey(userId, requestId, ck.seq), out);
  }

  async function deleteCheckpoints(userId: string, requestId: string): Promise<void> {
    const prefix = `privacy-exports/${userId}/${requestId}.checkpoint-`;
    let cursor: string | undefined;
    do {
      const page = await deps.bucket.list({ prefix, cursor });
      if (page.objects.length) await deps.bucket.delete(page.objects.map((o) => o.key));
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
  }

  /** Writes the files of one unit of work (a data file, a spreadsheet, a page of originals, a plan) and moves `p` on. */
  async function runUnit(userId: string, step: Step, p: Progress, zip: ZipWriter, files: ManifestFile[]): Promise<void> {
    const add = async (
      file: Omit<ManifestFile, 'bytes' | 'sha256'>,
      content: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
      store = false,
    ) => {
      const written = await zip.add(file.path, content, { store });
      files.push({ ...file, bytes: written.size, sha256: written.sha256 });
      p.filesWritten++;
      p.bytesWritten = zip.state.offset;
    };
    const next = () => {
      p.step++;
      p.cursor = null;
      p.chunk = 1;
    };

    if (step.kind === 'table') {
      const { entry } = step;
      const limit = PAGE_ROWS_BY_TABLE[step.name] ?? PAGE_ROWS;
      let cursor = p.cursor as Cursor | null;
      let rows = 0;
      let exhausted = false;
      // One row per line inside a JSON array: valid JSON for anyone, and readable line by line on re-import.
      async function* lines(): AsyncGenerator<Uint8Array> {
        yield encoder.encode('[\n');
        let bytes = 0;
        let first = true;
        while (bytes < FILE_BYTES) {
          const page = await repo.page(entry, userId, cursor, limit);
          for (const r of page.rows) {
            const line = encoder.encode(`${first ? '' : ',\n'}${JSON.stringify(r)}`);
            first = false;
            bytes += line.length;
            rows++;
            yield line;
          }
          if (page.cursor) cursor = page.cursor;
          if (page.rows.length < limit) {
            exhausted = true;
            break;
          }
        }
        yield encoder.encode('\n]\n');
      }
      await add({ path: dataFilePath(step.area, step.name, p.chunk), kind: 'data', table: step.name, area: step.area }, lines());
      // `rows` is final once the entry is written; patch it into the record just pushed.
      files[files.length - 1]!.rows = rows;
      if (exhausted) next();
      else {
        p.cursor = cursor;
        p.chunk++;
      }
      return;
    }

    if (step.kind === 'csv') {
      const sheet = sheets[step.name];
      let rows = 0;
      async function* csv(): AsyncGenerator<Uint8Array> {
        yield encoder.encode(toCsv(sheet.header, []));
        let after: string | null = null;
        for (;;) {
          const page: { id: string }[] = await sheet.page(userId, after, PAGE_ROWS);
          if (!page.length) break;
          rows += page.length;
          yield encoder.encode(csvRows(page.map(sheet.row)));
          after = page.at(-1)!.id;
          if (page.length < PAGE_ROWS) break;
        }
      }
      await add({ path: `spreadsheets/${step.name}.csv`, kind: 'csv' }, csv());
      files[files.length - 1]!.rows = rows;
      next();
      return;
    }

    if (step.kind === 'originals') {
      const at = (p.cursor as { prefix: number; after: string | null } | null) ?? { prefix: 0, after: null };
      const prefixes = ORIGINAL_PREFIXES(userId);
      const prefix = prefixes[at.prefix];
      if (!prefix) return next();
      const page = await deps.bucket.list({ prefix, limit: ORIGINALS_PAGE, ...(at.after ? { startAfter: at.after } : {}) });
      const importIds = page.objects.map((o) => o.key.slice(prefix.length)).filter(isUuid);
      const names = prefix.startsWith('imports/') ? await repo.uploadNames(userId, importIds) : new Map<string, string>();
      for (const o of page.objects) {
        const obj = await deps.bucket.get(o.key);
        if (!obj) continue; // deleted since it was listed (an import finished, a door disconnected)
        const rest = o.key.slice(prefix.length);
        const path = prefix.startsWith('imports/')
          ? `originals/uploads/${rest}/${names.get(rest) ?? 'upload'}`
          : `originals/${rest
              .split('/')
              .map((s) => safeSegment(decodeURIComponentSafe(s)))
              .join('/')}`;
        await add({ path, kind: 'original' }, chunksOf(obj.body), /\.(zip|gz|fit\.gz|gpx\.gz|tcx\.gz)$/i.test(path));
      }
      if (page.truncated && page.objects.length) p.cursor = { prefix: at.prefix, after: page.objects.at(-1)!.key };
      else if (at.prefix + 1 < prefixes.length) p.cursor = { prefix: at.prefix + 1, after: null };
      else next();
      return;
    }

    // Plans: one plan per unit, its calendar and workout files.
    const [plan] = await repo.planIds(userId, (p.cursor as string | null) ?? null, 1);
    if (!plan) return next();
    for (const f of await deps.planFiles(userId, plan.id))
      await add({ path: `plans/${plan.startDate}-${plan.id.slice(0, 8)}/${f.name}`, kind: 'plan' }, [f.bytes]);
    p.cursor = plan.id;
  }

  const sheets: Record<'activities' | 'planned_workouts' | 'ai_coach_messages', Sheet> = {
    activities: sheet({
      header: [
        'id',
        'date',
        'start_time',
        'name',
        'sport',
        'type',
        'source',
        'source_id',
        'moving_time_s',
        'elapsed_time_s',
        'distance_m',
        'elevation_gain_m',
        'avg_hr',
        'max_hr',
        'avg_power',
        'normalized_power',
        'avg_cadence',
        'calories',
        'load',
        'load_method',
        'rpe',
        'note',
        'duplicate_of',
      ],
      page: (u: string, a: string | null, n: number) => repo.activitySheet(u, a, n),
      row: (r) => [
        r.id,
        r.localStartDate,
        r.startTime,
        r.name,
        r.sport,
        r.sportOriginal,
        r.source,
        r.externalId,
        r.movingTimeS,
        r.elapsedTimeS,
        r.distanceM,
        r.elevationGainM,
        r.avgHr,
        r.maxHr,
        r.avgPower,
        r.normalizedPower,
        r.avgCadence,
        r.calories,
        r.load,
        r.loadMethod,
        r.rpe,
        r.note,
        r.duplicateOf,
      ],
    }),
    planned_workouts: sheet({
      header: [
        'id',
        'plan_id',
        'plan_status',
        'date',
        'week',
        'phase',
        'sport',
        'type',
        'title',
        'duration_s',
        'distance_m',
        'target_load',
        'skipped',
        'linked_activity_id',
        'description',
        'why',
      ],
      page: (u: string, a: string | null, n: number) => repo.workoutSheet(u, a, n),
      row: (r) => [
        r.id,
        r.planId,
        r.planStatus,
        r.date,
        r.week,
        r.phase,
        r.sport,
        r.type,
        r.title,
        r.durationSec,
        r.distanceM,
        r.targetLoad,
        r.skipped,
        r.linkedActivityId,
        r.description,
        r.why,
      ],
    }),
    ai_coach_messages: sheet({
      header: ['id', 'conversation_id', 'conversation', 'created_at', 'role', 'status', 'content'],
      page: (u: string, a: string | null, n: number) => repo.coachMessageSheet(u, a, n),
      row: (r) => [r.id, r.conversationId, r.conversation, r.createdAt, r.role, r.status, r.content],
    }),
  };

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
    async run(requestId: string, meta: { attempts: number }): Promise<void> {
      if (!isUuid(requestId)) return;
      const now = deps.clock.now();
      const row = await repo.claim(requestId, now, new Date(now.getTime() + deps.sliceMs + LEASE_MARGIN_MS));
      if (!row) {
        const status = await repo.status(requestId);
        if (status === 'queued' || status === 'running') throw new ExportBusyError('another delivery holds the export');
        return;
      }
      const userId = row.userId;
      if (!userId) return;
      const started = Date.now();
      // The lease is the claim's own; it is never saved back (a saved lease would lock the next slice out).
      const { leaseUntil: _lease, ...saved } = row.progress as Partial<Progress> & { leaseUntil?: string };
      let p: Progress = { ...fresh(), ...saved };
      try {
        await slice();
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

      async function slice(): Promise<void> {
        const key = archiveKey(userId!, row!.id);
        let upload: R2MultipartUpload | null = null;
        let restored: (Checkpoint & { carry: Uint8Array }) | null = null;
        if (p.uploadId) {
          upload = deps.bucket.resumeMultipartUpload(key, p.uploadId);
          restored = await readCheckpoint(userId!, row!.id, p.seq);
          // Progress past its last checkpoint, or no checkpoint yet: start over rather than guess.
          if (!restored || p.seq === 0) {
            await upload.abort().catch(() => undefined);
            await deleteCheckpoints(userId!, row!.id);
            upload = null;
            restored = null;
            p = fresh();
          }
        }
        if (!upload) {
          upload = await deps.bucket.createMultipartUpload(key, { httpMetadata: { contentType: 'application/zip' } });
          p = { ...fresh(), uploadId: upload.uploadId, createdAt: deps.clock.now().toISOString(), slices: p.slices };
        }
        p.slices++;
        const createdAt = new Date(p.createdAt ?? row!.requestedAt.toISOString());
        const sink = new PartSink(upload, { partBytes: PART_BYTES, parts: restored ? p.parts : [], carry: restored?.carry });
        const zip = new ZipWriter(sink, { modified: createdAt, hasher: deps.hasher, state: restored?.zip });
        const files: ManifestFile[] = restored ? restored.files : [];
        const steps = exportSteps();

        while (p.step < steps.length) {
          await runUnit(userId!, steps[p.step]!, p, zip, files);
          if (p.step < steps.length && Date.now() - started >= deps.sliceMs) {
            // Checkpoint: the object first, then the progress that names it; a crash between leaves the older pair.
            const seq = p.seq + 1;
            await writeCheckpoint(userId!, row!.id, { seq, zip: zip.state, files }, sink.carry);
            const previous = p.seq;
            p = { ...p, seq, parts: [...sink.parts] };
            await repo.saveProgress(row!.id, p as unknown as Record<string, unknown>, deps.clock.now());
            if (previous) await deps.bucket.delete(checkpointKey(userId!, row!.id, previous));
            await deps.queue.send({ kind: 'export', requestId: row!.id });
            return;
          }
        }

        const manifest = buildManifest({ createdAt, accountId: userId!, requestId: row!.id, files });
        await zip.add(MANIFEST_NAME, [encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`)]);
        const { bytes } = await zip.finish();
        await upload.complete(await sink.close());
        await deleteCheckpoints(userId!, row!.id);
        const done = deps.clock.now();
        const expiresAt = new Date(done.getTime() + EXPORT_TTL_MS);
        await repo.markReady(row!.id, {
          progress: { ...p, step: steps.length + 1, parts: [], bytesWritten: bytes, filesWritten: files.length + 1 },
          result: { bytes, files: files.length + 1, counts: manifest.counts },
          now: done,
          expiresAt,
        });
        deps.logger.info('export ready', { job: 'privacy.export', requestId: row!.id, count: files.length + 1, bytes, slices: p.slices });
        await deps.notify.notify({
          userId: userId!,
          type: 'privacy.export_ready',
          dedupeKey: `privacy.export_ready:${row!.id}`,
          data: { requestId: row!.id, bytes, expiresAt: expiresAt.toISOString() },
        });
      }
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;

const safeSegment = (s: string) =>
  s
    .replace(/[\\/\u0000-\u001f]/g, '_')
    .replace(/^\.+$/, '_')
    .slice(0, 200) || '_';

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
