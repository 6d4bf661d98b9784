// Finds the numbers in a text that state something measurable (a distance, pace, duration, heart rate,
// power, load, percentage, count or date), each as an interval in a canonical unit: the interval is the
// precision the text used (10.2 km ↦ 10.15–10.25 km), so matching respects rounding.
import { monthIndex } from './windows';

export type Dim =
  | 'length'
  | 'duration'
  | 'pace'
  | 'clock'
  | 'speed'
  | 'hr'
  | 'power'
  | 'pct'
  | 'load'
  | 'count'
  | 'date'
  | 'monthday'
  // Wellness (ADR 074): body weight in kg, and HRV in milliseconds.
  | 'mass'
  | 'ms';

export interface Quantity {
  dim: Dim;
  /** Canonical: metres, seconds, seconds per metre, m/s, bpm, W, %, plain, epoch-free date strings. */
  lo: number;
  hi: number;
  /** The number as written (for the report) and its canonical value. */
  value: number;
  unit: string | null;
  text: string;
  start: number;
  end: number;
  /** The numeric tokens of the claim (for the question exemption). */
  tokens: string[];
  /** Dates: YYYY-MM-DD, or MM-DD for a month and day without year. */
  date?: string;
}

const LENGTH: Record<string, number> = { km: 1000, mi: 1609.344, m: 1, ft: 0.3048 };
const PER: Record<string, number> = { km: 1000, mi: 1609.344, '100m': 100, '100yd': 91.44 };
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const NUM = '([+\\-−]?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|[+\\-−]?\\d+(?:\\.\\d+)?)';

const KG_PER_LB = 0.45359237;
const pad2 = (n: number) => String(n).padStart(2, '0');
export const parseNum = (s: string): number => Number(s.replace(/,/g, '').replace('−', '-'));
/** Half the last written digit: "10.2" → 0.05, "10" → 0.5. */
export const halfStep = (s: string): number => 0.5 * 10 ** -(s.split('.')[1]?.length ?? 0);
const clockS = (s: string): number => s.split(':').reduce((acc, p) => acc * 60 + Number(p), 0);

const lengthUnit = (u: string): string => {
  const x = u.toLowerCase();
  if (x.startsWith('k')) return 'km';
  if (x.startsWith('mi')) return 'mi';
  if (x.startsWith('f')) return 'ft';
  return 'm';
};
const perUnit = (u: string): string => {
  const x = u.toLowerCase().replace(/\s+/g, '');
  if (x.startsWith('k')) return 'km';
  if (x.startsWith('mi')) return 'mi';
  return x.includes('yd') ? '100yd' : '100m';
};

type Rule = { re: RegExp; make: (m: RegExpExecArray) => Omit<Quantity, 'start' | 'end' | 'text'> | null };

const q = (dim: Dim, value: number, half: number, unit: string | null, tokens: string[], date?: string) => ({
  dim,
  value,
  lo: value - half,
  hi: value + half,
  unit,
  tokens,
  ...(date ? { date } : {}),
});

// Order matters: earlier rules claim their span first (a pace's "4:35" is not also a bare clock).
const RULES: Rule[] = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, make: (m) => q('date', 0, 0, 'date', [m[0]], m[0]) },
  {
    re: new RegExp(`\\b${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4}))?`, 'gi'),
    make: (m) => monthDay(monthIndex(m[1]!), Number(m[2]), m[3], [m[2]!]),
  },
  {
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b(?:,?\\s+(\\d{4}))?`, 'gi'),
    make: (m) => monthDay(monthIndex(m[2]!), Number(m[1]), m[3], [m[1]!]),
  },
  {
    re: /\b(\d{1,2}:\d{2}(?::\d{2})?)\s*(?:min(?:utes)?\s*)?(?:\/|per\s+)\s*(km|kilomet(?:re|er)s?|mi(?:les?)?|100\s?m|100\s?yd|100\s?yards?)\b/gi,
    make: (m) => {
      const per = PER[perUnit(m[2]!)]!;
      return q('pace', clockS(m[1]!) / per, 0.5 / per, `min/${perUnit(m[2]!)}`, [m[1]!]);
    },
  },
  { re: /\b(\d{1,3}:\d{2}:\d{2})\b/g, make: (m) => q('duration', clockS(m[1]!), 0.5, 'h:mm:ss', [m[1]!]) },
  { re: /\b(\d{1,3}:\d{2})\b(?!\s*(?:am|pm|a\.m|p\.m))/gi, make: (m) => q('clock', clockS(m[1]!), 0.5, 'm:ss', [m[1]!]) },
  {
    re: /\b(\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hours?)\b(?:,?\s*(?:and\s*)?(\d{1,2})\s*(?:m|min|mins|minutes?)\b)?/gi,
    make: (m) =>
      m[2] !== undefined
        ? q('duration', Number(m[1]) * 3600 + Number(m[2]) * 60, 30, 'h min', [m[1]!, m[2]!])
        : q('duration', Number(m[1]) * 3600, halfStep(m[1]!) * 3600, 'h', [m[1]!]),
  },
  {
    re: /\b(\d+(?:\.\d+)?)\s*(?:min|mins|minutes?)\b/gi,
    make: (m) => q('duration', Number(m[1]) * 60, halfStep(m[1]!) * 60, 'min', [m[1]!]),
  },
  { re: /\b(\d+(?:\.\d+)?)\s*(?:s|sec|secs|seconds?)\b/gi, make: (m) => q('duration', Number(m[1]), halfStep(m[1]!), 's', [m[1]!]) },
  {
    re: /\b(\d+(?:\.\d+)?)\s*(km\/h|kph|mph)\b/gi,
    make: (m) => {
      const f = m[2]!.toLowerCase() === 'mph' ? 0.44704 : 1 / 3.6;
      return q('speed', Number(m[1]) * f, halfStep(m[1]!) * f, m[2]!.toLowerCase(), [m[1]!]);
    },
  },
  {
    re: new RegExp(`${NUM}\\s*(km|kilomet(?:re|er)s?|mi|miles?|m|metres|meters|ft|feet)\\b(?!\\/)`, 'gi'),
    make: (m) => {
      const u = lengthUnit(m[2]!);
      const f = LENGTH[u]!;
      return q('length', Math.abs(parseNum(m[1]!)) * f, halfStep(m[1]!.replace(/,/g, '')) * f, u, [m[1]!]);
    },
  },
  {
    re: /\b(\d{2,3}(?:\.\d+)?)\s*(?:bpm|beats per minute|beats\/min)\b/gi,
    make: (m) => q('hr', Number(m[1]), halfStep(m[1]!), 'bpm', [m[1]!]),
  },
  {
    re: /\b(\d{2,3}(?:\.\d+)?)\s*(kg|kilos?|kilograms?|lbs?|pounds?)\b/gi,
    make: (m) => {
      const f = /^(?:lb|pound)/i.test(m[2]!) ? KG_PER_LB : 1;
      return q('mass', Number(m[1]) * f, halfStep(m[1]!) * f, 'kg', [m[1]!]);
    },
  },
  { re: /\b(\d{1,3}(?:\.\d+)?)\s*(?:ms|milliseconds?)\b/gi, make: (m) => q('ms', Number(m[1]), halfStep(m[1]!), 'ms', [m[1]!]) },
  { re: /\b(\d{1,4}(?:\.\d+)?)\s*(?:w|watts?)\b/gi, make: (m) => q('power', Number(m[1]), halfStep(m[1]!), 'W', [m[1]!]) },
  {
    re: new RegExp(`${NUM}\\s*(?:%|percent\\b|per cent\\b)`, 'gi'),
    make: (m) => q('pct', parseNum(m[1]!), halfStep(m[1]!), '%', [m[1]!.replace(/^[+\-−]/, '')]),
  },
  {
    re: /\b(\d+)\s+(?:more |fewer |easy |hard |long |short |\w+ )?(runs?|rides?|swims?|walks?|hikes?|activities|activity|workouts?|sessions?)\b/gi,
    make: (m) => q('count', Number(m[1]), 0, 'count', [m[1]!]),
  },
  {
    re: new RegExp(
      `\\b(?:ctl|atl|tsb|tss|fitness|fatigue|form|ramp rate|ramp|training load|load)\\b(?:\\s*\\((?:ctl|atl|tsb)\\))?(?:\\s+(?:of|is|was|at|now|sits|stands|around|about|reached|rose|fell|dropped|climbed|went|up|down|to|by|from|score|value|rate)){0,4}\\s*[:=]?\\s*${NUM}\\b(?!\\s*(?:%|/|:|(?:days?|weeks?|months?|years?|km|mi|m|ft|min|h|bpm|w)\\b))`,
      'gi',
    ),
    make: (m) => q('load', parseNum(m[1]!), halfStep(m[1]!), 'load', [m[1]!.replace(/^[+\-−]/, '')]),
  },
  {
    re: new RegExp(`${NUM}\\s*(?:ctl|atl|tsb|tss|load points|points of (?:fitness|fatigue|load))\\b`, 'gi'),
    make: (m) => q('load', parseNum(m[1]!), halfStep(m[1]!), 'load', [m[1]!.replace(/^[+\-−]/, '')]),
  },
];

function monthDay(month: number, day: number, year: string | undefined, tokens: string[]) {
  if (month < 0 || day < 1 || day > 31) return null;
  const md = `${pad2(month + 1)}-${pad2(day)}`;
  return year ? q('date', 0, 0, 'date', [...tokens, year], `${year}-${md}`) : q('monthday', 0, 0, 'date', tokens, md);
}

/** Every quantity in the text, in order; `skip` spans (exempt text) are not looked at. */
export function extractQuantities(text: string, skip: [number, number][] = []): Quantity[] {
  const taken: [number, number][] = [...skip];
  const out: Quantity[] = [];
  const free = (s: number, e: number) => !taken.some(([a, b]) => s < b && e > a);
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!free(start, end)) continue;
      const made = rule.make(m);
      if (!made) continue;
      taken.push([start, end]);
      out.push({ ...made, text: m[0], start, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
