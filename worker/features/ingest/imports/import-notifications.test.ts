// "Analysis ready" and training-load warnings from file imports, end to end: upload through the API, the
// imports queue's consumer, the analytics it rebuilt, and the inbox. The notice's figures are the ones the
// analytics API answers for the same athlete; an import with nothing new tells nothing; a warning already told
// is not told again while it lasts.
import { createExecutionContext, createMessageBatch, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { strToU8 } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { analyticsRebuilds, notifications } from '../../../db/schema';
import worker from '../../../index';
import { SCHEDULES } from '../../../jobs/cron';
import { addDays } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import { buildActivity } from '../../../testing/factories/activity';
import { garminExport, garminSummary, gpxRun, summariesFile } from '../../../testing/fixtures/files';
import { Harness } from '../../../testing/harness';
import type { Json } from '../../../testing/scenarios';
import { isoWeek } from '../../analytics/analysis-notices.service';
import { inbox, inboxOfType, watchFanOut } from '../../notifications/triggers.testing';

type Job = { id: string; status: string; imported: number };

async function imported(h: Harness, cookie: string, name: string, bytes: Uint8Array): Promise<Job> {
  const res = await h.json<Job>(`/api/v1/imports?filename=${encodeURIComponent(name)}`, {
    body: bytes,
    cookie,
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) },
  });
  expect(res.status).toBe(202);
  let job = res.body;
  await expect
    .poll(
      async () => {
        job = (await h.json<Job>(`/api/v1/imports/${res.body.id}`, { cookie })).body;
        return job.status;
      },
      { timeout: 30_000, interval: 100 },
    )
    .toBe('done');
  return job;
}

/** Waits for the import's "analysis notice" log line (written whether or not there was anything to tell). */
function watchNotices() {
  const log = vi.spyOn(console, 'log');
  return async (importId: string) => {
    const key = `analysis.ready:import:${importId}`;
    let line: { count: number } | undefined;
    await expect
      .poll(
        () => {
          line = log.mock.calls
            .map((c) => String(c[0]))
            .filter((l) => l.includes('"analysis notice"'))
            .map((l) => JSON.parse(l) as { dedupeKey: string; count: number })
            .find((l) => l.dedupeKey === key);
          return line !== undefined;
        },
        { timeout: 30_000, interval: 100 },
      )
      .toBe(true);
    return line!;
  };
}

const utcToday = () => new Date().toISOString().slice(0, 10);

/** A Garmin summary without heart rate or power: its load is the duration estimate (run: 60 an hour). */
function run(id: number, day: string, hours: number) {
  const {
    avgHr: _h,
    maxHr: _m,
    avgPower: _p,
    normPower: _n,
    ...plain
  } = garminSummary({
    activityId: id,
    start: new Date(`${day}T06:00:00Z`),
    offsetH: 0,
    name: hours > 2 ? 'Big day' : 'Easy hour',
  });
  const ms = hours * 3_600_000;
  return {
    ...plain,
    duration: ms + 60_000,
    elapsedDuration: ms + 60_000,
    movingDuration: ms,
    distance: hours * 1_000_000,
    avgSpeed: 0.278,
  };
}

describe('analysis ready after a file import', () => {
  it('tells what the import brought: count, new bests, today’s form and receipts, as the analytics API has them', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const notices = watchNotices();
    const fanOut = watchFanOut();
    const gpx = strToU8(gpxRun(new Date(Date.now() - 2 * 86_400_000)).xml);
    const job = await imported(h, a.cookie, 'harbour.gpx', gpx);
    expect(job.imported).toBe(1);

    const [n] = await inboxOfType(h, a.cookie, 'analysis.ready');
    const [activity] = (await h.json<{ activities: Json[] }>('/api/v1/activities', { cookie: a.cookie })).body.activities;
    const fitness = (await h.json<Json>('/api/v1/analytics/fitness?days=7', { cookie: a.cookie })).body;
    const bests = (await h.json<Json>('/api/v1/analytics/personal-bests', { cookie: a.cookie })).body;
    const expectedBests = (bests.run as Json[])
      .filter((b) => b.allTime)
      .map((b) => ({ label: b.label, seconds: b.allTime.timeS, activityId: b.allTime.receipt.activityId }));
    expect(expectedBests.length).toBeGreaterThan(0);
    expect(n).toMatchObject({
      type: 'analysis.ready',
      title: '1 new activity analysed',
      link: `/activities/${activity!.id}`,
      data: {
        source: 'import',
        activityCount: 1,
        newBests: expectedBests,
        // One run: fitness is being established, so no form line (ADR 044).
        form: null,
        receipts: [{ id: activity!.id, name: 'Harbour 5k', startDate: addDays(utcToday(), -2) }],
      },
    });
    expect(n!.body).toContain('From your import.');
    expect(fitness.current).toMatchObject({ form: null, establishing: { trainingDays: 1 } });

    // The same file again brings nothing new: the import says so, and nobody is told.
    const again = await imported(h, a.cookie, 'harbour-copy.gpx', gpx);
    expect(again.imported).toBe(0);
    expect((await notices(again.id)).count).toBe(0);
    // A redelivered import message finds the job done: still one notice, and the one trigger was the first.
    const batch = createMessageBatch('cadence-imports', [{ id: 'again', timestamp: new Date(), attempts: 2, body: { importId: job.id } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await fanOut.handled(a.user.id, 1)).toEqual({ total: 1, duplicates: 0 });
    expect(await inbox(h, a.cookie, 'analysis.ready')).toHaveLength(1);
  });

  it('a heavy week after six steady ones warns of the ramp and the negative form, once each, with the engine’s numbers', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const fanOut = watchFanOut();
    const today = utcToday();
    // Seven steady weeks of an hour a day, then six days of four hours, up to yesterday.
    const days = Array.from({ length: 56 }, (_, i) => addDays(today, -56 + i));
    const zip = garminExport({ summaries: [summariesFile(days.map((d, i) => run(7000 + i, d, i >= 50 ? 4 : 1)))], fits: {} });
    const job = await imported(h, a.cookie, 'garmin.zip', zip);
    expect(job.imported).toBe(56);

    // The engine's own findings, as the dashboard shows them.
    const insights = (await h.json<{ insights: Json[] }>('/api/v1/analytics/insights', { cookie: a.cookie })).body.insights;
    const ramp = insights.find((i) => i.kind === 'ramp_rate' && i.status === 'ok');
    const form = insights.find((i) => i.kind === 'negative_form' && i.status === 'ok');
    expect(ramp && form).toBeTruthy();

    const warnings = await inboxOfType(h, a.cookie, 'load.warning', 2);
    const byKind = Object.fromEntries(warnings.map((w) => [w.data.kind, w]));
    expect(byKind.ramp).toMatchObject({
      title: 'Your training load rose quickly this week',
      link: '/home#insight-ramp_rate',
      data: { date: today, value: Math.round(ramp!.numbers.ramp * 10) / 10, threshold: 8 },
    });
    expect(byKind.negative_form).toMatchObject({
      title: 'Your form has stayed negative',
      link: '/home#insight-negative_form',
      data: { date: today, value: Math.round(form!.numbers.tsbToday * 10) / 10, threshold: -30, days: form!.numbers.days },
    });
    for (const w of warnings) {
      const receipts = w.data.receipts as { id: string; name: string; startDate: string }[];
      expect(receipts.length).toBeLessThanOrEqual(10);
      // The activities behind the load: the six heavy days carried it, in date order.
      expect(receipts.filter((r) => r.name === 'Big day').map((r) => r.startDate)).toEqual(days.slice(50));
      expect(receipts.map((r) => r.startDate)).toEqual(receipts.map((r) => r.startDate).sort());
    }
    // Each link lands on its insight's card on Home.
    const home = await (await h.call('/home', { cookie: a.cookie })).text();
    for (const w of warnings) expect(home).toContain(`id="${w.link!.split('#')[1]}"`);
    expect(byKind.ramp!.body).toMatch(
      /^Fitness \(CTL\) rose \d+\.\d points in the 7 days to \d{1,2} [A-Z][a-z]{2} \d{4}, above the 8-point band/,
    );
    const [analysis] = await inbox(h, a.cookie, 'analysis.ready');
    // Every best is new to this athlete: the all-time bests the API lists are all from this import.
    const bests = (await h.json<Json>('/api/v1/analytics/personal-bests', { cookie: a.cookie })).body.run as Json[];
    expect(analysis!.data).toMatchObject({
      source: 'import',
      activityCount: 56,
      newBests: bests
        .filter((b) => b.allTime)
        .map((b) => ({ label: b.label, seconds: b.allTime.timeS, activityId: b.allTime.receipt.activityId })),
    });
    expect((analysis!.data.receipts as unknown[]).length).toBe(10);
    expect(await fanOut.handled(a.user.id, 3)).toEqual({ total: 3, duplicates: 0 });

    // One more run today: a new analysis, but the ramp of this week and this stretch of negative form were told.
    const more = await imported(h, a.cookie, 'today.zip', garminExport({ summaries: [summariesFile([run(7100, today, 0.5)])], fits: {} }));
    expect(more.imported).toBe(1);
    expect(await fanOut.handled(a.user.id, 6)).toEqual({ total: 6, duplicates: 2 });
    expect(await inbox(h, a.cookie, 'load.warning')).toHaveLength(2);
    expect(await inbox(h, a.cookie, 'analysis.ready')).toHaveLength(2);
  });

  it('the analytics rebuild cron warns of load that became active with the rebuilt numbers', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const fanOut = watchFanOut();
    // History written straight into analytics (no notice of its own), then a rebuild asked for by ingestion.
    const { activities } = analyticsWorld(h.db);
    const today = utcToday();
    for (let i = 56; i >= 1; i--) {
      const day = addDays(today, -i);
      await activities.ingest(
        a.user.id,
        buildActivity({
          startTime: new Date(`${day}T06:00:00Z`),
          localStartDate: day,
          timezone: 'UTC',
          movingTimeS: i <= 6 ? 4 * 3600 : 3600,
          elapsedTimeS: i <= 6 ? 4 * 3600 : 3600,
          distanceM: i <= 6 ? 40_000 : 10_000,
          avgHr: null,
          maxHr: null,
          avgPower: null,
          normalizedPower: null,
        }),
      );
    }
    await h.db.insert(analyticsRebuilds).values({ userId: a.user.id, reason: 'estimate' }).onConflictDoNothing();
    // One tick of the every-minute cron, as production runs it: its rebuild job takes the queued rebuild.
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: SCHEDULES.everyMinute }), env, ctx);
    await waitOnExecutionContext(ctx);
    const pending = async () => (await h.db.select().from(analyticsRebuilds).where(eq(analyticsRebuilds.userId, a.user.id))).length;
    expect(await pending()).toBe(0);

    const warnings = await inboxOfType(h, a.cookie, 'load.warning', 2);
    expect(warnings.map((w) => w.data.kind).sort()).toEqual(['negative_form', 'ramp']);
    expect(await fanOut.handled(a.user.id, 2)).toEqual({ total: 2, duplicates: 0 });
    // Keyed by the ISO week for the ramp and by the first day of the negative stretch for form.
    const insights = (await h.json<{ insights: Json[] }>('/api/v1/analytics/insights', { cookie: a.cookie })).body.insights;
    const stretch = insights.find((i) => i.kind === 'negative_form' && i.status === 'ok')!.window.from;
    const rows = await h.db
      .select({ dedupeKey: notifications.dedupeKey })
      .from(notifications)
      .where(and(eq(notifications.userId, a.user.id), eq(notifications.kind, 'load.warning')));
    expect(rows.map((r) => r.dedupeKey).sort()).toEqual([
      `load.warning:negative_form:${a.user.id}:${stretch}`,
      `load.warning:ramp:${a.user.id}:${isoWeek(today)}`,
    ]);
  });
});

describe('isoWeek', () => {
  it('numbers weeks the ISO way, the Thursday deciding the year', () => {
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2026-11-23')).toBe('2026-W48');
  });
});
