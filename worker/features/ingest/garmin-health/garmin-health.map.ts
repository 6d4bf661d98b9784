// Garmin Health API summaries → wellness DeviceRecords (pure). Units as stored: seconds, kg, bpm, ms, %. The day is
// the athlete's local day Garmin names (`calendarDate`), except a night, which counts on the day it ends, and a
// weighing, which carries no calendar date (its local time decides).
import {
  BodyCompSummary,
  DailySummary,
  HEALTH_SUMMARIES,
  type HealthSummaryType,
  HrvSummary,
  SleepSummary,
  StressDetailsSummary,
  UserMetricsSummary,
} from '../../../providers/garmin/garmin-health.wire';
import type { DeviceRecord } from '../../wellness';

/** The local calendar date of an instant given in UTC seconds and the device's offset from UTC. */
export const localDay = (epochS: number, offsetS = 0): string => new Date((epochS + offsetS) * 1000).toISOString().slice(0, 10);

/** Garmin's stress values below 0 mean "no data" (−1 too little, −2 too much motion). */
const stressOf = (v: number | null | undefined) => (v !== null && v !== undefined && v >= 0 ? v : undefined);
const positive = (v: number | null | undefined) => (v !== null && v !== undefined && v > 0 ? v : undefined);

const clean = (values: DeviceRecord['values']): DeviceRecord['values'] =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as DeviceRecord['values'];

// A summary id is unique within its type; the type keeps a night's id from ever replacing a day's.
const idOf = (type: HealthSummaryType, summaryId: string) => `${type}:${summaryId}`;

const STORED = {
  dailies: DailySummary.omit({ userId: true }),
  sleeps: SleepSummary.omit({ userId: true }),
  hrv: HrvSummary.omit({ userId: true }),
  bodyComps: BodyCompSummary.omit({ userId: true }),
  stressDetails: StressDetailsSummary.omit({ userId: true }),
  userMetrics: UserMetricsSummary.omit({ userId: true }),
} as const;

/** One stored summary as a DeviceRecord; null for a type we do not read or a summary that no longer parses. */
export function toDeviceRecord(type: string, summary: unknown): DeviceRecord | null {
  if (!Object.hasOwn(HEALTH_SUMMARIES, type)) return null;
  const t = type as HealthSummaryType;
  const parsed = STORED[t].safeParse(summary);
  if (!parsed.success) return null;
  const s = parsed.data;
  switch (t) {
    case 'dailies': {
      const d = s as DailySummary;
      return {
        externalId: idOf(t, d.summaryId),
        day: d.calendarDate,
        values: clean({
          steps: d.steps ?? undefined,
          restingHr: positive(d.restingHeartRateInBeatsPerMinute),
          deviceStress: stressOf(d.averageStressLevel),
        }),
      };
    }
    case 'sleeps': {
      const n = s as SleepSummary;
      // A night counts on the day it ends: a sleep ending 07:10 local is that morning's, and so is one ending 00:30.
      const day = localDay(n.startTimeInSeconds + n.durationInSeconds, n.startTimeOffsetInSeconds ?? 0);
      return {
        externalId: idOf(t, n.summaryId),
        day,
        values: clean({ sleepS: n.durationInSeconds, sleepScore: n.overallSleepScore?.value ?? undefined }),
      };
    }
    case 'hrv': {
      const h = s as HrvSummary;
      return { externalId: idOf(t, h.summaryId), day: h.calendarDate, values: clean({ hrvRmssd: positive(h.lastNightAvg) }) };
    }
    case 'bodyComps': {
      const b = s as BodyCompSummary;
      return {
        externalId: idOf(t, b.summaryId),
        day: localDay(b.measurementTimeInSeconds, b.measurementTimeOffsetInSeconds ?? 0),
        values: clean({
          weightKg: b.weightInGrams == null ? undefined : b.weightInGrams / 1000,
          bodyFatPct: positive(b.bodyFatInPercent),
        }),
      };
    }
    case 'stressDetails': {
      const x = s as StressDetailsSummary;
      const vals = Object.values(x.timeOffsetStressLevelValues ?? {}).filter((v) => v >= 0);
      const mean = vals.length > 0 ? Math.round(vals.reduce((a, b) => a + b, 0) / vals.length) : undefined;
      // The dailies' averageStressLevel is Garmin's own figure for the day; the 3-minute values' mean only stands in
      // where the dailies gave none (a day whose dailies said −1, or has not arrived), so it never overrides Garmin.
      return { externalId: idOf(t, x.summaryId), day: x.calendarDate, values: clean({ deviceStress: mean }), fallback: true };
    }
    case 'userMetrics': {
      const m = s as UserMetricsSummary;
      return { externalId: idOf(t, m.summaryId), day: m.calendarDate, values: clean({ vo2max: positive(m.vo2Max) }) };
    }
  }
}
