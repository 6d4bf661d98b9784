// Which best efforts count as bests (ADR 007, "Implausible bests"). An effort no human has produced —
// faster than the world record, more power than any rider has held — or far beyond the athlete's own
// history is a recording fault (GPS jump, a car ride left running, a power-meter spike), not a PB. It
// is kept, with its reason, so the activity page can say why it was not counted.

import type { EffortExclusion } from '../analytics.types';

/**
 * Men's outdoor world records (s) at the PB distances, keyed like `runBests` (whole metres): the
 * fastest any human has run, so nothing faster can be real whoever the athlete is. Sources: World
 * Athletics, "World Records" (worldathletics.org/records/by-category/world-records), checked 2026:
 * 400 m 43.03 van Niekerk (Rio 2016); 1000 m 2:11.96 Ngeny (Rieti 1999); mile 3:43.13 El Guerrouj
 * (Rome 1999); 5000 m 12:35.36 Cheptegei (Monaco 2020); 10,000 m 26:11.00 Cheptegei (Valencia 2020,
 * track, faster than the road 26:24); half marathon 56:42 Kiplimo (Barcelona 2025); marathon
 * 2:00:35 Kiptum (Chicago 2023). Road and track are mixed on purpose: the faster one is the ceiling.
 */
export const WORLD_RECORD_S: Readonly<Record<number, number>> = {
  400: 43.03,
  1000: 131.96,
  1609: 223.13,
  5000: 755.36,
  10000: 1571.0,
  21098: 3402,
  42195: 7235,
};

/**
 * Best mean power (W) no rider has held for each duration, keyed like `powerBests` (seconds). Allen &
 * Coggan's power profile (Training and Racing with a Power Meter, 3rd ed., table 3.1) tops out at
 * about 24 W/kg for 5 s, 11.5 W/kg for 1 min, 7.6 W/kg for 5 min and 6.4 W/kg at threshold; for a
 * 100-kg rider, rounded up: 2,500 W, 1,200 W, 800 W, 700 W for 20 min. The hour ceiling of 600 W sits
 * well above the hour-record rides (about 450–500 W estimated).
 */
export const POWER_CEILING_W: Readonly<Record<number, number>> = {
  5: 2500,
  60: 1200,
  300: 800,
  1200: 700,
  3600: 600,
};

/**
 * "Far beyond the athlete's own history": with at least this many earlier efforts at a distance, a new
 * one faster than the best of them by more than the ratio below is not trusted. Earlier efforts are
 * mostly the fastest stretch of ordinary training runs, so the margin must let a first race through:
 * in Daniels' VDOT tables (VDOT 30–60) race pace over easy pace is about 1.3× at 5 km and beyond,
 * 1.45× at the mile, and a flat-out 400 m reaches about 1.7×. The limits sit above those: speed 1.8×
 * the previous best (time under 0.556×) up to the mile, 1.5× (time under 0.667×) from 5 km on.
 */
export const HISTORY_MIN_EFFORTS = 10;
export const HISTORY_MAX_SPEEDUP_SHORT = 1.8;
export const HISTORY_MAX_SPEEDUP_LONG = 1.5;
/** Keys up to here (the mile) use the short-distance limit. */
export const HISTORY_SHORT_MAX_KEY = 1609;

/** Time factor under which an effort at `key` is beyond the history's best (see HISTORY_*). */
export const historyTimeFactor = (key: number): number =>
  1 / (key <= HISTORY_SHORT_MAX_KEY ? HISTORY_MAX_SPEEDUP_SHORT : HISTORY_MAX_SPEEDUP_LONG);

/** What is known about the activity an effort comes from. */
export interface EffortSource {
  /** The file named no sport; it was inferred from speed. */
  sportInferred: boolean;
  /** The activity carries a data-quality note 'implausible_effort'. */
  implausibleEffort: boolean;
}

/**
 * The reason an effort is not a best, from the effort and its own activity alone (the history rule
 * needs the athlete's other efforts and is applied in SQL, `bests.repo.ts` judgeHistory). Records and
 * ceilings first: they are the most specific thing to tell the athlete.
 */
export function intrinsicExclusion(
  kind: 'run' | 'power',
  key: number,
  value: number,
  src: EffortSource,
): { reason: EffortExclusion; ref: number | null } | null {
  if (kind === 'run') {
    const record = WORLD_RECORD_S[key];
    if (record !== undefined && value < record) return { reason: 'world_record', ref: record };
    // Sport-specific bests need the sport to be known and the recording to be trusted.
    if (src.implausibleEffort) return { reason: 'implausible_effort', ref: null };
    if (src.sportInferred) return { reason: 'sport_inferred', ref: null };
    return null;
  }
  const ceiling = POWER_CEILING_W[key];
  if (ceiling !== undefined && value > ceiling) return { reason: 'power_ceiling', ref: ceiling };
  return null;
}

/** Race-clock time: 43.03 s, 2:11.96, 4:05.3, 26:11, 2:00:35 (fractions only under ten minutes). */
export function clockTime(s: number): string {
  const dp = s >= 600 ? 0 : Math.round(s * 100) % 10 !== 0 ? 2 : 1;
  const total = Math.round(s * 10 ** dp) / 10 ** dp;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = (total - h * 3600 - m * 60).toFixed(dp);
  if (total < 60) return `${sec} s`;
  const padded = sec.padStart(dp > 0 ? dp + 3 : 2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${padded}` : `${m}:${padded}`;
}

/** One sentence for the activity page: what was not counted and why. */
export function exclusionMessage(e: {
  kind: 'run' | 'power';
  label: string;
  value: number;
  reason: EffortExclusion;
  ref: number | null;
}): string {
  const what =
    e.kind === 'run' ? `${e.label} best of ${clockTime(e.value)}` : `${e.label} power of ${Math.round(e.value).toLocaleString('en-US')} W`;
  switch (e.reason) {
    case 'world_record':
      return `${what} not counted: faster than the world record (${clockTime(e.ref ?? 0)}).`;
    case 'power_ceiling':
      return `${what} not counted: above ${(e.ref ?? 0).toLocaleString('en-US')} W, more than any rider has held for that long.`;
    case 'beyond_history': {
      const pct = e.ref ? Math.round((1 - e.value / e.ref) * 100) : null;
      return `${what} not counted: ${pct === null ? 'far' : `${pct} %`} faster than your best before it${e.ref ? ` (${clockTime(e.ref)})` : ''}, too far beyond your history to trust the recording.`;
    }
    case 'sport_inferred':
      return `${what} not counted: the file named no sport, so it was inferred and does not set run records.`;
    case 'implausible_effort':
      return `${what} not counted: the recording was flagged as implausible.`;
  }
}
