// A Garmin export's wellness files through the real import path (upload route, R2, the imports consumer, the
// parsers, the wellness feature's recordDevice; ADR 073): the days stored under source garmin_export, the report's
// counts per kind, a re-import that adds nothing and says "already here", the athlete's check-in still winning
// for the same day, and bad wellness files skipped with their reason while every activity still arrives.
import { strToU8, type Zippable } from 'fflate';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activities, wellnessReadings } from '../../../db/schema';
import { addDays, todayIn } from '../../../lib/dates';
import { wellnessCounts, wellnessFiles } from '../../../../scripts/sandbox/garmin-wellness-files';
import { buildFit, garminExport, garminSummary, summariesFile } from '../../../testing/fixtures/files';
import { healthStatus, maxMet, sleepNight, udsDay, weighIn, wellnessEntries } from '../../../testing/fixtures/garmin-wellness';
import { Harness } from '../../../testing/harness';
import { importAndWait } from '../../../testing/imports';

const importZip = (h: Harness, cookie: string, zip: Uint8Array) => importAndWait<Job>(h, cookie, zip, { filename: 'garmin-export.zip' });

type Kind = { read: number; stored: number; alreadyHad: number; skipped: Record<string, number>; valuesLeftOut?: number };
type Job = {
  id: string;
  status: string;
  kind: string | null;
  found: number;
  imported: number;
  duplicates: number;
  skipped: { name: string; reason: string; detail?: string }[];
  summary: { garminWellness?: { kinds: Record<string, Kind>; otherFiles: number } };
};
type Field = { value: number; source: string; others: { source: string; value: number }[] };
type Days = { days: { day: string; fields: Record<string, Field> }[] };

const today = todayIn('UTC', new Date());
const [d1, d2, d3] = [addDays(today, -3), addDays(today, -2), addDays(today, -1)];
const start = new Date(`${d2}T06:30:00Z`);

function exportWith(extra: Zippable): Uint8Array {
  return garminExport({
    summaries: [summariesFile([garminSummary({ activityId: 81001, start, offsetH: 0 })])],
    fits: { 'athlete_81001.fit': buildFit({ start, laps: 2 }).bytes },
    extra: { 'DI_CONNECT/DI-Connect-Wellness/user_sleepData.json': strToU8('[]'), ...extra },
  });
}

describe('a Garmin export’s wellness, imported', () => {
  it('stores the days under garmin_export, reports them per kind, adds nothing on a re-import, and leaves the check-in first', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    // The athlete's own word for the night before d2, given before the import.
    const checkIn = await h.json(`/api/v1/wellness/days/${d2}/check-in`, { method: 'PUT', cookie, body: { sleepHours: 6 } });
    expect(checkIn.status).toBe(200);

    const zip = exportWith(
      wellnessEntries({
        uds: [
          [
            udsDay(d1),
            udsDay(d2, { restingHeartRate: 300 }), // a sensor glitch: that value is left out, the rest kept
            // Nothing but an impossible resting HR: the day is skipped, out of range.
            udsDay(d3, { restingHeartRate: 300, totalSteps: null, allDayStress: null }),
          ],
        ],
        sleep: [sleepNight(d1), sleepNight(d2)],
        hrv: [healthStatus(d1, 58), healthStatus(d2, 61)],
        weight: [weighIn(d2, 61_850)],
        vo2max: [maxMet(d2, 51.4)],
      }),
    );
    const job = await importZip(h, cookie, zip);
    expect(job).toMatchObject({ status: 'done', kind: 'garmin_export', found: 1, imported: 1, skipped: [] });
    expect(job.summary.garminWellness).toEqual({
      kinds: {
        daily: { read: 3, stored: 2, alreadyHad: 0, skipped: { out_of_range: 1 }, valuesLeftOut: 1 },
        sleep: { read: 2, stored: 2, alreadyHad: 0, skipped: {} },
        hrv: { read: 2, stored: 2, alreadyHad: 0, skipped: {} },
        weight: { read: 1, stored: 1, alreadyHad: 0, skipped: {} },
        vo2max: { read: 1, stored: 1, alreadyHad: 0, skipped: {} },
      },
      otherFiles: 0,
    });

    const read = await h.json<Days>(`/api/v1/wellness/days?from=${d1}&to=${d3}`, { cookie });
    const byDay = new Map(read.body.days.map((d) => [d.day, d.fields]));
    expect([...byDay.keys()].sort()).toEqual([d1, d2]);
    expect(byDay.get(d1)).toMatchObject({
      restingHr: { value: 48, source: 'garmin_export' },
      deviceStress: { value: 31, source: 'garmin_export' },
      steps: { value: 9876, source: 'garmin_export' },
      sleepHours: { value: 7.08, source: 'garmin_export' },
      sleepScore: { value: 82, source: 'garmin_export' },
      hrvRmssd: { value: 58, source: 'garmin_export' },
    });
    const second = byDay.get(d2)!;
    // The check-in wins for the same day; Garmin's night is listed beside it.
    expect(second.sleepHours).toEqual({ value: 6, source: 'checkin', others: [{ source: 'garmin_export', value: 7.08 }] });
    expect(second.restingHr).toBeUndefined();
    expect(second).toMatchObject({
      steps: { value: 9876 },
      weight: { value: 61.85, source: 'garmin_export' },
      bodyFatPct: { value: 18.4 },
      vo2max: { value: 51.4 },
      hrvRmssd: { value: 61 },
    });
    const rows = async () => h.db.select().from(wellnessReadings).where(eq(wellnessReadings.userId, user.id));
    const before = await rows();

    // The same export again: every summary is already here, nothing is written again, no activity doubles.
    const again = await importZip(h, cookie, zip);
    expect(again).toMatchObject({ status: 'done', found: 1, imported: 0, duplicates: 1 });
    expect(again.summary.garminWellness?.kinds).toEqual({
      daily: { read: 3, stored: 0, alreadyHad: 2, skipped: { out_of_range: 1 } },
      sleep: { read: 2, stored: 0, alreadyHad: 2, skipped: {} },
      hrv: { read: 2, stored: 0, alreadyHad: 2, skipped: {} },
      weight: { read: 1, stored: 0, alreadyHad: 1, skipped: {} },
      vo2max: { read: 1, stored: 0, alreadyHad: 1, skipped: {} },
    });
    const after = await rows();
    expect(after).toHaveLength(before.length);
    expect(after.map((r) => r.updatedAt.getTime()).sort()).toEqual(before.map((r) => r.updatedAt.getTime()).sort());
  });

  it('skips a garbage wellness file and an oversized record with their reasons, and still imports every activity and good record', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    // ~1.2 MB of incompressible text in one night (a record is at most 1 MiB): too large, passed over unkept.
    let seed = 7;
    const next = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return (seed % 1e8).toString(36);
    };
    const noise = Array.from({ length: 250_000 }, next).join('');
    const zip = exportWith({
      ...wellnessEntries({ sleep: [sleepNight(d1), sleepNight(d2, { padding: noise }), sleepNight(d3)], uds: [[udsDay(d1)]] }),
      'DI_CONNECT/DI-Connect-Wellness/2025-01-01_2025-04-11_1_healthStatusData.json': strToU8('\u0089PNG garbage, not JSON \u0000\u0001'),
      'DI_CONNECT/DI-Connect-Metrics/MetricsMaxMetData_20250101_20250411_1.json': strToU8(
        '[{"calendarDate": "2025-01-01", "vo2MaxValue": 50}, {"calendarDate',
      ),
    });
    const job = await importZip(h, cookie, zip);
    expect(job).toMatchObject({ status: 'done', found: 1, imported: 1 });
    expect(job.skipped).toEqual([
      {
        name: 'DI_CONNECT/DI-Connect-Wellness/2025-01-01_2025-04-11_1_healthStatusData.json',
        reason: 'malformed_json',
        detail: 'not a JSON array',
      },
      {
        name: 'DI_CONNECT/DI-Connect-Metrics/MetricsMaxMetData_20250101_20250411_1.json',
        reason: 'malformed_json',
        detail: 'the JSON ends early',
      },
    ]);
    expect(job.summary.garminWellness?.kinds).toMatchObject({
      sleep: { read: 3, stored: 2, skipped: { too_large: 1 } },
      daily: { read: 1, stored: 1 },
      hrv: { read: 0, stored: 0 },
      vo2max: { read: 1, stored: 1 }, // what came before the cut is kept
    });
    expect(await h.db.$count(activities, eq(activities.userId, user.id))).toBe(1);
  });

  it('imports the demo athlete’s year of wellness (timed: the extra seconds `npm run dev` spends on it)', async () => {
    const h = Harness.init();
    const { cookie } = await h.signup();
    const before = new Date(`${today}T00:00:00Z`);
    const w = wellnessCounts(1001, before);
    const files = wellnessFiles(1001, before);
    const t0 = performance.now();
    const job = await importZip(h, cookie, exportWith(files));
    const ms = performance.now() - t0;
    expect(job.summary.garminWellness?.kinds.daily).toEqual({ read: w.days, stored: w.days, alreadyHad: 0, skipped: {} });
    expect(job.summary.garminWellness?.kinds.sleep?.stored).toBe(w.nights);
    console.log(
      `demo wellness year: ${w.days} days, ${w.nights} nights, ${w.weighIns} weigh-ins, ${w.vo2max} VO2max; imported in ${Math.round(ms)} ms`,
    );
  });
});
