// The athlete's Strava archive (ADR 037) through the real import path, on the sandbox's generated
// archive (scripts/sandbox/strava-archive.ts): every layout variant read; a gzip bomb refused before
// anything is stored; the Strava API copies upgraded in place (ids, duplicate links, splits and notes
// kept), once; a single original file upgrading the Strava copy it is linked with.
import { and, eq, inArray } from 'drizzle-orm';
import { gzipSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { activityFit } from '../../../../scripts/sandbox/garmin-fit.ts';
import { archiveEntries, sandboxArchive, stravaArchiveZip } from '../../../../scripts/sandbox/strava-archive.ts';
import { activityDetail, activityStreams, activitySummary } from '../../../../scripts/sandbox/strava/wire.ts';
import type { GeneratedActivity } from '../../../../scripts/sandbox/strava/generator.ts';
import { activities, activityNotes, activityStreams as streamsTable, activityUnlinks } from '../../../db/schema';
import { analyticsWorld } from '../../../testing/analytics';
import { opener } from '../../../testing/fixtures/files';
import { Harness } from '../../../testing/harness';
import type { ActivityInput } from '../../activities';
import { parseUpload } from '../files';
import { ZipLimitError } from '../files/types';
import { fromStravaDetail, fromStravaSummary, STREAM_KEYS } from '../strava/strava.mapper';

type Job = {
  id: string;
  status: string;
  kind: string | null;
  found: number;
  imported: number;
  duplicates: number;
  skipped: { name: string; reason: string }[];
  warnings: { name: string; reason: string; detail: string }[];
  summary: { upgraded?: number; keptStrava?: number; stravaArchive?: Record<string, number> };
  error: string | null;
};

const ATHLETE = 5150;
const ARCHIVE = sandboxArchive({ athleteId: ATHLETE, count: 10, historyEnd: new Date('2026-03-01T00:00:00Z') });
const HISTORY = ARCHIVE.activities;
const MANUAL = ARCHIVE.opts.manual!;
const NEWEST = HISTORY.at(-1)!; // listed, but its file is missing from the zip
const ZIP = stravaArchiveZip(ATHLETE, HISTORY, ARCHIVE.opts);

async function parse(zip: Uint8Array) {
  const parsed = parseUpload({ name: 'export.zip', open: opener(zip).open, fallbackTimeZone: 'Europe/London' });
  const out: ActivityInput[] = [];
  for await (const a of parsed.activities) out.push(a);
  return { parsed, out };
}

async function upload(h: Harness, cookie: string, zip: Uint8Array, name = `export_${ATHLETE}.zip`): Promise<Job> {
  const sent = await h.json<Job>(`/api/v1/imports?filename=${name}`, {
    body: zip,
    cookie,
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(zip.length) },
  });
  expect(sent.status).toBe(202);
  let job = sent.body;
  await expect
    .poll(
      async () => {
        job = (await h.json<Job>(`/api/v1/imports/${sent.body.id}`, { cookie })).body;
        return job.status;
      },
      { timeout: 45_000, interval: 200 },
    )
    .toMatch(/^(done|error)$/);
  return job;
}

/** What the Strava connection stores: every activity with its detail and streams. */
const apiCopy = (a: GeneratedActivity) => fromStravaDetail(activityDetail(a), activityStreams(a, STREAM_KEYS));

describe('a Strava archive', () => {
  it('is read in every layout variant: originals gz or plain, FIT/GPX/TCX, manual entries, a missing file, under a top folder too', async () => {
    const layouts = new Set(archiveEntries(HISTORY).map((e) => e.layout));
    expect([...layouts].sort()).toEqual(['fit', 'fit.gz', 'gpx', 'gpx.gz', 'tcx.gz']);

    const { parsed, out } = await parse(ZIP);
    expect(parsed.kind).toBe('strava_archive');
    // The account's other files (profile, gear, media, a planned route) are neither imported nor reported.
    expect(parsed.skipped).toEqual([]);
    expect(parsed.archive).toEqual({ rows: 12, withFiles: 9, manual: 2, missing: 1, unreadable: 0 });
    expect(out.map((a) => a.externalId).sort()).toEqual([...HISTORY.map((a) => String(a.id)), ...MANUAL.map((m) => String(m.id))].sort());
    expect(out.every((a) => a.source === 'strava_archive')).toBe(true);
    const byId = new Map(out.map((a) => [a.externalId, a]));
    for (const a of HISTORY.slice(0, -1)) {
      const got = byId.get(String(a.id))!;
      expect(got, a.name).toMatchObject({
        name: a.name,
        detailComplete: true,
        sportOriginal: a.sportType.replace(/([a-z])([A-Z])/g, '$1 $2'),
      });
      expect(got.startTime.getTime()).toBe(a.startMs);
      expect(got.streams?.t.length).toBeGreaterThan(10);
      if (a.description) expect(got.extras?.description).toBe(a.description);
    }
    expect(byId.get(String(NEWEST.id))).toMatchObject({
      detailComplete: false,
      dataQuality: [expect.objectContaining({ code: 'no_original' })],
    });
    expect(byId.get(String(MANUAL[1]!.id))).toMatchObject({
      name: 'Treadmill, watch forgot to record',
      sport: 'run',
      distanceM: 5000,
      elapsedTimeS: 1800,
      detailComplete: false,
      extras: { description: 'Entered by hand.\nFelt easy.', commute: false },
    });
    expect(parsed.warnings).toEqual([
      expect.objectContaining({ name: expect.stringMatching(/^activities\/\d+\.(fit|gpx|tcx)(\.gz)?$/), reason: 'no_original' }),
    ]);

    // Unpacked and zipped again under its folder: the same activities.
    const { unzipSync } = await import('fflate');
    const files = unzipSync(ZIP);
    const nested = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [`export_${ATHLETE}/${k}`, v])));
    const again = await parse(nested);
    expect(again.parsed.archive).toEqual(parsed.archive);
    expect(again.out.map((a) => a.externalId).sort()).toEqual(out.map((a) => a.externalId).sort());
  });

  it('is refused whole when a gzipped file inside is a gzip bomb, before any activity is stored', async () => {
    const csv =
      'Activity ID,Activity Date,Activity Name,Activity Type,Filename\r\n1,"May 9, 2023, 10:09:29 AM",Bomb,Run,activities/1.gpx.gz\r\n';
    const bomb = zipSync({
      'activities.csv': strToU8(csv),
      'activities/1.gpx.gz': [gzipSync(new Uint8Array(16 * 1024 * 1024)), { level: 0 }],
    });
    const parsed = parseUpload({ name: 'export.zip', open: opener(bomb).open, fallbackTimeZone: 'UTC' });
    const first = parsed.activities[Symbol.asyncIterator]().next();
    await expect(first).rejects.toBeInstanceOf(ZipLimitError);
    await expect(first).rejects.toMatchObject({ limit: 'compressionRatio' });
  });

  it('upgrades the Strava copies in place — same ids, duplicate links, splits and notes — once, and Strava does not add them back', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const world = analyticsWorld(h.db);
    // The Strava connection brought every activity; a Garmin export brought two of them as well.
    await world.activities.ingestMany(user.id, HISTORY.map(apiCopy));
    const [linkedA, splitB] = [HISTORY[2]!, HISTORY[4]!];
    const garminCopy = (a: GeneratedActivity): ActivityInput => ({
      ...apiCopy(a),
      source: 'garmin_export',
      externalId: `g${a.id}`,
      streams: null,
    });
    await world.activities.ingestMany(user.id, [garminCopy(linkedA), garminCopy(splitB)]);
    const before = await h.db
      .select({ id: activities.id, externalId: activities.externalId, source: activities.source, duplicateOf: activities.duplicateOf })
      .from(activities)
      .where(eq(activities.userId, user.id));
    const idOf = (source: string, externalId: string) => before.find((r) => r.source === source && r.externalId === externalId)!.id;
    const stravaIds = new Map(HISTORY.map((a) => [a.id, idOf('strava', String(a.id))]));
    // The athlete said B's two copies are different activities, and wrote a note on A.
    expect((await h.json(`/api/v1/activities/${stravaIds.get(splitB.id)}/split`, { method: 'POST', cookie })).status).toBe(200);
    const noted = stravaIds.get(linkedA.id)!;
    expect(
      (await h.json(`/api/v1/activities/${noted}/notes`, { method: 'PATCH', cookie, body: { note: 'Legs heavy', rpe: 6 } })).status,
    ).toBe(200);

    const job = await upload(h, cookie, ZIP);
    expect(job).toMatchObject({ status: 'done', kind: 'strava_archive', found: 12, skipped: [] });
    // Nine originals replaced their Strava copies; the newest's file is missing and its copy has the recording: kept as it was.
    expect(job.summary).toEqual({
      upgraded: 9,
      keptStrava: 1,
      stravaArchive: { rows: 12, withFiles: 9, manual: 2, missing: 1, unreadable: 0 },
    });
    expect(job.imported).toBe(9 + 2);

    const after = await h.db.select().from(activities).where(eq(activities.userId, user.id));
    expect(after).toHaveLength(HISTORY.length + 2 + MANUAL.length);
    for (const a of HISTORY.slice(0, -1)) {
      const row = after.find((r) => r.id === stravaIds.get(a.id))!;
      expect(row, a.name).toMatchObject({ source: 'strava_archive', externalId: String(a.id), detailComplete: true });
      expect(row.extras.upgradedFrom).toEqual({ source: 'strava', externalId: String(a.id) });
    }
    expect(after.find((r) => r.id === stravaIds.get(NEWEST.id))).toMatchObject({ source: 'strava', detailComplete: true });
    // A's Garmin copy is still linked with it, now counted as the athlete's archive original.
    const a = after.find((r) => r.id === noted)!;
    const aGarmin = after.find((r) => r.externalId === `g${linkedA.id}`)!;
    expect([a.duplicateOf, aGarmin.duplicateOf]).toEqual([null, a.id]);
    // B stays apart from its Garmin copy: the split followed B to its new identity.
    const b = after.find((r) => r.id === stravaIds.get(splitB.id))!;
    const bGarmin = after.find((r) => r.externalId === `g${splitB.id}`)!;
    expect([b.duplicateOf, bGarmin.duplicateOf]).toEqual([null, null]);
    const splits = await h.db.select().from(activityUnlinks).where(eq(activityUnlinks.userId, user.id));
    expect(splits.map((s) => [s.aSource, s.bSource].sort())).toEqual([['garmin_export', 'strava_archive']]);
    const [note] = await h.db.select().from(activityNotes).where(eq(activityNotes.activityId, noted));
    expect(note).toMatchObject({ note: 'Legs heavy', rpe: 6 });
    // The streams shown are the file's now (the API's went with the copy): as many samples as the FIT/GPX/TCX has.
    const [streamRow] = await h.db.select().from(streamsTable).where(eq(streamsTable.activityId, noted));
    expect(streamRow!.streams.t.length).toBeGreaterThan(10);
    const detail = await h.json<{ source: string; replacedStravaCopy: boolean; linkedCopies: unknown[] }>(`/api/v1/activities/${noted}`, {
      cookie,
    });
    expect(detail.body).toMatchObject({ source: 'strava_archive', replacedStravaCopy: true });
    expect(detail.body.linkedCopies).toHaveLength(1);

    // The same archive again changes nothing; Strava's list and details add nothing back.
    const again = await upload(h, cookie, ZIP);
    expect(again).toMatchObject({
      status: 'done',
      found: 12,
      imported: 0,
      duplicates: 12,
      summary: { keptStrava: 1, stravaArchive: job.summary.stravaArchive },
    });
    const resync = await world.activities.ingestMany(
      user.id,
      HISTORY.map((x) => fromStravaSummary(activitySummary(x))),
    );
    expect(resync).toMatchObject({ created: 0, upgraded: 0 });
    expect((await world.activities.ingest(user.id, apiCopy(linkedA))).created).toBe(false);
    expect(await h.db.$count(activities, eq(activities.userId, user.id))).toBe(after.length);
    const stillStrava = await h.db
      .select({ id: activities.id })
      .from(activities)
      .where(and(eq(activities.userId, user.id), eq(activities.source, 'strava')));
    expect(stillStrava.map((r) => r.id)).toEqual([stravaIds.get(NEWEST.id)]);
  });

  it('a single original file replaces the Strava copy it is linked with, and the same file again changes nothing', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const world = analyticsWorld(h.db);
    const ride = HISTORY.find((a) => a.plan.sport === 'Ride') ?? HISTORY[0]!;
    await world.activities.ingestMany(user.id, [apiCopy(ride)]);
    const [copy] = await h.db.select({ id: activities.id }).from(activities).where(eq(activities.userId, user.id));
    const fit = activityFit(ride);
    const job = await upload(h, cookie, fit, 'ride.fit');
    expect(job).toMatchObject({ status: 'done', kind: 'fit', imported: 1, summary: { upgraded: 1 } });
    const rows = await h.db
      .select()
      .from(activities)
      .where(inArray(activities.userId, [user.id]));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: copy!.id,
      source: 'fit_upload',
      extras: { upgradedFrom: { source: 'strava', externalId: String(ride.id) } },
    });
    const again = await upload(h, cookie, fit, 'ride.fit');
    expect(again).toMatchObject({ status: 'done', imported: 0, duplicates: 1, summary: {} });
    expect((await world.activities.ingest(user.id, apiCopy(ride))).id).toBe(copy!.id);
    expect(await h.db.$count(activities, eq(activities.userId, user.id))).toBe(1);
  });
});
