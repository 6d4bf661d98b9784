// The demo athlete's file history (scripts/sandbox/garmin-export.ts, imported by `npm run dev`)
// through the real import path: upload route, R2, the imports queue consumer, the parsers. The
// numbers it must produce are the generator's own, so a change on either side that breaks the demo
// history fails here rather than on someone's dashboard.
import { Decoder, Stream } from '@garmin/fitsdk';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activityFit, demoGarminExport, garminId } from '../../../../scripts/sandbox/garmin-export.ts';
import { wellnessCounts } from '../../../../scripts/sandbox/garmin-wellness-files.ts';
import { activities, wellnessReadings } from '../../../db/schema';
import { Harness } from '../../../testing/harness';
import { importAndWait } from '../../../testing/imports';

const importZip = (h: Harness, cookie: string, zip: Uint8Array) => importAndWait<Job>(h, cookie, zip, { filename: 'garmin-export.zip' });

type Job = {
  id: string;
  status: string;
  kind: string | null;
  found: number;
  imported: number;
  duplicates: number;
  skipped: unknown[];
  error: string | null;
  summary: {
    garminWellness?: { kinds: Record<string, { read: number; stored: number; alreadyHad: number; skipped: Record<string, number> }> };
  };
};

const DAY = 86_400_000;
// A short history of its own athlete: runs, rides (some with a power meter, some on Zwift) and swims.
const HISTORY = {
  athleteId: 4321,
  count: 14,
  historyEnd: new Date('2026-03-01T00:00:00Z'),
  filesBefore: new Date(Date.parse('2026-03-01T00:00:00Z') - 7 * DAY),
};

describe('the demo Garmin export (scripts/sandbox/garmin-export.ts)', () => {
  it('writes FIT files that Garmin’s decoder reads without errors, with a device’s message set', () => {
    const { activities: list } = demoGarminExport(HISTORY, { userName: 'demo', withFits: false });
    // One of each kind the generator makes: the watch (smart recording) and the bike (every second).
    const kinds = new Map(list.map((a) => [`${a.plan.sport}${a.trainer ? '/zwift' : ''}`, a]));
    expect(kinds.size).toBeGreaterThanOrEqual(2);
    for (const a of kinds.values()) {
      const decoded = new Decoder(Stream.fromByteArray(activityFit(a))).read();
      expect(decoded.errors).toEqual([]);
      const m = decoded.messages;
      for (const key of [
        'fileIdMesgs',
        'fileCreatorMesgs',
        'deviceInfoMesgs',
        'eventMesgs',
        'sportMesgs',
        'recordMesgs',
        'lapMesgs',
        'sessionMesgs',
        'activityMesgs',
      ] as const) {
        expect(m[key]?.length ?? 0, `${a.plan.sport}: ${key}`).toBeGreaterThan(0);
      }
      const session = m.sessionMesgs![0]!;
      expect(session.totalDistance).toBeCloseTo(a.distance, 2);
      expect(session.totalMovingTime).toBe(a.movingTime);
      // The timer runs through stops unless the device auto-pauses (the streams have gaps then).
      expect([a.movingTime, a.elapsedTime]).toContain(session.totalTimerTime);
      expect(session.totalElapsedTime).toBe(a.elapsedTime);
      expect(m.recordMesgs!.at(-1)!.distance).toBeCloseTo(a.distance, 2);
    }
  });

  it('imports through the upload route and queue with the generator’s counts and totals, once', async () => {
    const { zip, activities: generated } = demoGarminExport(HISTORY, { userName: 'demo', summariesPerFile: 5, fitsPerPart: 4 });
    expect(generated.length).toBeGreaterThan(4);
    expect(generated.every((a) => a.startMs < HISTORY.filesBefore.getTime())).toBe(true);
    const h = Harness.init();
    const { user, cookie } = await h.signup();

    const job = await importZip(h, cookie, zip);
    expect(job).toMatchObject({
      status: 'done',
      kind: 'garmin_export',
      found: generated.length,
      imported: generated.length,
      duplicates: 0,
      skipped: [],
    });

    const rows = await h.db.select().from(activities).where(eq(activities.userId, user.id));
    expect(rows).toHaveLength(generated.length);
    // Every FIT file found its summary: Garmin's ids, full detail, one row per generated activity.
    expect(new Set(rows.map((r) => r.externalId))).toEqual(new Set(generated.map((a) => String(garminId(a)))));
    expect(rows.every((r) => r.source === 'garmin_export' && r.detailComplete && r.duplicateOf === null)).toBe(true);
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    expect(sum(rows.map((r) => r.distanceM))).toBeCloseTo(sum(generated.map((a) => a.distance)), 1);
    expect(sum(rows.map((r) => r.movingTimeS))).toBe(sum(generated.map((a) => a.movingTime)));
    expect(sum(rows.map((r) => r.elapsedTimeS))).toBe(sum(generated.map((a) => a.elapsedTime)));
    const byId = new Map(rows.map((r) => [r.externalId, r]));
    for (const a of generated) {
      const row = byId.get(String(garminId(a)))!;
      expect(row.name).toBe(a.name);
      expect(row.startTime.getTime()).toBe(a.startMs);
      expect(row.laps.length).toBeGreaterThan(0);
      if (a.stats.averageHeartrate !== null) expect(row.avgHr).toBe(Math.round(a.stats.averageHeartrate));
      if (a.plan.hasPowerMeter) expect(row.normalizedPower).toBe(a.stats.weightedAverageWatts);
    }

    // Her year of wellness before the cut (ADR 073), every record stored, under the export's source.
    const w = wellnessCounts(HISTORY.athleteId, HISTORY.filesBefore);
    const all = (n: number) => ({ read: n, stored: n, alreadyHad: 0, skipped: {} });
    expect(job.summary.garminWellness?.kinds).toEqual({
      daily: all(w.days),
      sleep: all(w.nights),
      hrv: all(w.nights),
      weight: all(w.weighIns),
      vo2max: all(w.vo2max),
    });
    const readings = await h.db.select().from(wellnessReadings).where(eq(wellnessReadings.userId, user.id));
    expect(new Set(readings.map((r) => r.day)).size).toBe(w.days);
    expect(readings.every((r) => r.source === 'garmin_export')).toBe(true);

    // The same export again (what a second `npm run dev` would send, were it not skipped) adds nothing.
    const again = await importZip(h, cookie, zip);
    expect(again).toMatchObject({ status: 'done', found: generated.length, imported: 0, duplicates: generated.length });
    expect(await h.db.$count(activities, eq(activities.userId, user.id))).toBe(generated.length);
    expect(again.summary.garminWellness?.kinds.daily).toEqual({ read: w.days, stored: 0, alreadyHad: w.days, skipped: {} });
    expect(await h.db.$count(wellnessReadings, eq(wellnessReadings.userId, user.id))).toBe(readings.length);
  });
});
