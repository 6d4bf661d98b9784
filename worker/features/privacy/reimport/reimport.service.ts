// "Import a Cadence archive" (ADR 041): an archive made by "Download my data" restored into the signed-in
// account. The upload is checked against its manifest before anything is accepted (a changed file is a 400
// naming it); the privacy queue's job then restores settings, thresholds, activities (their original files
// through the normal import path first, the rest from their rows), notes, and plans with their history.
// Every restored row gets an id derived from the account and the archive's id, and every write skips what is
// there, so a second import of the same archive changes nothing.
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client';
import {
  activities,
  activityNotes,
  activityStreams,
  activityUnlinks,
  athleteIntake,
  athleteThresholds,
  notificationPreferences,
  planChanges,
  plannedWorkouts,
  plans,
  users,
} from '../../../db/schema';
import type { Clock } from '../../../lib/clock';
import { toHex } from '../../../lib/crypto';
import { refuseWhileImpersonating } from '../../../http/guards';
import { AppError, ErrorCode } from '../../../lib/errors';
import { formatBytes } from '../../../lib/format';
import type { Logger } from '../../../lib/logger';
import type { ActivitiesService, ActivityInput } from '../../activities';
import type { Actor, AuditService } from '../../audit';
import { type ImportsService, MULTIPART_MAX_BYTES } from '../../ingest';
import type { Hasher } from '../export/zip-writer';
import { createReimportRepo, type ReimportRow } from './reimport.repo';
import { entryChunks, type RangeSource, ZipReadError } from './zip-reader';
import { ArchiveDataError, jsonRows } from './json-rows';
import { openArchive, r2Source, REIMPORT_MAX_BYTES } from './archive';

/** What the upload reader (lib/upload-reader.ts) lets through: the raw archive up to 2 GiB, a form as imports take it. */
export const REIMPORT_UPLOAD_CAPS = { rawBytes: REIMPORT_MAX_BYTES, formBytes: MULTIPART_MAX_BYTES, what: 'archives' } as const;
const STALE_RUNNING_MS = 15 * 60 * 1000;
const MAX_ATTEMPTS = 3;
// Rows carry their per-second streams: a small batch keeps the isolate's memory flat.
const FLUSH_ACTIVITIES = 50;

type Row = Record<string, unknown>;

/** What the archive holds that a re-import leaves out, and why (shown with the report, ADR 041). */
export const NOT_RESTORED: readonly { area: string; why: string }[] = [
  { area: 'Account, sign-in and sessions', why: 'you are signed in to this account; its email, password and sessions stay as they are' },
  { area: 'Membership and billing', why: 'payments live with Stripe and belong to the account that paid' },
  { area: 'Connections (Strava, Garmin, Polar)', why: 'their access tokens are never exported; connect again to resume syncing' },
  { area: 'AI coach conversations', why: 'kept in the archive to read; the coach starts fresh in this account' },
  { area: 'Coaching business records and coach links', why: 'they belong to the coach’s organisation, not to this account' },
  { area: 'Notifications and the audit log', why: 'a record of what happened in the old account' },
  { area: 'Derived figures (loads, bests, daily totals)', why: 'recomputed from the restored activities and thresholds, as on any import' },
];

export interface ReimportReport {
  archive: { accountId: string; createdAt: string; files: number };
  settings: boolean;
  preferences: boolean;
  thresholds: number;
  uploads: { restored: number; alreadyThere: number };
  activities: { inArchive: number; fromFiles: number; fromRows: number; alreadyThere: number };
  notes: number;
  plans: { restored: number; workouts: number; changes: number; pausedBecauseActive: boolean };
}

export interface ReimportView {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  requestedAt: string;
  completedAt: string | null;
  report: ReimportReport | null;
  notRestored: { area: string; why: string }[];
  error: string | null;
}

export interface ReimportDeps {
  db: Db;
  bucket: R2Bucket;
  queue: Queue<unknown>;
  clock: Clock;
  logger: Logger;
  audit: AuditService;
  hasher: () => Hasher;
  activities: Pick<ActivitiesService, 'ingestMany'>;
  imports: Pick<ImportsService, 'restore' | 'process'>;
  timeZoneOf: (userId: string) => Promise<string>;
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

const encoder = new TextEncoder();

/** A stable id for a restored row: the same account and archive id give the same uuid (version 8, RFC 9562). */
export async function derivedId(userId: string, oldId: string): Promise<string> {
  const h = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(`cadence-reimport:${userId}:${oldId}`))).slice(0, 16);
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = toHex(h);
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Strings anywhere in a JSON value (object keys included) that are archive ids, replaced by their new ids. */
function remapIds(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') return ids.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => remapIds(v, ids));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [ids.get(k) ?? k, remapIds(v, ids)]));
  return value;
}

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
        const report = await restore(row.userId, r2Source(deps.bucket, objectKey, sizeBytes));
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

  async function restore(userId: string, src: RangeSource): Promise<ReimportReport> {
    const { manifest, byName } = await openArchive(src, deps.hasher, false);
    const filesOf = (table: PgTable) => {
      const name = getTableConfig(table).name;
      return manifest.files.filter((f) => f.kind === 'data' && f.table === name).map((f) => byName.get(f.path)!);
    };
    async function* rowsOf(table: PgTable): AsyncGenerator<Row> {
      for (const e of filesOf(table)) yield* jsonRows(entryChunks(src, e), e.name);
    }
    async function all(table: PgTable): Promise<Row[]> {
      const out: Row[] = [];
      for await (const r of rowsOf(table)) out.push(r);
      return out;
    }
    const report: ReimportReport = {
      archive: { accountId: manifest.accountId, createdAt: manifest.createdAt, files: manifest.files.length },
      settings: false,
      preferences: false,
      thresholds: 0,
      uploads: { restored: 0, alreadyThere: 0 },
      activities: { inArchive: 0, fromFiles: 0, fromRows: 0, alreadyThere: 0 },
      notes: 0,
      plans: { restored: 0, workouts: 0, changes: 0, pausedBecauseActive: false },
    };
    const ids = new Map<string, string>();
    const mapId = async (old: unknown): Promise<string | null> => {
      if (typeof old !== 'string') return null;
      let id = ids.get(old);
      if (!id) {
        id = await derivedId(userId, old);
        ids.set(old, id);
      }
      return id;
    };

    // Settings and preferences first: the time zone decides the days activities fall on.
    const [user] = await all(users);
    if (user) {
      await repo.updateSettings(userId, user);
      report.settings = true;
    }
    const [prefs] = await all(notificationPreferences);
    if (prefs) {
      await repo.upsertPreferences(userId, prefs);
      report.preferences = true;
    }
    const intake = await all(athleteIntake);
    await repo.insertMany(
      athleteIntake,
      intake.map((r) => ({ ...r, user_id: userId })),
    );

    // Thresholds before activities, so every restored activity's load is computed with them; their link to
    // the activity an estimate came from is set once the activities are back.
    const thresholds = await all(athleteThresholds);
    const thresholdRows = await Promise.all(
      thresholds.map(async (r) => ({ ...r, id: await mapId(r.id), user_id: userId, activity_id: null })),
    );
    report.thresholds = await repo.insertMany(athleteThresholds, thresholdRows);
    // The athlete's "these are different activities" choices, before linking runs on the restored activities.
    await repo.insertMany(
      activityUnlinks,
      (await all(activityUnlinks)).map((r) => ({ ...r, user_id: userId })),
    );

    // Original uploads, through the normal import path.
    const timeZone = await deps.timeZoneOf(userId);
    const countBefore = await repo.activityCount(userId);
    for (const f of manifest.files) {
      if (f.kind !== 'original' || !f.path.startsWith('originals/uploads/')) continue;
      const [, , oldImportId, ...rest] = f.path.split('/');
      if (!oldImportId || !rest.length) continue;
      const id = await derivedId(userId, `import:${oldImportId}`);
      const objectKey = `imports/${userId}/${id}`;
      const entry = byName.get(f.path)!;
      if (!(await deps.bucket.head(objectKey))) {
        const { readable, writable } = new FixedLengthStream(entry.size);
        const pump = (async () => {
          const w = writable.getWriter();
          for await (const c of entryChunks(src, entry)) await w.write(c);
          await w.close();
        })();
        await Promise.all([deps.bucket.put(objectKey, readable), pump]);
      }
      if (await deps.imports.restore(userId, { id, filename: rest.join('/'), objectKey, sizeBytes: entry.size })) {
        await deps.imports.process(id, async () => timeZone);
        report.uploads.restored++;
      } else report.uploads.alreadyThere++;
    }

    const filesBrought = (await repo.activityCount(userId)) - countBefore;

    // Activities the files did not bring back (Strava, Garmin and Polar API rows, manual entries, summaries),
    // from their rows and streams. Both files are in id order, so streams are matched by walking them together.
    const streamRows = rowsOf(activityStreams)[Symbol.asyncIterator]();
    let nextStream = await streamRows.next();
    const streamFor = async (activityId: string): Promise<unknown> => {
      while (!nextStream.done && String(nextStream.value.activity_id) < activityId) nextStream = await streamRows.next();
      if (!nextStream.done && nextStream.value.activity_id === activityId) return nextStream.value.streams;
      return null;
    };
    const keyOf = new Map<string, string>();
    let pending: Row[] = [];
    const flush = async () => {
      if (!pending.length) return;
      const existing = await repo.existingActivities(
        userId,
        pending.map((r) => ({ source: String(r.source), externalId: String(r.external_id) })),
      );
      const inputs: ActivityInput[] = [];
      for (const r of pending) {
        if (existing.has(`${r.source}\u0000${r.external_id}`)) {
          report.activities.alreadyThere++;
          continue;
        }
        inputs.push(await activityInput(r, await streamFor(String(r.id))));
      }
      if (inputs.length) {
        const out = await deps.activities.ingestMany(userId, inputs);
        report.activities.fromRows += out.created + out.updated + out.upgraded;
      }
      pending = [];
    };
    for await (const r of rowsOf(activities)) {
      report.activities.inArchive++;
      keyOf.set(String(r.id), `${r.source}\u0000${r.external_id}`);
      pending.push(r);
      if (pending.length >= FLUSH_ACTIVITIES) await flush();
    }
    await flush();
    await streamRows.return?.(undefined);
    // What the files brought back was found "already there" by the rows' pass: count it as the files'.
    report.activities.fromFiles = filesBrought;
    report.activities.alreadyThere = Math.max(0, report.activities.alreadyThere - filesBrought);

    // The archive's activity ids → this account's, by (source, external id).
    const activityIds = new Map<string, string>();
    const keys = [...keyOf.entries()];
    for (let i = 0; i < keys.length; i += 500) {
      const slice = keys.slice(i, i + 500);
      const found = await repo.existingActivities(
        userId,
        slice.map(([, k]) => {
          const [source, externalId] = k.split('\u0000') as [string, string];
          return { source, externalId };
        }),
      );
      for (const [old, k] of slice) {
        const id = found.get(k);
        if (id) activityIds.set(old, id);
      }
    }
    const activity = (old: unknown) => (typeof old === 'string' ? (activityIds.get(old) ?? null) : null);

    const notes = (await all(activityNotes)).flatMap((r) => {
      const id = activity(r.activity_id);
      return id ? [{ ...r, activity_id: id, user_id: userId }] : [];
    });
    report.notes = await repo.insertMany(activityNotes, notes);
    const links: { id: string; activityId: string }[] = [];
    for (const t of thresholds) {
      const a = activity(t.activity_id);
      if (a) links.push({ id: (await mapId(t.id))!, activityId: a });
    }
    await repo.linkThresholds(userId, links);

    // Plans, their workouts and their change history, under derived ids (ids inside the history remapped too).
    const planRows = await all(plans);
    const workoutRows = await all(plannedWorkouts);
    const changeRows = await all(planChanges);
    for (const r of [...planRows, ...workoutRows, ...changeRows]) await mapId(r.id);
    const active = await repo.activePlanId(userId);
    const restoredPlans = planRows.map((r) => {
      const id = ids.get(String(r.id))!;
      const keepsActive = r.status !== 'active' || active === null || active === id;
      if (!keepsActive) report.plans.pausedBecauseActive = true;
      return {
        ...r,
        id,
        user_id: userId,
        status: keepsActive ? r.status : 'paused',
        replaced_by: r.replaced_by ? (ids.get(String(r.replaced_by)) ?? null) : null,
      };
    });
    report.plans.restored = await repo.insertMany(plans, restoredPlans);
    report.plans.workouts = await repo.insertMany(
      plannedWorkouts,
      workoutRows.map((r) => ({
        ...r,
        id: ids.get(String(r.id)),
        plan_id: ids.get(String(r.plan_id)),
        user_id: userId,
        linked_activity_id: activity(r.linked_activity_id),
      })),
    );
    report.plans.changes = await repo.insertMany(
      planChanges,
      changeRows.map((r) => ({
        ...r,
        id: ids.get(String(r.id)),
        plan_id: ids.get(String(r.plan_id)),
        user_id: userId,
        // The athlete's own changes stay theirs; a coach's name does not travel to another account.
        actor_id: r.actor_id === manifest.accountId ? userId : null,
        undo_of: r.undo_of ? (ids.get(String(r.undo_of)) ?? null) : null,
        before: remapIds(r.before, ids),
        after: remapIds(r.after, ids),
      })),
    );
    return report;
  }
}

export type ReimportService = ReturnType<typeof createReimportService>;

async function activityInput(r: Row, streams: unknown): Promise<ActivityInput> {
  const { upgradedFrom: _u, ...extras } = (r.extras ?? {}) as Record<string, unknown>;
  return {
    source: r.source as ActivityInput['source'],
    externalId: String(r.external_id),
    sport: r.sport as ActivityInput['sport'],
    sportOriginal: String(r.sport_original),
    name: String(r.name),
    startTime: new Date(String(r.start_time)),
    localStartDate: String(r.local_start_date),
    timezone: (r.timezone as string | null) ?? null,
    movingTimeS: Number(r.moving_time_s),
    elapsedTimeS: Number(r.elapsed_time_s),
    distanceM: Number(r.distance_m),
    elevationGainM: r.elevation_gain_m as number | null,
    avgHr: r.avg_hr as number | null,
    maxHr: r.max_hr as number | null,
    avgPower: r.avg_power as number | null,
    normalizedPower: r.normalized_power as number | null,
    avgCadence: r.avg_cadence as number | null,
    calories: r.calories as number | null,
    isPrivate: Boolean(r.is_private),
    detailComplete: Boolean(r.detail_complete),
    laps: (r.laps as ActivityInput['laps']) ?? [],
    bestEfforts: (r.best_efforts as ActivityInput['bestEfforts']) ?? [],
    streams: (streams as ActivityInput['streams']) ?? null,
    dataQuality: (r.data_quality as ActivityInput['dataQuality']) ?? [],
    sportInferred: Boolean(r.sport_inferred),
    multisportGroup: (r.multisport_group as string | null) ?? null,
    extras: extras as ActivityInput['extras'],
  };
}
