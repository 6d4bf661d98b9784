// Internal values are SI; the API answers in the athlete's units (km or mi, seconds per km or mi).

import { formatMinSec, METRES_PER_UNIT } from '../../lib/format';
import type { LoadBasis, Receipt, Threshold, ThresholdKind, Units } from './analytics.types';

const round = (x: number, dp: number) => Math.round(x * 10 ** dp) / 10 ** dp;
export const distanceIn = (m: number, units: Units) => round(m / METRES_PER_UNIT[units], 3);
/** Seconds per km or mile. */
export const paceIn = (speedMps: number | null, units: Units) =>
  speedMps && speedMps > 0 ? round(METRES_PER_UNIT[units] / speedMps, 1) : null;

export const presentReceipt = (r: Receipt, units: Units) => ({ ...r, distance: distanceIn(r.distanceM, units) });

export const presentTotals = <T extends { distanceM: number; movingS: number; load: number; count: number }>(t: T, units: Units) => ({
  ...t,
  load: round(t.load, 1),
  distance: distanceIn(t.distanceM, units),
});

export function thresholdDisplay(kind: ThresholdKind, value: number, units: Units): string {
  switch (kind) {
    case 'ftp':
      return `${Math.round(value)} W`;
    case 'threshold_pace':
      return `${formatMinSec(METRES_PER_UNIT[units] / value)} /${units}`;
    case 'css':
      return `${formatMinSec(100 / value)} /100 m`;
    default:
      return `${Math.round(value)} bpm`;
  }
}

export const presentThreshold = (id: string, t: Threshold, units: Units) => ({
  id,
  kind: t.kind,
  value: round(t.value, 4),
  display: thresholdDisplay(t.kind, t.value, units),
  effectiveFrom: t.effectiveFrom,
  effectiveUntil: t.effectiveUntil ?? null,
  source: t.source,
  note: t.note,
  receipt: t.receipt ? presentReceipt(t.receipt, units) : null,
});

/** The threshold a load used, where it came from, and in one or two sentences why it is not the one in effect. */
export function presentLoadBasis(
  b: LoadBasis & { source: 'manual' | 'estimated' | 'activity'; effectiveFrom: string; best20minW: number | null },
  units: Units,
) {
  // hrTSS without an LTHR reads 89 % of max HR: both are shown as a threshold heart rate.
  const kind: ThresholdKind = b.kind === 'max_hr' ? 'lthr' : b.kind;
  const show = (v: number) => thresholdDisplay(kind, v, units);
  const notes: string[] = [];
  if (b.inEffect === null) {
    const own =
      b.raisedBy === 'best_20min'
        ? `this ride's own best 20 minutes (${Math.round(b.best20minW ?? 0)} W) give ${show(b.used)} (95 %, Coggan's field test)`
        : b.raisedBy === 'best_30min'
          ? `this run's own best 30 minutes give ${show(b.used)}`
          : `this activity's own effort proves at least ${show(b.used)}`;
    notes.push(
      `No threshold was in effect on this day (none set, and no estimate from earlier activities): ${own}, so this load has low confidence. Set a value dated on or before this activity for a better figure.`,
    );
  } else if (b.raisedBy === 'best_20min')
    notes.push(
      `This ride's own best 20 minutes (${Math.round(b.best20minW ?? 0)} W) prove an FTP of at least ${show(b.used)} (95 %, Coggan's field test), above the ${show(b.inEffect)} in effect: the load uses ${show(b.used)}.`,
    );
  else if (b.raisedBy === 'best_30min')
    notes.push(
      `This run's own best 30 minutes prove a threshold pace of at least ${show(b.used)}, faster than the ${show(b.inEffect)} in effect: the load uses it.`,
    );
  else if (b.raisedBy === 'hour_intensity')
    notes.push(
      `Nobody holds more than 105 % of threshold for an hour or longer, so this activity proves a threshold of at least ${show(b.used)}, above the ${show(b.inEffect)} in effect: the load uses it.`,
    );
  return {
    kind: b.kind,
    used: show(b.used),
    inEffect: b.inEffect === null ? null : show(b.inEffect),
    source: b.source,
    effectiveFrom: b.effectiveFrom,
    raisedBy: b.raisedBy,
    notes,
  };
}
