// Structured steps with their targets, planned load and hard time. Planned load is on analytics' scale
// (ADR 007): hours · IF² · 100 (swims: IF³), IF taken as the middle of the step's target band; strength
// uses analytics' per-hour rate for sessions with no intensity data, as does a step with no band to read
// as a fraction of threshold (an athlete's own step without a target, or one steered by RPE).

import { DURATION_LOAD_PER_HOUR } from '../../analytics';
import type { RepeatBlock, Sport, Step, StepKind, StepNode, Target } from '../plans.types';
import { type EnduranceSport, LOAD_EXPONENT, ZONES, type Zone } from './plan-rules';

export type StepSport = EnduranceSport | 'strength';

/** One step before it is written out: the sport decides the metric and the load exponent. */
export interface Seg {
  kind: StepKind;
  minutes: number;
  sport: StepSport;
  target: Target | null;
  note?: string;
}
export interface Repeat {
  count: number;
  segs: Seg[];
}
export type Part = Seg | Repeat;

export interface Tally {
  steps: StepNode[];
  durationSec: number;
  load: number;
  /** Seconds at zone 3 or above (the "20" of 80/20). */
  hardSec: number;
}

const METRIC = { run: 'pace', bike: 'power', swim: 'pace' } as const;
const round2 = (x: number) => Math.round(x * 100) / 100;

export function zoneTarget(sport: EnduranceSport, zone: Zone): Target {
  const [low, high] = ZONES[sport][zone];
  return { metric: METRIC[sport], zone, low, high };
}

/** A ±2 % band around a race intensity, in the zone that holds it. */
export function paceTarget(sport: EnduranceSport, intensity: number): Target {
  const zones = ZONES[sport];
  let zone: Zone = 1;
  for (const z of [1, 2, 3, 4, 5] as const) if (intensity >= zones[z][0]) zone = z;
  return { metric: METRIC[sport], zone, low: round2(intensity - 0.02), high: round2(intensity + 0.02) };
}

/** Strength work is steered by perceived effort (RPE 1–10). */
export const rpeTarget = (low: number, high: number): Target => ({ metric: 'rpe', zone: high >= 7 ? 3 : high >= 5 ? 2 : 1, low, high });

export const seg = (kind: StepKind, minutes: number, sport: StepSport, target: Target | null, note?: string): Seg =>
  note === undefined ? { kind, minutes, sport, target } : { kind, minutes, sport, target, note };

export const repeat = (count: number, segs: Seg[]): Repeat => ({ count, segs });

function loadOf(s: Seg): number {
  const hours = s.minutes / 60;
  if (s.sport === 'strength') return hours * DURATION_LOAD_PER_HOUR.strength;
  if (!s.target || s.target.metric === 'rpe') return hours * DURATION_LOAD_PER_HOUR[s.sport === 'bike' ? 'ride' : s.sport];
  const mid = (s.target.low + s.target.high) / 2;
  return hours * mid ** LOAD_EXPONENT[s.sport] * 100;
}

const isHard = (s: Seg) => s.sport !== 'strength' && (s.target?.zone ?? 0) >= 3;

function toStep(s: Seg, mixed: boolean): Step {
  const step: Step = { kind: s.kind, durationSec: Math.round(s.minutes * 60), distanceM: null, target: s.target };
  if (s.note) step.note = s.note;
  // A multisport session's legs keep their sport: a swim leg's load is not a run's.
  if (mixed && s.sport !== 'strength') step.sport = s.sport;
  return step;
}

/** Writes parts out as steps and sums their time, load and hard time. Zero-length parts are left out. */
export function tally(parts: Part[]): Tally {
  const out: Tally = { steps: [], durationSec: 0, load: 0, hardSec: 0 };
  const add = (s: Seg, times: number) => {
    const sec = Math.round(s.minutes * 60) * times;
    out.durationSec += sec;
    out.load += loadOf(s) * times;
    if (isHard(s)) out.hardSec += sec;
  };
  const mixed = new Set(parts.flatMap((p) => ('count' in p ? p.segs : [p]).map((s) => s.sport))).size > 1;
  for (const p of parts) {
    if ('count' in p) {
      const segs = p.segs.filter((s) => s.minutes > 0);
      if (p.count <= 0 || !segs.length) continue;
      const block: RepeatBlock = { kind: 'repeat', count: p.count, steps: segs.map((s) => toStep(s, mixed)) };
      out.steps.push(block);
      for (const s of segs) add(s, p.count);
    } else if (p.minutes > 0) {
      out.steps.push(toStep(p, mixed));
      add(p, 1);
    }
  }
  out.load = Math.round(out.load * 10) / 10;
  return out;
}

/**
 * The planned load of written steps (an edited or added workout's), by the same rule as the generator's own
 * sessions: each step at its sport (a brick's legs at their own, or by their metric: power rides, else runs).
 */
export function stepsLoad(steps: StepNode[], sport: Sport): number {
  if (sport === 'rest') return 0;
  const legSport = (s: Step): StepSport =>
    sport === 'strength' ? 'strength' : sport === 'brick' ? (s.sport ?? (s.target?.metric === 'power' ? 'bike' : 'run')) : sport;
  const part = (s: Step): Seg => seg(s.kind, (s.durationSec ?? 0) / 60, legSport(s), s.target);
  return tally(steps.map((n) => (n.kind === 'repeat' ? repeat(n.count, n.steps.map(part)) : part(n)))).load;
}

/** "45 min", "1 h 40 min", "2 h". */
export function formatMinutes(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const r = m % 60;
  return r ? `${h} h ${r} min` : `${h} h`;
}

/** Seconds shown as the athlete reads them: "20 s", "2 min 30 s", "8 min". */
function formatSeconds(sec: number): string {
  if (sec < 60) return `${sec} s`;
  const m = Math.floor(sec / 60);
  const s = sec % 60;
  return s ? `${formatMinutes(m)} ${s} s` : formatMinutes(m);
}

const OF_WHAT = { pace: 'threshold pace', power: 'FTP', hr: 'threshold HR', rpe: 'RPE' } as const;
const KIND_WORD: Record<StepKind, string> = { warmup: 'warm-up', work: 'hard', recovery: 'easy', cooldown: 'cool-down', steady: 'steady' };

function targetText(t: Target | null, swim: boolean): string {
  if (!t) return '';
  if (t.metric === 'rpe') return ` at RPE ${t.low}–${t.high}`;
  const what = swim ? 'CSS pace' : OF_WHAT[t.metric];
  return ` at Z${t.zone} (${Math.round(t.low * 100)}–${Math.round(t.high * 100)} % of ${what})`;
}

function stepText(s: Step, swim: boolean): string {
  const note = s.note ? `, ${s.note}` : '';
  return `${formatSeconds(s.durationSec ?? 0)} ${KIND_WORD[s.kind]}${targetText(s.target, swim)}${note}`;
}

/** The steps in words: "15 min warm-up at Z2 (…); 4 × (8 min hard at Z4 (…), 2 min easy at Z1 (…)); …". */
export function describeSteps(steps: StepNode[], swim = false): string {
  return steps
    .map((n) => (n.kind === 'repeat' ? `${n.count} × (${n.steps.map((s) => stepText(s, swim)).join(', ')})` : stepText(n, swim)))
    .join('; ');
}
