// What the training pages show, and how each number is written. The views (worker/features/analytics/
// analytics.views.ts) already speak the athlete's units; these helpers only turn numbers into text.
// Pure and zone-free (dates are YYYY-MM-DD strings), so the server's HTML and the hydrated page agree.

import type { analyticsViews } from '../../../worker/features/analytics';

type View<K extends keyof typeof analyticsViews> = NonNullable<Awaited<ReturnType<(typeof analyticsViews)[K]>>>;
export type FitnessView = View<'fitness'>;
export type FitnessDayView = FitnessView['days'][number];
export type WeeklyVolumeView = View<'weeklyVolume'>;
export type SportDistributionView = View<'sportDistribution'>;
export type HeatmapView = View<'heatmap'>;
export type PersonalBestsView = View<'personalBests'>;
export type AgeGradesView = View<'ageGrades'>;
export type EfficiencyView = View<'efficiency'>;
export type InsightsView = View<'insights'>;
export type InsightView = InsightsView['insights'][number];
export type ActivityAnalysisView = View<'activity'>;
export type ThresholdsView = View<'thresholds'>;
export type ReceiptView = FitnessDayView['activities'][number];
export type Units = 'km' | 'mi';

export const MINUS = '\u2212';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
export const METRES_PER: Record<Units, number> = { km: 1000, mi: 1609.344 };

// ---------- Ranges and toggles (search params, so they work without JavaScript) ----------

export const PMC_RANGES = [
  { value: '42', days: 42, label: '42 days', short: '42d' },
  { value: '90', days: 90, label: '90 days', short: '90d' },
  { value: '180', days: 180, label: '180 days', short: '180d' },
  { value: '1y', days: 365, label: '1 year', short: '1y' },
] as const;
export type PmcRange = (typeof PMC_RANGES)[number]['value'];
export const DEFAULT_PMC_RANGE: PmcRange = '90';

export const VOLUME_METRICS = [
  { value: 'time', label: 'Time' },
  { value: 'distance', label: 'Distance' },
  { value: 'load', label: 'Load' },
] as const;
export type VolumeMetric = (typeof VOLUME_METRICS)[number]['value'];
export const DEFAULT_VOLUME_METRIC: VolumeMetric = 'time';

/** Line and area colours of the fitness chart (its legend is drawn on the server with the same). */
export const PMC_COLORS = { ctl: '#0f766e', atl: '#be185d', tsb: '#64748b', tsbFill: '#cbd5e1' } as const;

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

export const percent = (share: number, decimals = 0) => `${fixed(share * 100, decimals)} %`;

/** Race-style time: "1:02:03" with hours, "45:10" without. */
export function raceTime(seconds: number): string {
  const total = Math.round(Math.abs(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Training time: "5 h 20 min", "45 min". */
export function hours(seconds: number): string {
  const total = Math.round(seconds / 60);
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')} min`;
}

/** "4:52 /km" from seconds per km or mile; rounds first, so 4:59.6 is 5:00. */
export function pace(secondsPerUnit: number | null | undefined, units: Units): string | null {
  if (!secondsPerUnit || !Number.isFinite(secondsPerUnit) || secondsPerUnit <= 0) return null;
  const total = Math.round(secondsPerUnit);
  // A no-break space: "4:52" and "/km" never end up on different lines.
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}\u00a0/${units}`;
}

/** "12.3 km" from a value already in the athlete's unit. */
export const distance = (value: number, units: Units, decimals = 1) => `${fixed(value, decimals)} ${units}`;

/** "12.3 km" from metres. */
export const distanceFromMetres = (metres: number, units: Units, decimals = 1) => distance(metres / METRES_PER[units], units, decimals);

/** Swim pace: "1:52 /100 m" from metres and seconds. */
export function swimPace(metres: number, seconds: number): string | null {
  if (!(metres > 0) || !(seconds > 0)) return null;
  const per100 = Math.round((seconds / metres) * 100);
  return `${Math.floor(per100 / 60)}:${String(per100 % 60).padStart(2, '0')} /100 m`;
}

/** "31.2 km/h" or "19.4 mph". */
export function speed(metres: number, seconds: number, units: Units): string | null {
  if (!(metres > 0) || !(seconds > 0)) return null;
  const perHour = (metres / METRES_PER[units]) * (3600 / seconds);
  return `${perHour.toFixed(1)} ${units === 'mi' ? 'mph' : 'km/h'}`;
}

/** Elevation in metres for kilometre users, feet for mile users. */
export const elevation = (metres: number, units: Units) =>
  units === 'mi' ? `${Math.round(metres * 3.28084)} ft` : `${Math.round(metres)} m`;

/** "5 s", "1 min", "20 min", "60 min" for power durations. */
export const powerDuration = (seconds: number) => (seconds < 60 ? `${seconds} s` : `${Math.round(seconds / 60)} min`);

/** A weekly-volume value (distance in the athlete's unit, time in hours, load) in words. */
export function formatMetric(value: number, metric: VolumeMetric, units: Units): string {
  if (metric === 'distance') return distance(value, units);
  if (metric === 'time') return hours(value * 3600);
  return fixed(value, 0);
}

// ---------- Dates (YYYY-MM-DD, never shifted by a zone) ----------

const parts = (ymd: string) => ymd.split('-').map(Number) as [number, number, number];

/** "3 Mar 2026". */
export function day(ymd: string): string {
  const [y, m, d] = parts(ymd);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** "3 Mar". */
export function dayShort(ymd: string): string {
  const [, m, d] = parts(ymd);
  return `${d} ${MONTHS[(m ?? 1) - 1]}`;
}

export const monthName = (month0: number) => MONTHS[month0] ?? '';

/** "3 Mar – 28 Apr 2026", or one date when both ends are the same day. */
export function dayRange(from: string, to: string): string {
  if (from === to) return day(from);
  return from.slice(0, 4) === to.slice(0, 4) ? `${dayShort(from)} – ${day(to)}` : `${day(from)} – ${day(to)}`;
}

export function addDays(ymd: string, n: number): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** 0 for Monday … 6 for Sunday. */
export const weekdayMon0 = (ymd: string) => (new Date(`${ymd}T00:00:00Z`).getUTCDay() + 6) % 7;

// ---------- Words ----------

// The one table of sport labels lives with the sports themselves (the feature's browser-safe surface).
export { sportLabel } from '../../../worker/features/activities/browser';

/** One colour per sport, used by every chart so a sport looks the same everywhere (each is ≥ 3:1 on white). */
export const SPORT_COLORS: Record<string, string> = {
  run: '#0f766e',
  ride: '#1d4ed8',
  swim: '#7c3aed',
  walk: '#a16207',
  hike: '#4d7c0f',
  strength: '#be185d',
  other: '#475569',
};
export const SPORT_ORDER = ['run', 'ride', 'swim', 'walk', 'hike', 'strength', 'other'];
export const sportColor = (sport: string) => SPORT_COLORS[sport] ?? SPORT_COLORS.other!;

export const FORM_LABELS: Record<string, string> = {
  fresh: 'Fresh',
  neutral: 'Neutral',
  productive: 'Productive',
  overreaching: 'Overreaching',
};
export const RAMP_LABELS: Record<string, string> = {
  detraining: 'Detraining',
  maintaining: 'Maintaining',
  building: 'Building',
  high: 'High',
  very_high: 'Very high',
};

/** A band's range in words: "−30 to −10", "above 5", "below −30". An edge belongs to the band nearer zero. */
export function bandRange(band: { min: number | null; max: number | null }): string {
  if (band.min === null && band.max !== null) return `below ${fixed(band.max)}`;
  if (band.max === null && band.min !== null) return `above ${fixed(band.min)}`;
  return `${fixed(band.min ?? 0)} to ${fixed(band.max ?? 0)}`;
}

export const CONFIDENCE_LABELS: Record<string, string> = { high: 'High confidence', medium: 'Medium confidence', low: 'Low confidence' };

export const THRESHOLD_LABELS: Record<string, string> = {
  ftp: 'FTP',
  threshold_pace: 'Threshold pace',
  css: 'Critical swim speed',
  lthr: 'Threshold heart rate',
  max_hr: 'Maximum heart rate',
  resting_hr: 'Resting heart rate',
};
export const THRESHOLD_ORDER = ['ftp', 'threshold_pace', 'css', 'lthr', 'max_hr', 'resting_hr'] as const;

// ---------- Insight numbers and receipt values ----------

/** Keys the insight rules use, in words. Values arrive in SI (m, m/s, s); see formatKeyed. */
const NUMBER_LABELS: Record<string, string> = {
  runs: 'Runs',
  firstHalfMean: 'Weeks 1–4, m per beat',
  secondHalfMean: 'Weeks 5–8, m per beat',
  changePct: 'Change',
  slopePerWeek: 'Trend per week',
  firstHalfAvgHr: 'Weeks 1–4, average HR',
  secondHalfAvgHr: 'Weeks 5–8, average HR',
  firstHalfSpeedMps: 'Weeks 1–4, pace',
  secondHalfSpeedMps: 'Weeks 5–8, pace',
  firstHalfLongestM: 'Longest, weeks 1–4',
  secondHalfLongestM: 'Longest, weeks 5–8',
  weeksWithRuns: 'Weeks with runs',
  ramp: 'Ramp (CTL per week)',
  ctlNow: 'Fitness (CTL) today',
  ctlWeekAgo: 'Fitness (CTL) a week ago',
  days: 'Days',
  lowestTsb: 'Lowest form (TSB)',
  tsbToday: 'Form (TSB) today',
  lastWeekLoad: 'Last week’s load',
  baselineLoad: 'Usual weekly load',
  increasePct: 'Increase',
  activeWeeks: 'Weeks with training',
  meanHours: 'Average hours per week',
  cvPct: 'Week-to-week variation',
  timeS: 'Time',
  previousBestS: 'Previous best',
  improvementS: 'Improvement',
  ageGradePct: 'Age grade',
  load: 'Load',
  avgHr: 'Average HR',
  efficiency: 'm per beat',
  paceS: 'Pace',
  distanceM: 'Distance',
  weekStart: 'Week of',
  watts: 'Power',
  method: 'Load method',
};

export function humanKey(key: string): string {
  if (NUMBER_LABELS[key]) return NUMBER_LABELS[key];
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const METHOD_NAMES: Record<string, string> = {
  power_tss: 'Power TSS',
  rtss: 'Run TSS (pace)',
  hr_tss: 'Heart-rate TSS',
  swim_tss: 'Swim TSS',
  duration_estimate: 'Estimated from duration',
};

/** A number the rules produced, in words and in the athlete's units, decided by its key's suffix. */
export function formatKeyed(key: string, value: number | string | null, units: Units): string | null {
  if (value === null) return null;
  if (typeof value === 'string') {
    if (key === 'method') return METHOD_NAMES[value] ?? value;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return day(value);
    return value;
  }
  if (!Number.isFinite(value)) return null;
  if (key.endsWith('Mps')) return pace(METRES_PER[units] / value, units);
  if (key === 'paceS') return pace(value, units);
  if (key.endsWith('Pct')) return key === 'ageGradePct' ? `${fixed(value, 1)} %` : `${signedIfChange(key, value)} %`;
  if (key === 'improvementS') return raceTime(value);
  if (key.endsWith('S')) return raceTime(value);
  if (key.endsWith('M')) return distanceFromMetres(value, units);
  if (key.endsWith('Hr') || key === 'avgHr') return `${Math.round(value)} bpm`;
  if (key === 'watts') return `${Math.round(value)} W`;
  if (key === 'load' || key.endsWith('Load')) return fixed(value, 0);
  if (key === 'efficiency' || key.endsWith('Mean')) return fixed(value, 3);
  if (key === 'slopePerWeek') return signed(value, 3);
  if (key === 'ramp') return signed(value, 1);
  if (key === 'meanHours') return fixed(value, 1);
  if (Number.isInteger(value)) return String(value);
  return fixed(value, 1);
}

const signedIfChange = (key: string, value: number) => (key === 'changePct' || key === 'increasePct' ? signed(value, 1) : fixed(value, 1));

/** A receipt's values as "label value" pairs, skipping the ones that are only helpers (paceUnit). */
export function receiptValues(values: Record<string, number | string | null>, units: Units): { label: string; text: string }[] {
  const out: { label: string; text: string }[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (key === 'paceUnit') continue;
    const text = formatKeyed(key, value, units);
    if (text !== null) out.push({ label: humanKey(key), text });
  }
  return out;
}
