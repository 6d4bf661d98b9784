// Wellness FIT files as devices write them, with Garmin's official Encoder: a scale's weight file (file type
// `weight`: file_id, user_profile, one weight_scale message per weigh-in), a night's sleep file (sleep_level epochs
// and the sleep_assessment), and an HRV status summary. Pure and deterministic; no `node:` imports (tests load it
// in workerd). Field names and enum values are the FIT profile's, as the Encoder takes them.
import { Encoder } from '@garmin/fitsdk';

const MESG = { FILE_ID: 0, USER_PROFILE: 3, WEIGHT_SCALE: 30, SLEEP_LEVEL: 275, SLEEP_ASSESSMENT: 346, HRV_STATUS_SUMMARY: 370 } as const;
type Mesg = Record<string, unknown>;

export interface WeighIn {
  at: Date;
  kg: number;
  fatPct?: number;
  /** The scale's user slot (a family scale keeps one per person). */
  user?: number;
}

/** A scale's weight file (Garmin Index-style: `manufacturer: garmin`, file type `weight`). */
export function weightScaleFit(weighIns: readonly WeighIn[], created = weighIns[0]?.at ?? new Date(0)): Uint8Array {
  const e = new Encoder();
  const write = (num: number, m: Mesg) => e.onMesg(num, m as never);
  write(MESG.FILE_ID, { type: 'weight', manufacturer: 'garmin', product: 2429, serialNumber: 3_941_207_110, timeCreated: created });
  for (const user of [...new Set(weighIns.map((w) => w.user ?? 0))])
    write(MESG.USER_PROFILE, { messageIndex: user, weight: 70, gender: 'male' });
  for (const w of weighIns)
    write(MESG.WEIGHT_SCALE, {
      timestamp: w.at,
      weight: w.kg,
      ...(w.fatPct === undefined ? {} : { percentFat: w.fatPct }),
      userProfileIndex: w.user ?? 0,
    });
  return e.close();
}

/** A night's sleep file: one sleep_level per stage change (each lasts until the next), then the night's assessment. */
export function sleepFit(stages: readonly { at: Date; level: 'awake' | 'light' | 'deep' | 'rem' }[], end: Date, score: number): Uint8Array {
  const e = new Encoder();
  const write = (num: number, m: Mesg) => e.onMesg(num, m as never);
  write(MESG.FILE_ID, { type: 'monitoringB', manufacturer: 'garmin', product: 4315, timeCreated: end });
  for (const s of stages) write(MESG.SLEEP_LEVEL, { timestamp: s.at, sleepLevel: s.level });
  write(MESG.SLEEP_LEVEL, { timestamp: end, sleepLevel: 'awake' });
  write(MESG.SLEEP_ASSESSMENT, { overallSleepScore: score, sleepQualityScore: score, sleepDurationScore: score });
  return e.close();
}

/** An HRV status summary: last night's overnight rMSSD average (ms) and the week's. */
export function hrvStatusFit(at: Date, lastNightMs: number, weeklyMs: number): Uint8Array {
  const e = new Encoder();
  const write = (num: number, m: Mesg) => e.onMesg(num, m as never);
  write(MESG.FILE_ID, { type: 'monitoringB', manufacturer: 'garmin', product: 4315, timeCreated: at });
  write(MESG.HRV_STATUS_SUMMARY, { timestamp: at, lastNightAverage: lastNightMs, weeklyAverage: weeklyMs, status: 'balanced' });
  return e.close();
}
