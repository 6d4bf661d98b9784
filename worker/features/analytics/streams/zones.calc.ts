// Time in heart-rate, pace and power zones, from the threshold the activity's load used (ADR 007,
// "Thresholds by date"): the one in effect on its day, raised where the activity's own efforts disprove it.
//
// Zone models (ADR 032), as fractions of the threshold; a second counts in the zone whose range holds it:
// - power: Coggan's seven levels of FTP (55 / 75 / 90 / 105 / 120 / 150 %), whose first five match the
//   plan generator's bike zones (plans/generator/plan-rules.ts);
// - pace: the plan generator's run zones of threshold speed (75 / 85 / 93 / 101 %), and of CSS for swims
//   (85 / 92 / 97 / 103 %), counted over moving seconds only;
// - heart rate: Friel's zones of lactate-threshold HR (runs 85 / 90 / 95 / 100 %, rides 81 / 90 / 94 /
//   100 %); without an LTHR the same zones of the threshold HR the load and the easy-run filter take from max
//   HR (89 % of it), so one model per athlete and sport (issue 55: max-HR bands called easy runs "Tempo").
// Without the threshold a model needs there are no zones: the page asks for the threshold instead.

import type { Sport } from '../../activities';
import { LTHR_OF_MAX } from '../calc/load.calc';
import { MOVING_SPEED_MPS } from '../calc/stream-grid.calc';
import type { LoadBasis, ThresholdKind, ThresholdRaise } from '../analytics.types';
import type { InEffect } from '../calc/thresholds.calc';
import type { ActivityTrack } from './activity-track.calc';

export type ZoneKind = 'hr' | 'pace' | 'power';

interface ZoneModel {
  basis: ThresholdKind;
  /** Upper bounds of every zone but the last, as fractions of the threshold. */
  bounds: number[];
  names: string[];
}

const POWER: ZoneModel = {
  basis: 'ftp',
  bounds: [0.55, 0.75, 0.9, 1.05, 1.2, 1.5],
  names: ['Active recovery', 'Endurance', 'Tempo', 'Threshold', 'VO2max', 'Anaerobic', 'Neuromuscular'],
};
const FIVE = ['Recovery', 'Endurance', 'Tempo', 'Threshold', 'VO2max'];
const RUN_PACE: ZoneModel = { basis: 'threshold_pace', bounds: [0.75, 0.85, 0.93, 1.01], names: FIVE };
const SWIM_PACE: ZoneModel = { basis: 'css', bounds: [0.85, 0.92, 0.97, 1.03], names: FIVE };
const HR_LTHR_RUN: ZoneModel = { basis: 'lthr', bounds: [0.85, 0.9, 0.95, 1.0], names: FIVE };
const HR_LTHR_RIDE: ZoneModel = { basis: 'lthr', bounds: [0.81, 0.9, 0.94, 1.0], names: FIVE };
const ofMax = (m: ZoneModel): ZoneModel => ({ basis: 'max_hr', bounds: m.bounds.map((f) => f * LTHR_OF_MAX), names: FIVE });
const HR_MAX_RUN = ofMax(HR_LTHR_RUN);
const HR_MAX_RIDE = ofMax(HR_LTHR_RIDE);

export interface ThresholdUsed {
  kind: ThresholdKind;
  /** The value the zones are drawn from: the one in effect, or the load's raised value. */
  value: number;
  /** The athlete's value in effect on the day; null when none was and the activity's own effort served. */
  inEffect: number | null;
  /** `activity`: none in effect, the load's threshold came from the activity itself (ADR 065). */
  source: 'manual' | 'estimated' | 'activity';
  /** The day a manual value took effect, the Monday an estimate is dated (from efforts before it), or the activity's day. */
  effectiveFrom: string;
  /** `own_max_hr`: the recording's own maximum is above the max HR in effect, which it disproves (zones only). */
  raisedBy: ThresholdRaise | 'own_max_hr' | null;
}

/** Above this a heart-rate sample is a strap's glitch, not a maximum (as the max-HR estimate reads them). */
const HR_CEILING_BPM = 230;

export interface ZoneTime {
  zone: number;
  name: string;
  /** The zone's range in the channel's units (bpm, m/s, W); null = open-ended. */
  low: number | null;
  high: number | null;
  seconds: number;
}

export type ZoneTable =
  | { kind: ZoneKind; state: 'ok'; threshold: ThresholdUsed; zones: ZoneTime[]; totalS: number }
  | { kind: ZoneKind; state: 'no_threshold'; needs: ThresholdKind[] };

/**
 * The threshold of `kind` zones are drawn from: the load's basis when the load used that kind (so zones
 * and load agree), else the value in effect. A load on threshold HR derived from max HR raises max HR
 * by the same factor.
 */
export function zoneThreshold(
  inEffect: Partial<Record<ThresholdKind, InEffect>>,
  basis: LoadBasis | undefined,
  kind: ThresholdKind,
  day: string,
): ThresholdUsed | null {
  // None in effect: the zones use what the load used, the activity's own effort.
  if (basis && basis.kind === kind && basis.inEffect === null)
    return { kind, value: basis.used, inEffect: null, source: 'activity', effectiveFrom: day, raisedBy: basis.raisedBy };
  const e = inEffect[kind];
  if (!e) return null;
  const used: ThresholdUsed = {
    kind,
    value: e.value,
    inEffect: e.value,
    source: e.source,
    effectiveFrom: e.effectiveFrom,
    raisedBy: null,
  };
  if (!basis?.raisedBy || basis.kind !== kind) return used;
  const value = kind === 'max_hr' ? (e.value * basis.used) / (basis.inEffect ?? e.value) : basis.used;
  return { ...used, value, raisedBy: basis.raisedBy };
}

/** Seconds of `grid` whose value falls in each zone of `bounds × threshold` (values failing `counts` are skipped). */
export function secondsInZones(grid: ArrayLike<number>, threshold: number, bounds: number[], counts: (v: number) => boolean): number[] {
  const out = new Array<number>(bounds.length + 1).fill(0);
  const edges = bounds.map((f) => f * threshold);
  for (let s = 0; s < grid.length; s++) {
    const v = grid[s]!;
    if (!Number.isFinite(v) || !counts(v)) continue;
    let z = 0;
    while (z < edges.length && v >= edges[z]!) z++;
    out[z]! += 1;
  }
  return out;
}

function table(kind: ZoneKind, model: ZoneModel, used: ThresholdUsed, seconds: number[]): ZoneTable {
  const edges = model.bounds.map((f) => Math.round(f * used.value * 1000) / 1000);
  return {
    kind,
    state: 'ok',
    threshold: used,
    zones: seconds.map((sec, i) => ({
      zone: i + 1,
      name: model.names[i]!,
      low: i === 0 ? null : edges[i - 1]!,
      high: edges[i] ?? null,
      seconds: sec,
    })),
    totalS: seconds.reduce((x, y) => x + y, 0),
  };
}

/** The athlete's one heart-rate model for a sport: Friel's zones of their LTHR, else of the LTHR max HR implies. */
export const hrModel = (sport: Sport, has: (k: ThresholdKind) => boolean): ZoneModel | null =>
  has('lthr') ? (sport === 'ride' ? HR_LTHR_RIDE : HR_LTHR_RUN) : has('max_hr') ? (sport === 'ride' ? HR_MAX_RIDE : HR_MAX_RUN) : null;

/**
 * The zone tables an activity has channels for. `thresholdOf(kind)` is the value in effect on the day
 * (null when the athlete has none).
 */
export function zonesOf(track: ActivityTrack, thresholdOf: (kind: ThresholdKind) => ThresholdUsed | null): ZoneTable[] {
  const g = track.grid;
  const out: ZoneTable[] = [];
  const has = (k: ThresholdKind) => thresholdOf(k) !== null;
  if (g.hr) {
    const model = hrModel(track.sport, has);
    if (!model) out.push({ kind: 'hr', state: 'no_threshold', needs: ['lthr', 'max_hr'] });
    else {
      const used = ownMaxFloor(model, thresholdOf(model.basis)!, g.hr);
      out.push(
        table(
          'hr',
          model,
          used,
          secondsInZones(g.hr, used.value, model.bounds, (v) => v > 0),
        ),
      );
    }
  }
  const paceModel = track.sport === 'run' ? RUN_PACE : track.sport === 'swim' ? SWIM_PACE : null;
  if (g.speed && paceModel) {
    const used = thresholdOf(paceModel.basis);
    if (!used) out.push({ kind: 'pace', state: 'no_threshold', needs: [paceModel.basis] });
    else
      out.push(
        table(
          'pace',
          paceModel,
          used,
          secondsInZones(g.speed, used.value, paceModel.bounds, (v) => v > MOVING_SPEED_MPS),
        ),
      );
  }
  if (g.power) {
    const used = thresholdOf('ftp');
    if (!used) out.push({ kind: 'power', state: 'no_threshold', needs: ['ftp'] });
    else
      out.push(
        table(
          'power',
          POWER,
          used,
          secondsInZones(g.power, used.value, POWER.bounds, () => true),
        ),
      );
  }
  return out;
}

/**
 * Max-HR zones never below the recording's own maximum: a heart that reached 176 bpm has a maximum of at
 * least 176, and zones from a lower guess would put the hardest minutes past 100 % (issue 37).
 */
function ownMaxFloor(model: ZoneModel, used: ThresholdUsed, hr: ArrayLike<number>): ThresholdUsed {
  if (model.basis !== 'max_hr') return used;
  let top = 0;
  for (let i = 0; i < hr.length; i++) if (hr[i]! <= HR_CEILING_BPM && hr[i]! > top) top = hr[i]!;
  return top > used.value ? { ...used, value: top, raisedBy: 'own_max_hr' } : used;
}

/** The zone bounds, for tests and the page's explanations. */
export const ZONE_MODELS = { POWER, RUN_PACE, SWIM_PACE, HR_LTHR_RUN, HR_LTHR_RIDE, HR_MAX_RUN, HR_MAX_RIDE } as const;
