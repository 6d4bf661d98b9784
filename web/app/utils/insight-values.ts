// The numbers the insight rules produce and the values on a load receipt, in words and the athlete's units.

import { METHOD_NAMES, type Units } from './analytics';
import { day, distanceFromMetres, fixed, METRES_PER, pace, raceTime, signed } from './analytics-format';

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
