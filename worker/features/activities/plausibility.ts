// The one plausibility layer every source passes through (ADR 012). Files apply the per-sample
// rules while building their track (ingest/files/track.ts); every ActivityInput, whatever its
// source, then goes through `checkActivity` before it is stored, so summaries, streams, bests and
// load only ever see values a human body and a working sensor can produce. Whatever is cleaned
// is written down as a DataQualityNote: nothing is corrected silently.
import type { ActivityInput, ActivityStreams, DataQualityCode, DataQualityNote, Sport } from './activity.types';

/** Heart rate outside this range is a sensor fault (no adult heart beats below 25 or above 230). */
export const HR_RANGE = { min: 25, max: 230 } as const;
/** Above any human output: track sprinters peak near 2,500 W for a second or two. */
export const MAX_POWER_W = 3000;
/** Lowest and highest ground an athlete stands on (Dead Sea shore −430 m, Everest 8,849 m). */
export const ALTITUDE_RANGE_M = { min: -500, max: 9000 } as const;
/** Faster than this up or down is a barometer/GPS jump, not terrain (a steep fast descent is ~3 m/s). */
export const MAX_VERTICAL_SPEED_MPS = 10;
/** Sustained climbing faster than this over a whole activity is impossible (vertical-km records ≈ 0.6 m/s). */
export const MAX_CLIMB_RATE_MPS = 1;

// Fastest plausible speed between two samples, per sport family: Bolt's peak is 12.4 m/s; road
// descents reach ~30 m/s; open-water swimmers stay under 2.5 m/s (GPS on a wrist in water is
// noisy, hence the margin); "other" covers skiing and skating.
const MAX_SPEED_MPS: Record<Sport, number> = { run: 12.5, walk: 12.5, hike: 12.5, strength: 12.5, ride: 35, swim: 5, other: 70 };

export const maxSpeedMps = (sport: Sport | undefined): number => MAX_SPEED_MPS[sport ?? 'other'];
export const plausibleHr = (bpm: number): boolean => bpm >= HR_RANGE.min && bpm <= HR_RANGE.max;
export const plausiblePower = (w: number): boolean => w >= 0 && w <= MAX_POWER_W;
export const plausibleAltitude = (m: number): boolean => m >= ALTITUDE_RANGE_M.min && m <= ALTITUDE_RANGE_M.max;

const COUNTED: Partial<Record<DataQualityCode, (n: number) => string>> = {
  speed_glitch: (n) => `${n} GPS ${n === 1 ? 'point' : 'points'} ignored: implausible speed`,
  hr_out_of_range: (n) => `${n} heart-rate ${n === 1 ? 'sample' : 'samples'} ignored: outside ${HR_RANGE.min}–${HR_RANGE.max} bpm`,
  power_out_of_range: (n) => `${n} power ${n === 1 ? 'sample' : 'samples'} ignored: outside 0–${MAX_POWER_W.toLocaleString('en-US')} W`,
  altitude_spikes: (n) => `Altitude cleaned: ${n} ${n === 1 ? 'spike' : 'spikes'} removed`,
  out_of_order: (n) => `${n} ${n === 1 ? 'point' : 'points'} ignored: time runs backwards`,
};

/** Collects what was cleaned; counted codes add up, other notes are kept once per message. */
export class QualityNotes {
  private readonly counts = new Map<DataQualityCode, number>();
  private readonly texts = new Map<string, DataQualityNote>();

  count(code: DataQualityCode, n = 1): void {
    if (n > 0) this.counts.set(code, (this.counts.get(code) ?? 0) + n);
  }

  say(code: DataQualityCode, message: string, count?: number): void {
    const key = `${code}\u0000${message}`;
    if (!this.texts.has(key)) this.texts.set(key, count === undefined ? { code, message } : { code, message, count });
  }

  merge(notes: readonly DataQualityNote[] | undefined): void {
    for (const n of notes ?? []) {
      if (COUNTED[n.code] && n.count !== undefined) this.count(n.code, n.count);
      else this.say(n.code, n.message, n.count);
    }
  }

  list(): DataQualityNote[] {
    const out: DataQualityNote[] = [];
    for (const [code, n] of this.counts) out.push({ code, message: COUNTED[code]?.(n) ?? code, count: n });
    for (const note of this.texts.values()) if (!this.counts.has(note.code)) out.push(note);
    return out;
  }
}

/** Replaces rejected samples (NaN) by the previous valid value (the first valid one at the start). */
function holdValid(values: number[], valid: (v: number) => boolean): { values: number[]; rejected: number } | null {
  let rejected = 0;
  const first = values.find((v) => Number.isFinite(v) && valid(v));
  if (first === undefined) return null;
  let last = first;
  const out = values.map((v) => {
    if (Number.isFinite(v) && valid(v)) {
      last = v;
      return v;
    }
    rejected += 1;
    return last;
  });
  return { values: out, rejected };
}

/** Altitude samples that leave the plausible range or jump faster than terrain allows. */
export function altitudeSpikes(t: ArrayLike<number>, altitudeM: ArrayLike<number>): boolean[] {
  const spike: boolean[] = [];
  let refT = Number.NaN;
  let refAlt = Number.NaN;
  let rejectedRun = 0;
  for (let i = 0; i < altitudeM.length; i++) {
    const a = altitudeM[i]!;
    if (!Number.isFinite(a)) {
      spike.push(false);
      continue;
    }
    if (!plausibleAltitude(a)) {
      spike.push(true);
      continue;
    }
    const dt = Math.max(1, t[i]! - refT);
    const jump = Number.isFinite(refAlt) && Math.abs(a - refAlt) / dt > MAX_VERTICAL_SPEED_MPS;
    // A new level held for 30 samples is real (a device re-calibrating), not a spike.
    if (jump && rejectedRun < 30) {
      spike.push(true);
      rejectedRun += 1;
      continue;
    }
    spike.push(false);
    rejectedRun = 0;
    refT = t[i]!;
    refAlt = a;
  }
  return spike;
}

function cleanStreams(streams: ActivityStreams, sport: Sport, notes: QualityNotes): ActivityStreams | null {
  const out: ActivityStreams = { ...streams };
  const t = streams.t;
  if (streams.hr) {
    const r = holdValid(streams.hr, plausibleHr);
    notes.count('hr_out_of_range', r ? r.rejected : streams.hr.filter((v) => v !== 0).length);
    if (r) out.hr = r.values;
    else delete out.hr;
  }
  if (streams.power) {
    const r = holdValid(streams.power, plausiblePower);
    notes.count('power_out_of_range', r?.rejected ?? streams.power.length);
    if (r && r.values.some((v) => v > 0)) out.power = r.values;
    else delete out.power;
  }
  if (streams.speedCms) {
    const max = maxSpeedMps(sport) * 100;
    const r = holdValid(streams.speedCms, (v) => v >= 0 && v <= max);
    notes.count('speed_glitch', r?.rejected ?? 0);
    if (r) out.speedCms = r.values;
    else delete out.speedCms;
  }
  if (streams.altitudeDm) {
    const spikes = altitudeSpikes(
      t,
      streams.altitudeDm.map((dm) => dm / 10),
    );
    const n = spikes.filter(Boolean).length;
    if (n > 0) {
      const r = holdValid(
        streams.altitudeDm.map((v, i) => (spikes[i] ? Number.NaN : v)),
        () => true,
      );
      notes.count('altitude_spikes', n);
      if (r) out.altitudeDm = r.values;
      else delete out.altitudeDm;
    }
  }
  return out;
}

/**
 * Checks an activity from any source: per-sample rules on its streams, then its stated totals
 * (a max HR of 254, an average of 0 W with no power meter, kilometres of climbing in an hour).
 * Idempotent: a checked activity passes unchanged.
 */
export function checkActivity(input: ActivityInput): ActivityInput {
  const notes = new QualityNotes();
  notes.merge(input.dataQuality);
  const out: ActivityInput = { ...input };
  if (input.streams) out.streams = cleanStreams(input.streams, input.sport, notes);

  if (out.maxHr != null && !plausibleHr(out.maxHr)) {
    notes.say('max_hr_implausible', `Max heart rate of ${Math.round(out.maxHr)} bpm ignored: outside ${HR_RANGE.min}–${HR_RANGE.max} bpm`);
    const fromStream = out.streams?.hr?.length ? Math.max(...out.streams.hr) : null;
    out.maxHr = fromStream !== null && plausibleHr(fromStream) ? fromStream : null;
  }
  if (out.avgHr != null && !plausibleHr(out.avgHr)) {
    notes.say(
      'max_hr_implausible',
      `Average heart rate of ${Math.round(out.avgHr)} bpm ignored: outside ${HR_RANGE.min}–${HR_RANGE.max} bpm`,
    );
    out.avgHr = null;
  }
  const hasPower = !!out.streams?.power?.some((v) => v > 0);
  if (out.avgPower != null && (out.avgPower <= 0 || !plausiblePower(out.avgPower)) && !hasPower) {
    notes.say('no_power', `Average power of ${Math.round(out.avgPower)} W without power samples: recorded as no power`);
    out.avgPower = null;
  }
  if (out.normalizedPower != null && (out.normalizedPower <= 0 || !plausiblePower(out.normalizedPower))) out.normalizedPower = null;
  if (out.avgPower === null && out.normalizedPower != null && !hasPower) out.normalizedPower = null;

  const climbS = Math.max(out.movingTimeS, out.elapsedTimeS);
  if (out.elevationGainM != null && out.elevationGainM > Math.max(100, climbS * MAX_CLIMB_RATE_MPS)) {
    notes.say(
      'altitude_spikes',
      `Climbing of ${Math.round(out.elevationGainM).toLocaleString('en-US')} m in ${Math.round(climbS / 60)} min ignored: impossible`,
    );
    out.elevationGainM = null;
  }
  const list = notes.list();
  if (list.length) out.dataQuality = list;
  else delete out.dataQuality;
  return out;
}

/**
 * A sport for a recording that names none, from its time-weighted median and 95th-percentile
 * moving speed: walking stays under ~1.9 m/s, runners rarely touch 7.5 m/s, and riders cruise
 * above 6 m/s or reach 8.5 m/s downhill. Between the bands it is honestly "other".
 */
export function inferSport(medianMps: number | null, p95Mps: number | null): Sport {
  if (medianMps === null || p95Mps === null || medianMps <= 0) return 'other';
  if (medianMps > 6 || p95Mps > 8.5) return 'ride';
  if (medianMps < 1.9 && p95Mps < 3) return 'walk';
  if (medianMps >= 1.9 && p95Mps <= 7.5) return 'run';
  return 'other';
}
