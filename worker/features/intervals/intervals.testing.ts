// Test support for interval detection: real FIT recordings read straight with Garmin's decoder (so the
// tests stay in the Node lane, apart from the upload parsers), and sessions generated with known reps.
import { readFileSync } from 'node:fs';
import { Decoder, Stream } from '@garmin/fitsdk';
import type { ActivityStreams } from '../../db/schema/activity-columns';
import { mulberry32 } from '../../lib/random';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** A FIT file's records as streams (one sample per whole second, as the importer keeps them) and its sport. */
export function fitStreams(path: string): {
  sport: string;
  streams: ActivityStreams;
  laps: { startS: number; elapsedS: number; distanceM: number }[];
} {
  const bytes = new Uint8Array(readFileSync(path));
  const { messages } = new Decoder(Stream.fromByteArray(bytes)).read({ convertDateTimesToDates: true });
  const records = (messages.recordMesgs ?? []).filter((r) => r.timestamp instanceof Date);
  const t0 = (records[0]!.timestamp as Date).getTime();
  const s: ActivityStreams & { speedCms: number[]; hr: number[]; power: number[]; altitudeDm: number[] } = {
    t: [],
    speedCms: [],
    hr: [],
    power: [],
    altitudeDm: [],
  };
  for (const r of records) {
    const t = Math.round(((r.timestamp as Date).getTime() - t0) / 1000);
    if (s.t.length && t <= s.t.at(-1)!) continue;
    s.t.push(t);
    s.speedCms.push(Math.round(100 * (num(r.enhancedSpeed) ?? num(r.speed) ?? 0)));
    s.hr.push(num(r.heartRate) ?? 0);
    s.power.push(num(r.power) ?? 0);
    s.altitudeDm.push(Math.round(10 * (num(r.enhancedAltitude) ?? num(r.altitude) ?? 0)));
  }
  const streams: ActivityStreams = { t: s.t };
  if (s.speedCms.some((v) => v > 0)) streams.speedCms = s.speedCms;
  if (s.hr.some((v) => v > 0)) streams.hr = s.hr;
  if (s.power.some((v) => v > 0)) streams.power = s.power;
  if (s.altitudeDm.some((v) => v !== 0)) streams.altitudeDm = s.altitudeDm;
  const sport = String(messages.sessionMesgs?.[0]?.sport ?? 'generic');
  const laps = (messages.lapMesgs ?? []).map((l) => ({
    startS: Math.round(((l.startTime as Date).getTime() - t0) / 1000),
    elapsedS: num(l.totalElapsedTime) ?? 0,
    distanceM: num(l.totalDistance) ?? 0,
  }));
  return { sport: sport === 'running' ? 'run' : sport === 'cycling' ? 'ride' : sport, streams, laps };
}

/** Seeded uniform numbers in [0, 1): the same seed, the same data on every run. */
export const rng = mulberry32;

export interface GeneratedSet {
  sport: 'run' | 'ride';
  reps: number;
  /** Each rep's length: seconds, or (runs) metres. */
  rep: { seconds: number } | { metres: number };
  recoveryS: number;
  /** Recoveries stood still rather than jogged or spun. */
  standing: boolean;
  warmupS: number;
  cooldownS: number;
  /** Rep speed (m/s) or power (W). */
  workLevel: number;
  /** Recovery, warm-up and cool-down level as a share of the rep level. */
  easyShare: number;
  /** Per-second noise, as a share of the level (GPS speed error, pedalling). */
  noise: number;
  /** Short stops (5–10 s) in the warm-up and cool-down. */
  stops: number;
  /** Seconds between samples: 1, or up to this (smart recording). */
  maxStep: number;
}

/** A session with exactly the set's reps, and where each one truly was (seconds from the start, metres). */
export function generateSet(
  set: GeneratedSet,
  seed: number,
): { streams: ActivityStreams; reps: { startS: number; durationS: number; distanceM: number }[] } {
  const r = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
  const easy = set.workLevel * set.easyShare;
  const level: number[] = [];
  const reps: { startS: number; durationS: number; distanceM: number }[] = [];
  const push = (seconds: number, v: number) => {
    for (let k = 0; k < seconds; k++) level.push(v);
  };
  push(set.warmupS, easy);
  for (let k = 0; k < set.reps; k++) {
    const seconds = 'seconds' in set.rep ? set.rep.seconds : Math.round(set.rep.metres / set.workLevel);
    reps.push({ startS: level.length, durationS: seconds, distanceM: seconds * set.workLevel });
    push(seconds, set.workLevel);
    if (k < set.reps - 1) push(set.recoveryS, set.standing ? 0 : easy);
  }
  push(set.cooldownS, easy);
  // Stops in the easy parts at either end.
  for (let k = 0; k < set.stops; k++) {
    const inWarmup = r() < 0.5;
    const span = inWarmup ? set.warmupS : set.cooldownS;
    if (span < 60) continue;
    const at = (inWarmup ? 0 : level.length - set.cooldownS) + 20 + Math.floor(r() * (span - 40));
    for (let i = at; i < at + 5 + Math.floor(r() * 6) && i < level.length; i++) level[i] = 0;
  }
  const streams: ActivityStreams = { t: [], hr: [] };
  const values: number[] = [];
  let hr = 110;
  let i = 0;
  while (i < level.length) {
    const v = level[i]!;
    // Noise, and now and then a GPS jump or a power spike.
    const spike = r() < 0.004 ? 1.8 : 1;
    const value = v === 0 ? 0 : Math.max(0, v * (1 + set.noise * gauss()) * spike);
    hr += ((v >= set.workLevel * 0.95 ? 172 : v === 0 ? 115 : 135) - hr) / 25;
    streams.t.push(i);
    values.push(set.sport === 'run' ? Math.round(value * 100) : Math.round(value));
    streams.hr!.push(Math.round(hr + gauss()));
    i += set.maxStep > 1 ? 1 + Math.floor(r() * set.maxStep) : 1;
  }
  if (set.sport === 'run') streams.speedCms = values;
  else streams.power = values;
  return { streams, reps };
}
