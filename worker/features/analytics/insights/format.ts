// Formatters for insight sentences. Values arrive in SI units and are converted only here, at the edge.

import type { Units } from '../analytics.types';

export const METRES_PER_UNIT: Record<Units, number> = { km: 1000, mi: 1609.344 };

const MINUS = '\u2212';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Fixed decimals, never "-0.0": a rounded zero has no sign. */
function fixed(value: number, decimals: number): string {
  const s = Math.abs(value).toFixed(decimals);
  return value < 0 && Number(s) !== 0 ? `${MINUS}${s}` : s;
}

/** "21.1 km" / "13.1 mi". */
export function formatDistance(metres: number, units: Units, decimals = 1): string {
  return `${fixed(metres / METRES_PER_UNIT[units], decimals)} ${units}`;
}

/** Seconds per km or mile for a speed in m/s; null when there is no movement to measure. */
export function paceSecondsPerUnit(speedMps: number, units: Units): number | null {
  return speedMps > 0 && Number.isFinite(speedMps) ? METRES_PER_UNIT[units] / speedMps : null;
}

/** "4:52 /km" from seconds per unit. Rounds the total first so 4:59.6 becomes 5:00, not 4:60. */
export function formatPace(secondsPerUnit: number, units: Units): string {
  const total = Math.round(secondsPerUnit);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')} /${units}`;
}

/** "1:02:03" with hours, "45:10" without. */
export function formatDuration(seconds: number): string {
  const total = Math.round(Math.abs(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  const body = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
  return seconds < 0 && total > 0 ? `${MINUS}${body}` : body;
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

/** "−37.2", "+9.4", "0.0": a real minus sign, and a plus so the direction is explicit. */
export function formatSigned(value: number, decimals = 1): string {
  const s = fixed(value, decimals);
  return s.startsWith(MINUS) || Number(s) === 0 ? s : `+${s}`;
}

/** Plain number with a real minus sign when negative. */
export function formatNumber(value: number, decimals = 0): string {
  return fixed(value, decimals);
}

/** "2 Nov 2026" from YYYY-MM-DD, without going through a time zone. */
export function formatDate(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}
