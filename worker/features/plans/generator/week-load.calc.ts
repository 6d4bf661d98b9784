// How much each week holds: the weekly volume (endurance minutes) and the long-session limits, from the
// athlete's recent volume towards the hours they can give, within +10 % a week, recovery weeks at 70 %,
// the taper at a share of peak. The CTL ramp check that may trim a week lives in build-weeks.ts. Pure.

import type { Phase } from '../plans.types';
import { taperShare, type WeekFrame } from './periodization.calc';
import {
  type EnduranceSport,
  INTAKE_HOLD_WEEKS,
  LONG_FLOOR,
  LONG_GROWTH_MAX,
  LONG_STEP_MIN,
  RECOVERY_VOLUME,
  STRENGTH_MINUTES,
  STRENGTH_SESSIONS,
  VOLUME_GROWTH_MAX,
} from './plan-rules';

export interface LoadSettings {
  hoursPerWeek: number;
  includeStrength: boolean;
  /** Thin history: start at the answered volume and hold it for the first weeks. */
  intake: boolean;
  /** Recent weekly endurance minutes in the plan's sports. */
  recentMinutes: number;
  /** Base weeks (not recovery) before build: the volume reaches the athlete's hours by then. */
  baseWeeks: number;
  /** The least a week starts from, in hours (MIN_START_HOURS; MIN_START_HOURS_TRI for a triathlon). */
  startFloorHours: number;
}

/** What the weeks so far leave for the next one. */
export interface VolumeState {
  prevMinutes: number | null;
  prevPhase: Phase | null;
  /** The last loading week's volume: a recovery week is 70 % of it, the week after returns to it at most. */
  preRecovery: number | null;
  /** The largest loading week: the taper's reference. */
  peak: number;
  loadingWeeks: number;
  /** The last loading week's long sessions, by sport. */
  longRef: Partial<Record<EnduranceSport, number>>;
}

export type VolumeReason = 'start' | 'floor' | 'intake_hold' | 'progression' | 'growth' | 'return' | 'cap' | 'recovery' | 'taper';

export interface VolumeTarget {
  minutes: number;
  reason: VolumeReason;
}

export const strengthMinutes = (s: LoadSettings, phase: Phase, raceWeek: boolean): number =>
  s.includeStrength && !raceWeek ? STRENGTH_SESSIONS[phase] * STRENGTH_MINUTES : 0;

/** Endurance minutes the athlete's hours leave once strength is counted. */
export const capMinutes = (s: LoadSettings, phase: Phase, raceWeek = false): number =>
  Math.max(0, s.hoursPerWeek * 60 - strengthMinutes(s, phase, raceWeek));

/** Week 1: recent volume (+10 % with history, as answered without), at least the floor, at most the cap. */
export function startMinutes(s: LoadSettings, firstPhase: Phase): { minutes: number; reason: VolumeReason } {
  const fromRecent = s.recentMinutes * (s.intake ? 1 : 1 + VOLUME_GROWTH_MAX);
  const floor = s.startFloorHours * 60;
  const cap = capMinutes(s, firstPhase);
  if (fromRecent < floor) return { minutes: Math.min(floor, cap), reason: floor > cap ? 'cap' : 'floor' };
  return fromRecent > cap ? { minutes: cap, reason: 'cap' } : { minutes: fromRecent, reason: 'start' };
}

export function volumeTarget(s: LoadSettings, state: VolumeState, frame: WeekFrame, taperScale = 1): VolumeTarget {
  const cap = capMinutes(s, frame.phase, frame.raceWeek);
  const start = startMinutes(s, frame.phase);
  if (frame.taper) {
    // The race week's training runs up to the eve of the race: its share shrinks with its days.
    const days = frame.raceWeek ? Math.min(1, (frame.days - 1) / 6) : 1;
    const peak = state.peak > 0 ? state.peak : start.minutes;
    return { minutes: Math.min(cap, taperShare(frame.taper, taperScale) * days * peak), reason: 'taper' };
  }
  if (frame.phase === 'recovery')
    return { minutes: Math.min(cap, RECOVERY_VOLUME * (state.preRecovery ?? start.minutes)), reason: 'recovery' };
  if (state.prevMinutes === null) return start;

  // Rising evenly from the first week to the athlete's hours by the end of base, within the week-over-week limits.
  const peakCap = capMinutes(s, 'peak');
  const k = s.baseWeeks > 0 ? Math.min(1, state.loadingWeeks / s.baseWeeks) : 1;
  let target: VolumeTarget = { minutes: start.minutes + (peakCap - start.minutes) * k, reason: k >= 1 ? 'cap' : 'progression' };
  if (s.intake && frame.week <= INTAKE_HOLD_WEEKS) target = { minutes: start.minutes, reason: 'intake_hold' };
  const afterRecovery = state.prevPhase === 'recovery' && state.preRecovery !== null;
  // Never below the plan's own first week: sessions are whole 5 minutes and have minimum lengths, so a week
  // may come out shorter than its target, and +10 % on each shortfall would shrink a new athlete's plan away.
  const limit = afterRecovery ? state.preRecovery! : Math.max(state.prevMinutes * (1 + VOLUME_GROWTH_MAX), start.minutes);
  if (target.minutes > limit) target = { minutes: limit, reason: afterRecovery ? 'return' : 'growth' };
  if (target.minutes > cap) target = { minutes: cap, reason: 'cap' };
  return target;
}

/** Long-session limits: the recent longest (+10 % with history) to start, +10 % a week, 70 % in recovery, the taper's share. */
export function longLimits(
  state: VolumeState,
  frame: WeekFrame,
  longest: Record<EnduranceSport, number>,
  intake: boolean,
  taperScale = 1,
): Partial<Record<EnduranceSport, number>> {
  const out: Partial<Record<EnduranceSport, number>> = {};
  for (const sport of ['run', 'bike', 'swim'] as const) {
    const first = Math.max(longest[sport] * (intake ? 1 : 1 + LONG_GROWTH_MAX), LONG_FLOOR[sport]);
    const ref = state.longRef[sport] ?? first;
    if (frame.taper) out[sport] = ref * taperShare(frame.taper, taperScale);
    else if (frame.phase === 'recovery') out[sport] = ref * RECOVERY_VOLUME;
    else if (state.longRef[sport] === undefined) out[sport] = first;
    // +10 % a week, or 5 minutes when that is more (a 30-minute long run may become 35).
    else out[sport] = Math.max(first, state.prevPhase === 'recovery' ? ref : Math.max(ref * (1 + LONG_GROWTH_MAX), ref + LONG_STEP_MIN));
  }
  return out;
}
