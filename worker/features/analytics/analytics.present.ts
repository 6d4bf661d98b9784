// Internal values are SI; the API answers in the athlete's units (km or mi, seconds per km or mi).

import { formatMinSec, METRES_PER_UNIT } from '../../lib/format';
import type { Receipt, Threshold, ThresholdKind, Units } from './analytics.types';

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
  source: t.source,
  note: t.note,
  receipt: t.receipt ? presentReceipt(t.receipt, units) : null,
});
