// Polar's nights as wellness records (ADR 072): sleep (`/v3/users/sleep`) and Nightly Recharge
// (`/v3/users/nightly-recharge`), both listed for the last 28 days only. Pure: the adapter fetches, this maps.
import type { ProviderWellnessRecord } from '../file-provider/file-provider';
import type { NightlyRecharge, SleepNight } from './polar-wire';
import type { z } from 'zod';

/** AccessLink lists sleep and Nightly Recharge for this many days back; older nights cannot be fetched. */
export const POLAR_WELLNESS_WINDOW_DAYS = 28;

const defined = <T extends Record<string, number | undefined>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && Number.isFinite(v))) as Partial<T>;

/**
 * A night's sleep on its wake day (Polar's `date`). Sleep time is light + deep + REM: the span from falling asleep to
 * waking (end − start) also holds the interruptions and the epochs Polar could not stage, which are not sleep.
 * A night with none of the three stages gives no sleep time (the score alone is kept).
 */
export function sleepRecord(n: z.infer<typeof SleepNight>): ProviderWellnessRecord {
  const staged = [n.light_sleep, n.deep_sleep, n.rem_sleep];
  const sleepS = staged.some((s) => s !== undefined) ? staged.reduce<number>((a, s) => a + (s ?? 0), 0) : undefined;
  return { externalId: `sleep:${n.date}`, day: n.date, values: defined({ sleepS, sleepScore: n.sleep_score }) };
}

/**
 * Nightly Recharge's HRV: the rMSSD of the 4 hours starting 30 minutes after falling asleep — another
 * measurement than Garmin's overnight average or a morning reading, so it stays under the `polar` source and gets
 * its own baseline. Its `heart_rate_avg` (the same 4 hours asleep) is not a resting heart rate measured on waking:
 * mapping it to restingHr would splice two measurements under one name, so it is not mapped.
 */
export function rechargeRecord(r: z.infer<typeof NightlyRecharge>): ProviderWellnessRecord {
  return { externalId: `recharge:${r.date}`, day: r.date, values: defined({ hrvRmssd: r.heart_rate_variability_avg }) };
}

/** Both lists as records; nights with nothing we keep are left out. */
export function polarWellness(
  nights: readonly z.infer<typeof SleepNight>[],
  recharges: readonly z.infer<typeof NightlyRecharge>[],
): ProviderWellnessRecord[] {
  return [...nights.map(sleepRecord), ...recharges.map(rechargeRecord)].filter((r) => Object.keys(r.values).length > 0);
}
