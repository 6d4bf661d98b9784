import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { strToU8, zipSync } from 'fflate';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activities, importJobs } from '../../../db/schema';
import worker from '../../../index';
import { SCHEDULES } from '../../../jobs/cron';
import { createActivitiesService } from '../../activities';
import { Harness, expectErrorShape } from '../../../testing/harness';
import { garminExport, garminSummary, gpxRun, smallFit, summariesFile, tcxRun, zipBomb } from '../../../testing/fixtures/files';
import { fitLegs, gpxFile, steadyPoints } from '../../../testing/fixtures/adversarial-files';

type Job = {
  id: string;
  status: string;
  found: number;
  imported: number;
  duplicates: number;
  skipped: { name: string; reason: string }[];
  warnings: { name: string; reason: string; detail: string }[];
  error: string | null;
  kind: string | null;
};

async function upload(h: Harness, cookie: string, name: string, bytes: Uint8Array, mode: 'multipart' | 'raw' = 'multipart') {
  if (mode === 'raw') {
    return h.json<Job>(`/api/v1/imports?filename=${encodeURIComponent(name)}`, {
      body: bytes,
      cookie,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) },
    });
  }
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], name));
  const res = await h.call('/api/v1/imports', { method: 'POST', cookie, body: form });
  return { status: res.status, body: (await res.json()) as Job, res };
}

async function finished(h: Harness, cookie: string, id: string): Promise<Job> {
  let job: Job | undefined;
  await expect
    .poll(
      async () => {
        job = (await h.json<Job>(`/api/v1/imports/${id}`, { cookie })).body;
        return job.status;
      },
      { timeout: 30_000, interval: 100 },
    )
    .toMatch(/^(done|error)$/);
  return job!;
}

const count = async (h: Harness, userId: string) =>
  (await h.db.select({ id: activities.id }).from(activities).where(eq(activities.userId, userId))).length;

describe('file imports', () => {
  it('imports a GPX (multipart) and a TCX and FIT (raw); the same file again imports nothing new', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const gpx = strToU8(gpxRun(new Date('2025-03-02T07:00:00Z')).xml);
    const first = await upload(h, cookie, 'morning.gpx', gpx);
    expect(first.status).toBe(202);
    expect(await finished(h, cookie, first.body.id)).toMatchObject({ status: 'done', found: 1, imported: 1, duplicates: 0, kind: 'gpx' });
    const again = await upload(h, cookie, 'morning-copy.gpx', gpx);
    expect(await finished(h, cookie, again.body.id)).toMatchObject({ status: 'done', found: 1, imported: 0, duplicates: 1 });

    const tcx = await upload(h, cookie, 'ride.tcx', strToU8(tcxRun(new Date('2025-03-05T07:00:00Z'))), 'raw');
    expect(tcx.status).toBe(202);
    expect(await finished(h, cookie, tcx.body.id)).toMatchObject({ status: 'done', imported: 1 });
    const fit = await upload(h, cookie, 'watch.fit', smallFit(new Date('2025-03-07T06:00:00Z')), 'raw');
    expect(await finished(h, cookie, fit.body.id)).toMatchObject({ status: 'done', imported: 1, kind: 'fit' });
    expect(await count(h, user.id)).toBe(3);
  });

  it('imports a Garmin export, and a re-import imports 0 new', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const summaries = Array.from({ length: 6 }, (_, i) =>
      garminSummary({ activityId: 900 + i, start: new Date(Date.UTC(2025, 0, 10 + i, 7)), offsetH: 1 }),
    );
    const zip = garminExport({ summaries: [summariesFile(summaries.slice(0, 3)), summariesFile(summaries.slice(3))], fits: {} });
    const job = await finished(h, cookie, (await upload(h, cookie, 'garmin.zip', zip, 'raw')).body.id);
    expect(job).toMatchObject({ status: 'done', kind: 'garmin_export', found: 6, imported: 6 });
    const again = await finished(h, cookie, (await upload(h, cookie, 'garmin.zip', zip, 'raw')).body.id);
    expect(again).toMatchObject({ status: 'done', found: 6, imported: 0, duplicates: 6 });
    expect(await count(h, user.id)).toBe(6);
  });

  it('links an imported file with the same effort from Strava: one logical activity', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const start = new Date('2025-04-01T06:30:00Z');
    const { xml } = gpxRun(start);
    const job = await finished(h, cookie, (await upload(h, cookie, 'run.gpx', strToU8(xml))).body.id);
    const [row] = await h.db.select().from(activities).where(eq(activities.userId, user.id));
    await createActivitiesService({ db: h.db }).ingest(user.id, {
      source: 'strava',
      externalId: '777',
      sport: 'run',
      sportOriginal: 'Run',
      name: 'Strava copy',
      startTime: new Date(start.getTime() + 5000),
      localStartDate: row!.localStartDate,
      movingTimeS: row!.movingTimeS,
      elapsedTimeS: row!.elapsedTimeS,
      distanceM: row!.distanceM * 1.01,
      detailComplete: false,
    });
    expect(job.imported).toBe(1);
    const list = await h.json<{ activities: { source: string }[]; total: number }>('/api/v1/activities', { cookie });
    expect(list.body.total).toBe(1);
    expect(list.body.activities[0]!.source).toBe('gpx_upload');
  });

  it('skips unsafe names and malformed entries with reasons, importing the rest', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const zip = zipSync({
      '../evil.gpx': strToU8(gpxRun(new Date('2025-05-01T06:00:00Z')).xml),
      '/abs/evil.fit': smallFit(),
      'good.gpx': strToU8(gpxRun(new Date('2025-05-02T06:00:00Z')).xml),
      'broken.gpx': strToU8('<gpx><trk><trkseg><trkpt lat='),
      'notes.txt': strToU8('hello'),
    });
    const job = await finished(h, cookie, (await upload(h, cookie, 'mixed.zip', zip, 'raw')).body.id);
    expect(job.status).toBe('done');
    expect(job.imported).toBe(1);
    const reasons = job.skipped.map((s) => s.reason).sort();
    expect(reasons).toEqual(expect.arrayContaining(['malformed_xml', 'unsafe_name', 'unsafe_name']));
    expect(await count(h, user.id)).toBe(1);
  });

  it('an upload that brings nothing in is not "Done": the data page says nothing was imported, and why', async () => {
    const h = Harness.init();
    const { cookie } = await h.signup();
    const zip = zipSync({ 'broken.gpx': strToU8('<gpx><trk><trkseg><trkpt lat='), 'notes.txt': strToU8('hello'), 'x.txt': strToU8('x') });
    const job = await finished(h, cookie, (await upload(h, cookie, 'empty-export.zip', zip, 'raw')).body.id);
    expect(job).toMatchObject({ status: 'done', imported: 0, duplicates: 0 });
    const page = await h.call('/settings/data', { cookie });
    expect(page.status).toBe(200);
    const html = (await page.text()).replaceAll('<!-- -->', '');
    const item = html.slice(html.indexOf('empty-export.zip'));
    expect(item).toContain('Nothing imported');
    expect(item).toContain('Nothing in its 3 files could be imported: not an activity file (2), could not be read (1).');
    expect(item).toMatch(/<details class="import-skipped" open="">/);
  });

  it('stops a zip bomb with a clear error and imports nothing from it', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const bomb = await zipBomb(64 * 1024 * 1024, { 'ok.gpx': strToU8(gpxRun(new Date('2025-06-01T06:00:00Z')).xml) });
    const job = await finished(h, cookie, (await upload(h, cookie, 'bomb.zip', bomb, 'raw')).body.id);
    expect(job.status).toBe('error');
    expect(job.error).toMatch(/expands more than 200:1/);
    expect(await count(h, user.id)).toBe(0);
  });

  it('refuses bad uploads with clear errors', async () => {
    const h = Harness.init();
    const { cookie } = await h.signup();
    const noName = await h.json('/api/v1/imports', { body: 'abc', cookie, headers: { 'content-type': 'application/octet-stream' } });
    expect(noName.status).toBe(400);
    expectErrorShape(noName.body, 'VALIDATION');
    const form = new FormData();
    form.set('note', 'no file here');
    const noFile = await h.call('/api/v1/imports', { method: 'POST', cookie, body: form });
    expect(noFile.status).toBe(400);
    const big = new FormData();
    big.set('file', new File([new Uint8Array(26 * 1024 * 1024)], 'huge.fit'));
    const tooBig = await h.call('/api/v1/imports', { method: 'POST', cookie, body: big });
    expect(tooBig.status).toBe(413);
    expect((await h.json('/api/v1/imports', { body: 'x' })).status).toBe(401);
  });

  it('another athlete cannot read a job or its activities', async () => {
    const h = Harness.init();
    const alice = await h.signup();
    const bob = await h.signup();
    const job = await finished(
      h,
      alice.cookie,
      (await upload(h, alice.cookie, 'a.gpx', strToU8(gpxRun(new Date('2025-07-01T06:00:00Z')).xml))).body.id,
    );
    const theirs = await h.json(`/api/v1/imports/${job.id}`, { cookie: bob.cookie });
    expect(theirs.status).toBe(404);
    expectErrorShape(theirs.body, 'NOT_FOUND');
    const [row] = await h.db
      .select({ id: activities.id })
      .from(activities)
      .where(and(eq(activities.userId, alice.user.id)));
    expect((await h.json(`/api/v1/activities/${row!.id}`, { cookie: bob.cookie })).status).toBe(404);
    expect((await h.json<{ imports: unknown[] }>('/api/v1/imports', { cookie: bob.cookie })).body.imports).toHaveLength(0);
  });

  it('reports what it cleaned or left out as warnings, and keeps the notes on the activities', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const start = new Date('2025-08-02T06:00:00Z');
    const glitchy = steadyPoints(1200, 3.5);
    glitchy[600] = { ...glitchy[600]!, northM: glitchy[600]!.northM + 40 };
    const route = steadyPoints(300, 3).map((p) => ({ ...p, s: null }));
    const gpx = gpxFile([
      { name: 'Morning', type: 'running', start, segments: [glitchy] },
      { name: 'Planned', start, segments: [route] },
    ]);
    const job = await finished(h, cookie, (await upload(h, cookie, 'watch.gpx', strToU8(gpx))).body.id);
    expect(job).toMatchObject({ status: 'done', found: 1, imported: 1, skipped: [] });
    expect(job.warnings).toEqual([
      {
        name: 'watch.gpx',
        reason: 'points_without_time',
        detail: 'track "Planned": no point has a time (a planned route?), so it is not an activity',
      },
      { name: 'watch.gpx', reason: 'speed_glitch', detail: '1 GPS point ignored: implausible speed' },
    ]);
    const [row] = await h.db
      .select({ distanceM: activities.distanceM, dataQuality: activities.dataQuality })
      .from(activities)
      .where(eq(activities.userId, user.id));
    expect(row?.distanceM).toBeCloseTo(4200, 0);
    expect(row?.dataQuality).toEqual([{ code: 'speed_glitch', message: '1 GPS point ignored: implausible speed', count: 1 }]);

    const cut = fitLegs(new Date('2025-08-03T06:00:00Z'), [{ sport: 'cycling', durationS: 900, speedMps: 8, session: { avgPower: 0 } }]);
    const fitJob = await finished(
      h,
      cookie,
      (await upload(h, cookie, 'cut.fit', cut.slice(0, Math.floor(cut.length * 0.7)), 'raw')).body.id,
    );
    expect(fitJob).toMatchObject({ status: 'done', imported: 1 });
    expect(fitJob.warnings.map((w) => w.reason)).toEqual(['truncated']);
  });

  it('a job whose consumer died mid-import is picked up again by the five-minute sweep, and fails plainly after its last attempt', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const job = await finished(
      h,
      cookie,
      (await upload(h, cookie, 'a.gpx', strToU8(gpxRun(new Date('2025-09-01T06:00:00Z')).xml))).body.id,
    );
    await h.db.delete(activities).where(eq(activities.userId, user.id));
    // As if the worker running it had been killed 20 minutes ago (a deploy), leaving it 'running'.
    const killed = { status: 'running' as const, startedAt: new Date(Date.now() - 20 * 60_000), finishedAt: null };
    await h.db
      .update(importJobs)
      .set({ ...killed, attempts: 1 })
      .where(eq(importJobs.id, job.id));
    const tick = async () => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: SCHEDULES.everyFiveMinutes }), env, ctx);
      await waitOnExecutionContext(ctx);
    };
    await tick();
    expect(await finished(h, cookie, job.id)).toMatchObject({ status: 'done', imported: 1 });
    expect(await count(h, user.id)).toBe(1);

    await h.db
      .update(importJobs)
      .set({ ...killed, attempts: 3 })
      .where(eq(importJobs.id, job.id));
    await tick();
    expect(await finished(h, cookie, job.id)).toMatchObject({
      status: 'error',
      error: 'The import was interrupted. Try uploading the file again.',
    });
  });
});
