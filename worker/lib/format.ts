// Numbers, distances, paces, durations and calendar dates as people read them, in one fixed English
// style built by hand rather than from Intl's locale data, so the worker, the emails, the PDF and every
// browser write the same text. No imports: the browser bundle loads it too.

export type DistanceUnits = 'km' | 'mi';

/** A real minus sign (U+2212), not a hyphen. */
export const MINUS = '\u2212';
export const METRES_PER_UNIT: Readonly<Record<DistanceUnits, number>> = { km: 1000, mi: 1609.344 };

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const pad2 = (n: number) => String(n).padStart(2, '0');

// ---------- Numbers ----------

/** Fixed decimals with a real minus sign; a rounded zero has no sign. */
export function fixed(value: number, decimals = 0): string {
  const s = Math.abs(value).toFixed(decimals);
  return value < 0 && Number(s) !== 0 ? `${MINUS}${s}` : s;
}

/** "+3.2", "−1.0", "0.0": the sign says the direction. */
export function signed(value: number, decimals = 1): string {
  const s = fixed(value, decimals);
  return s.startsWith(MINUS) || Number(s) === 0 ? s : `+${s}`;
}

/** "840 KB", "12.5 MB": powers of 1024, like the limits, so a file shown as 25 MB fits a 25 MB limit. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  // One decimal below 100, so a file just over a limit never shows as the limit itself.
  return `${value < 100 ? Number(value.toFixed(1)) : Math.round(value)} ${units[unit]}`;
}

// ---------- Distances and paces ----------

/** "21.1 km" / "13.1 mi" from metres. */
export const formatDistance = (metres: number, units: DistanceUnits, decimals = 1): string =>
  `${fixed(metres / METRES_PER_UNIT[units], decimals)} ${units}`;

/** "4:52 /km" from seconds per km or mile; rounds first, so 4:59.6 is 5:00. Pages pass a no-break space. */
export function formatPace(secondsPerUnit: number, units: DistanceUnits, space = ' '): string {
  const total = Math.round(secondsPerUnit);
  return `${Math.floor(total / 60)}:${pad2(total % 60)}${space}/${units}`;
}

/** A threshold pace's minutes and seconds, "4:05" (whole minutes, then the rest rounded). */
export const formatMinSec = (seconds: number): string => `${Math.floor(seconds / 60)}:${pad2(Math.round(seconds % 60))}`;

// ---------- Durations ----------

/** A race time: "1:02:03" with hours, "45:10" without; a real minus sign when negative. */
export function formatRaceTime(seconds: number): string {
  const total = Math.round(Math.abs(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = pad2(total % 60);
  const body = h > 0 ? `${h}:${pad2(m)}:${s}` : `${m}:${s}`;
  return seconds < 0 && total > 0 ? `${MINUS}${body}` : body;
}

/** Training time: "4 h 05 min", "45 min". */
export function formatHoursMinutes(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  return h ? `${h} h ${pad2(minutes % 60)} min` : `${minutes} min`;
}

// ---------- Calendar dates (YYYY-MM-DD, never shifted by a zone) ----------

const parts = (ymd: string) => ymd.split('-').map(Number) as [number, number, number];

/** "3 Mar 2026". */
export function formatDay(ymd: string): string {
  const [y, m, d] = parts(ymd);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** "3 Mar". */
export function formatDayMonth(ymd: string): string {
  const [, m, d] = parts(ymd);
  return `${d} ${MONTHS[(m ?? 1) - 1]}`;
}

/** "Mon 9 Mar", or with the year "Mon 9 Mar 2026". */
export function formatWeekdayDate(ymd: string, withYear = false): string {
  const [y, m, d] = parts(ymd);
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${weekday} ${d} ${MONTHS[m - 1]}${withYear ? ` ${y}` : ''}`;
}

/** "Jan" for 0 … "Dec" for 11. */
export const monthName = (month0: number): string => MONTHS[month0] ?? '';
