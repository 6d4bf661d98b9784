// Formatters only insight sentences use. Values arrive in SI units and are converted only at the edge;
// distances, paces, race times, dates and signed numbers are worker/lib/format.ts's, shared with pages and emails.

import { fixed, METRES_PER_UNIT } from '../../../lib/format';
import type { Units } from '../analytics.types';

/** Seconds per km or mile for a speed in m/s; null when there is no movement to measure. */
export function paceSecondsPerUnit(speedMps: number, units: Units): number | null {
  return speedMps > 0 && Number.isFinite(speedMps) ? METRES_PER_UNIT[units] / speedMps : null;
}

/** A time difference in words: "38 s" below a minute, "1 min 05 s" above. */
export function formatTimeGap(seconds: number): string {
  const total = Math.round(Math.abs(seconds));
  if (total < 60) return `${total} s`;
  return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
}

/** "3.2 %" (magnitude only: the sentence says rose/fell). */
export function formatPct(value: number, decimals = 1): string {
  return `${fixed(value, decimals)} %`;
}
