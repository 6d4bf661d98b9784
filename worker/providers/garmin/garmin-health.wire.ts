// Garmin Health API push bodies: `{ "<summaryType>": [ … ] }`, one summary type per POST. Field names as public
// converters quoting Garmin's spec read them (RADAR-base's push endpoint converters, Metriport's Garmin mappings;
// ADR 071 lists what was checked). Only the fields Cadence stores are declared; Garmin's others pass through unread.
import { z } from 'zod';

const UserId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const SummaryId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'control character');
const Seconds = z.number().int();
const Num = z.number().finite();
const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const base = {
  userId: UserId,
  summaryId: SummaryId,
  // Sent to OAuth 1.0a clients only, and being retired: carried through, never relied on.
  userAccessToken: z.string().max(500).optional(),
};
const timed = { ...base, calendarDate: CalendarDate, startTimeInSeconds: Seconds, startTimeOffsetInSeconds: Seconds.optional() };

export const DailySummary = z.object({
  ...timed,
  durationInSeconds: Seconds.optional(),
  steps: Num.nullish(),
  restingHeartRateInBeatsPerMinute: Num.nullish(),
  /** −1 / −2: not enough data. */
  averageStressLevel: Num.nullish(),
});

export const SleepSummary = z.object({
  ...timed,
  durationInSeconds: Seconds,
  validation: z.string().max(40).optional(),
  overallSleepScore: z.object({ value: Num.nullish(), qualifierKey: z.string().max(40).nullish() }).nullish(),
});

export const HrvSummary = z.object({ ...timed, lastNightAvg: Num.nullish(), lastNight5MinHigh: Num.nullish() });

export const BodyCompSummary = z.object({
  ...base,
  measurementTimeInSeconds: Seconds,
  measurementTimeOffsetInSeconds: Seconds.optional(),
  weightInGrams: Num.nullish(),
  bodyFatInPercent: Num.nullish(),
});

export const StressDetailsSummary = z.object({
  ...timed,
  /** Offset in seconds from the start → the 3-minute stress value (1–100; −1 not enough data, −2 too much motion). */
  timeOffsetStressLevelValues: z.record(z.string().max(12), Num).nullish(),
});

export const UserMetricsSummary = z.object({ ...base, calendarDate: CalendarDate, vo2Max: Num.nullish() });

/** The summary types Cadence reads; Garmin's others (epochs, pulseOx, respiration, …) are acknowledged and ignored. */
export const HEALTH_SUMMARIES = {
  dailies: DailySummary,
  sleeps: SleepSummary,
  hrv: HrvSummary,
  bodyComps: BodyCompSummary,
  stressDetails: StressDetailsSummary,
  userMetrics: UserMetricsSummary,
} as const;
export type HealthSummaryType = keyof typeof HEALTH_SUMMARIES;
export const HEALTH_SUMMARY_TYPES = Object.keys(HEALTH_SUMMARIES) as [HealthSummaryType, ...HealthSummaryType[]];

export type DailySummary = z.infer<typeof DailySummary>;
export type SleepSummary = z.infer<typeof SleepSummary>;
export type HrvSummary = z.infer<typeof HrvSummary>;
export type BodyCompSummary = z.infer<typeof BodyCompSummary>;
export type StressDetailsSummary = z.infer<typeof StressDetailsSummary>;
export type UserMetricsSummary = z.infer<typeof UserMetricsSummary>;

/**
 * One entry of a Health API ping (Garmin's ping/pull mode, which we configure for every summary type): new summaries
 * of this type for the user are ready at `callbackURL` (`wellness-api/rest/<type>?uploadStartTimeInSeconds=…&
 * uploadEndTimeInSeconds=…&token=…`, at most 24 hours by upload time, its pull token time-bound). A push entry (the
 * summary's values in the body) has no callback URL: unsigned values are never taken (ADR 095).
 */
export const HealthPing = z.object({ userId: UserId, callbackURL: z.url().max(2000) });

/** What the callback URL answers: the summaries of that type uploaded in the window (Garmin's pull answers carry no userId). */
export const HealthPullResponse = z.array(z.record(z.string(), z.unknown())).max(10_000);

/** The permission that lets us read health summaries; the athlete can untick it on Garmin's consent page. */
export const HEALTH_EXPORT = 'HEALTH_EXPORT';

/** The Health API's backfill accepts at most 90 days per request and summary type. */
export const HEALTH_BACKFILL_MAX_DAYS = 90;

/** [start, end) windows of at most 90 days, in seconds, covering `from`..`to`. */
export function healthBackfillWindows(from: Date, to: Date): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const step = HEALTH_BACKFILL_MAX_DAYS * 86_400;
  const last = Math.floor(to.getTime() / 1000);
  for (let start = Math.floor(from.getTime() / 1000); start < last; start += step) out.push({ start, end: Math.min(last, start + step) });
  return out;
}
