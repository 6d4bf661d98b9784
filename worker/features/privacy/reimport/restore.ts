// The restore job's steps, in dependency order (ADR 041): settings and thresholds, the original uploads through
// the normal import path, the activities the files did not bring back, notes and threshold links, then plans
// with their history. Every row's id is derived from the account and the archive's id, and every write skips
// what is there, so a second run of the same archive changes nothing.
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import {
  activities,
  activityNotes,
  activityStreams,
  activityTombstones,
  activityUnlinks,
  athleteIntake,
  athleteThresholds,
  notificationPreferences,
  users,
} from '../../../db/schema';
import { toHex } from '../../../lib/crypto';
import type { ActivityInput } from '../../activities';
import { DOOR_NAMES } from '../../ingest';
import { openArchive } from './archive';
import { jsonRows } from './json-rows';
import type { ReimportRepo } from './reimport.repo';
import { restorePlans, restoreWellness } from './restore-plans';
import type { ActivityId, ReimportReport, RestoreDeps, Row, Run } from './restore-run';
import { entryChunks, type RangeSource, type ZipEntryInfo } from './zip-reader';

export type { ReimportReport } from './restore-run';

// Rows carry their per-second streams: a small batch keeps the isolate's memory flat.
const FLUSH_ACTIVITIES = 50;

/** Restores everything restorable from the archive at `src` into `userId`'s account; safe to run again. */
export async function restoreArchive(deps: RestoreDeps, repo: ReimportRepo, userId: string, src: RangeSource): Promise<ReimportReport> {
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
    wellness: 0,
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
  const run: Run = { deps, repo, userId, src, manifest, byName, report, ids, mapId, rowsOf, all };
  const thresholds = await restoreSettings(run);
  const filesBrought = await restoreUploads(run);
  const activity = await restoreActivities(run, filesBrought);
  await restoreNotes(run, activity, thresholds);
  await restorePlans(run, activity);
  await restoreWellness(run);
  // Activities restored from their rows after an import's own rebuild ran ask for another: the dated estimates
  // (ADR 065) must rest on every restored activity, as the original's did.
  await deps.settle(userId);
  return report;
}

/**
 * Settings, preferences, onboarding answers, thresholds, the "different activities" choices and the deleted activities'
 * tombstones; the thresholds' rows.
 */
async function restoreSettings({ repo, userId, report, all, mapId }: Run): Promise<Row[]> {
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
  // And what they deleted stays deleted when they connect Strava or a device again (ADR 068).
  await repo.insertMany(
    activityTombstones,
    (await all(activityTombstones)).map((r) => ({ ...r, user_id: userId })),
  );
  return thresholds;
}

/** The original uploads, through the normal import path (how many activities they brought); the doors' files, kept. */
async function restoreUploads({ deps, repo, userId, src, manifest, byName, report }: Run): Promise<number> {
  // Original uploads, through the normal import path.
  const timeZone = await deps.timeZoneOf(userId);
  const countBefore = await repo.activityCount(userId);
  const put = async (objectKey: string, entry: ZipEntryInfo) => {
    if (await deps.bucket.head(objectKey)) return;
    const { readable, writable } = new FixedLengthStream(entry.size);
    const pump = (async () => {
      const w = writable.getWriter();
      for await (const c of entryChunks(src, entry)) await w.write(c);
      await w.close();
    })();
    await Promise.all([deps.bucket.put(objectKey, readable), pump]);
  };
  for (const f of manifest.files) {
    // A live door's file goes back where the door keeps it; its activity comes back from its row (same source and
    // external id), so importing it as an upload too would record the session twice (ADR 049).
    const door = /^originals\/([a-z]+)\/([^/]+)$/.exec(f.path);
    if (f.kind === 'original' && door && (DOOR_NAMES as readonly string[]).includes(door[1]!)) {
      await put(`file-doors/${userId}/${door[1]}/${encodeURIComponent(door[2]!)}`, byName.get(f.path)!);
      continue;
    }
    if (f.kind !== 'original' || !f.path.startsWith('originals/uploads/')) continue;
    const [, , oldImportId, ...rest] = f.path.split('/');
    if (!oldImportId || !rest.length) continue;
    const id = await derivedId(userId, `import:${oldImportId}`);
    const objectKey = `imports/${userId}/${id}`;
    const entry = byName.get(f.path)!;
    await put(objectKey, entry);
    if (await deps.imports.restore(userId, { id, filename: rest.join('/'), objectKey, sizeBytes: entry.size })) {
      await deps.imports.process(id, async () => timeZone);
      report.uploads.restored++;
    } else report.uploads.alreadyThere++;
  }

  const filesBrought = (await repo.activityCount(userId)) - countBefore;
  return filesBrought;
}

/** Activities the files did not bring back, from their rows and streams; the archive's activity ids → this account's. */
async function restoreActivities({ deps, repo, userId, report, rowsOf }: Run, filesBrought: number): Promise<ActivityId> {
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
  return activity;
}

async function restoreNotes({ repo, userId, report, all, mapId }: Run, activity: ActivityId, thresholds: Row[]): Promise<void> {
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
}

const encoder = new TextEncoder();

/** A stable id for a restored row: the same account and archive id give the same uuid (version 8, RFC 9562). */
export async function derivedId(userId: string, oldId: string): Promise<string> {
  const h = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(`cadence-reimport:${userId}:${oldId}`))).slice(0, 16);
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = toHex(h);
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

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
