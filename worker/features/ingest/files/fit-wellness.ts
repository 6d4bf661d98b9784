// Wellness in a FIT file (ADR 072): a scale's `weight_scale` readings, and the sleep and overnight-HRV summaries
// newer Garmin devices write (`sleep_level` epochs with their `sleep_assessment`, `hrv_status_summary`). Pure: the
// decoded messages in, records out; the import stores them through the wellness feature's `recordDevice`.
//
// Deliberately NOT read: `hrv` messages (beat-to-beat intervals) of an activity file. They are recorded during
// exercise; an rMSSD from them is not a resting HRV and would poison the athlete's baseline.
import type { FitMessages } from '@garmin/fitsdk';
import { localDateIn, num } from './common.ts';

const FIT_EPOCH_MS = 631_065_600_000;

/**
 * One wellness summary from a file. Its id is the message's kind and time, not the file's hash: a scale keeps its
 * readings in a circular buffer, so the next file it writes holds the same readings again — one reading, one id,
 * and a re-import (of this file or a later one) replaces it with itself.
 */
export interface FitWellnessRecord {
  externalId: string;
  day: string;
  kind: 'weight' | 'sleep' | 'hrv';
  values: { weightKg?: number; bodyFatPct?: number; sleepS?: number; sleepScore?: number; hrvRmssd?: number };
}

export interface FitWellness {
  records: FitWellnessRecord[];
  /** What was read and left out, and why (said in the import report; never values). */
  left: string[];
}

const ms = (v: unknown): number | undefined => {
  if (v instanceof Date) return v.getTime();
  const s = num(v);
  return s === undefined || s < 0x10000000 ? undefined : s * 1000 + FIT_EPOCH_MS;
};
const ASLEEP = new Set(['light', 'deep', 'rem', 2, 3, 4]);

/**
 * The file's wellness. Days are the athlete's local days in `timeZone` (a scale or a sleep file carries no local
 * time of its own); a night counts on the day it ends.
 */
export function fitWellness(messages: FitMessages, timeZone: string): FitWellness {
  const day = (t: number) => localDateIn(new Date(t), timeZone);
  const records: FitWellnessRecord[] = [];
  const left: string[] = [];

  // A family scale writes one user profile per person: with readings of several people, none can be told to be the athlete's.
  const weights = messages.weightScaleMesgs ?? [];
  const people = new Set(weights.map((w) => num(w.userProfileIndex)).filter((x) => x !== undefined));
  if (people.size > 1) left.push(`${weights.length} weight readings of ${people.size} people on the scale: not imported`);
  else
    for (const w of weights) {
      const t = ms(w.timestamp);
      const kg = num(w.weight);
      if (t === undefined || kg === undefined) {
        left.push('a weight reading without its time or weight: not imported');
        continue;
      }
      const fat = num(w.percentFat);
      records.push({
        externalId: `fit:weight:${t / 1000}`,
        day: day(t),
        kind: 'weight',
        values: { weightKg: kg, ...(fat === undefined ? {} : { bodyFatPct: fat }) },
      });
    }

  // Sleep: the time in light, deep and REM epochs (each lasts until the next message), on the day the night ends.
  const levels = (messages.sleepLevelMesgs ?? [])
    .map((l) => ({ t: ms(l.timestamp), level: l.sleepLevel as unknown }))
    .filter((l): l is { t: number; level: unknown } => l.t !== undefined)
    .sort((a, b) => a.t - b.t);
  if (levels.length >= 2) {
    let asleepMs = 0;
    for (let i = 0; i + 1 < levels.length; i++) if (ASLEEP.has(levels[i]!.level as never)) asleepMs += levels[i + 1]!.t - levels[i]!.t;
    const end = levels.at(-1)!.t;
    const score = num(messages.sleepAssessmentMesgs?.[0]?.overallSleepScore);
    records.push({
      externalId: `fit:sleep:${end / 1000}`,
      day: day(end),
      kind: 'sleep',
      values: { sleepS: Math.round(asleepMs / 1000), ...(score === undefined ? {} : { sleepScore: score }) },
    });
  }

  // The overnight HRV summary (rMSSD averaged over the night's sleep): last night's value, on the summary's day.
  for (const h of messages.hrvStatusSummaryMesgs ?? []) {
    const t = ms(h.timestamp);
    const rmssd = num(h.lastNightAverage);
    if (t === undefined || rmssd === undefined) continue;
    records.push({ externalId: `fit:hrv:${t / 1000}`, day: day(t), kind: 'hrv', values: { hrvRmssd: rmssd } });
  }
  return { records, left };
}
