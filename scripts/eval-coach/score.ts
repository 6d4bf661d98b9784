// Scoring an answer against the fixture, with a number reader of the eval's own (not the product's
// claim checker: the eval must not grade the checker with itself).
import type { Expect, EvalCase } from './cases.ts';
import { type EvalAthlete, localDate } from './fixture.ts';

export interface Claim {
  kind: 'distance' | 'duration' | 'pace' | 'bpm' | 'count' | 'date' | 'other';
  /** Metres, seconds, s per unit distance, bpm, count; dates as YYYYMMDD numbers. */
  value: number;
  text: string;
}

const MI = 1609.344;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Every number with a unit the answer states. */
export function readClaims(text: string, units: 'km' | 'mi', year: number): Claim[] {
  const out: Claim[] = [];
  let rest = text;
  const take = (re: RegExp, f: (m: RegExpExecArray) => Claim | null) => {
    rest = rest.replace(re, (...args) => {
      const m = args.slice(0, -2) as unknown as RegExpExecArray;
      const c = f(m);
      if (c) out.push(c);
      return ' ';
    });
  };
  take(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => ({ kind: 'date', value: Number(`${m[1]}${m[2]}${m[3]}`), text: m[0] }));
  take(/\b(\d{1,2}) (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/gi, (m) => {
    const mo = MONTHS.indexOf(m[2]!.toLowerCase().slice(0, 3)) + 1;
    return { kind: 'date', value: year * 10_000 + mo * 100 + Number(m[1]), text: m[0] };
  });
  take(/\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (\d{1,2})\b/gi, (m) => {
    const mo = MONTHS.indexOf(m[1]!.toLowerCase().slice(0, 3)) + 1;
    return { kind: 'date', value: year * 10_000 + mo * 100 + Number(m[2]), text: m[0] };
  });
  // Speeds are not claims the fixture states directly (it knows distance and time): read and set aside.
  take(/\b(\d+(?:\.\d+)?)\s*(?:km\/h|mph|kph)\b/gi, (m) => ({ kind: 'other', value: Number(m[1]), text: m[0] }));
  take(/\b(\d{1,2}):(\d{2})\s*(?:min)?\s*\/\s*(km|mi|100 ?m)\b/gi, (m) => ({
    kind: 'pace',
    value: Number(m[1]) * 60 + Number(m[2]),
    text: m[0],
  }));
  take(/\b(\d{1,3}):(\d{2}):(\d{2})\b/g, (m) => ({
    kind: 'duration',
    value: Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]),
    text: m[0],
  }));
  take(/\b(\d+)\s*h(?:ours?|rs?)?\s*(\d+)\s*min(?:utes?)?\b/gi, (m) => ({
    kind: 'duration',
    value: Number(m[1]) * 3600 + Number(m[2]) * 60,
    text: m[0],
  }));
  take(/\b(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?\b/gi, (m) => ({ kind: 'duration', value: Number(m[1]) * 3600, text: m[0] }));
  take(/\b(\d+)\s*min(?:utes?)?\b/gi, (m) => ({ kind: 'duration', value: Number(m[1]) * 60, text: m[0] }));
  take(/\b(\d+(?:[.,]\d+)?)\s*(km|kilomet(?:re|er)s?|mi|miles?)\b/gi, (m) => {
    const n = Number(m[1]!.replace(',', '.'));
    return { kind: 'distance', value: /^k/i.test(m[2]!) ? n * 1000 : n * MI, text: m[0] };
  });
  take(/\b(\d+(?:\.\d+)?)\s*m\b/g, (m) => ({ kind: 'distance', value: Number(m[1]), text: m[0] }));
  take(/\b(\d{2,3})\s*bpm\b/gi, (m) => ({ kind: 'bpm', value: Number(m[1]), text: m[0] }));
  take(/\b(\d+)\s+(runs?|rides?|swims?|activities|sessions|workouts)\b/gi, (m) => ({ kind: 'count', value: Number(m[1]), text: m[0] }));
  void units;
  return out;
}

const dateNum = (d: string) => Number(d.replaceAll('-', ''));

/** Does one of the claims state this expected value (within the precision an answer rounds to)? */
export function found(e: Expect, claims: Claim[], text: string): boolean {
  switch (e.kind) {
    case 'distance':
      return claims.some((c) => c.kind === 'distance' && Math.abs(c.value - e.metres) <= Math.max(60, e.metres * 0.006));
    case 'duration':
      return claims.some((c) => c.kind === 'duration' && Math.abs(c.value - e.seconds) <= 60);
    case 'count':
      return claims.some((c) => c.kind === 'count' && c.value === e.value);
    case 'bpm':
      return claims.some((c) => c.kind === 'bpm' && Math.abs(c.value - e.value) <= 1);
    case 'date':
      return claims.some((c) => c.kind === 'date' && c.value === dateNum(e.value));
    case 'text':
      return e.pattern.test(text);
  }
}

/** Values the fixture can back: every activity's own figures, window bounds and totals, the cases' expected answers. */
export function truthFor(a: EvalAthlete | null, cases: EvalCase[], windowStarts: string[] = []): Claim[] {
  const t: Claim[] = [];
  const tz = a?.timeZone ?? 'UTC';
  const acts = a?.activities ?? [];
  const add = (from: string, to: string) => {
    for (const sport of ['run', 'ride', 'swim', null]) {
      const xs = acts.filter((x) => x.date >= from && x.date <= to && (sport === null || x.sport === sport));
      t.push({ kind: 'distance', value: xs.reduce((s, x) => s + x.distanceM, 0), text: '' });
      t.push({ kind: 'duration', value: xs.reduce((s, x) => s + x.movingS, 0), text: '' });
    }
  };
  const today = localDate(tz, 0);
  const bounds = [0, 6, 13, 27, 41, 89, 364].map((n) => localDate(tz, n));
  for (const b of [...bounds, ...windowStarts]) add(b, today);
  const first = `${today.slice(0, 7)}-01`;
  const prevEnd = new Date(`${first}T12:00:00Z`);
  prevEnd.setUTCDate(0);
  const prev = { from: `${prevEnd.toISOString().slice(0, 7)}-01`, to: prevEnd.toISOString().slice(0, 10) };
  bounds.push(first, prev.from, prev.to, `${today.slice(0, 4)}-01-01`);
  add(prev.from, prev.to);
  // Monday-start weeks (weekly volume), twelve back.
  for (let i = 0; i < 13; i++) {
    const d = new Date(`${localDate(tz, i * 7)}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    const monday = d.toISOString().slice(0, 10);
    d.setUTCDate(d.getUTCDate() + 6);
    bounds.push(monday);
    add(monday, d.toISOString().slice(0, 10));
  }
  for (const b of bounds) t.push({ kind: 'date', value: dateNum(b), text: '' });
  for (const x of a?.activities ?? []) {
    t.push({ kind: 'distance', value: x.distanceM, text: '' }, { kind: 'duration', value: x.movingS, text: '' });
    t.push({ kind: 'bpm', value: x.avgHr, text: '' }, { kind: 'date', value: dateNum(x.date), text: '' });
    t.push({ kind: 'pace', value: (x.movingS / x.distanceM) * (a!.units === 'mi' ? MI : x.sport === 'swim' ? 100 : 1000), text: '' });
  }
  for (const c of cases)
    for (const e of c.expect) {
      if (e.kind === 'distance') t.push({ kind: 'distance', value: e.metres, text: '' });
      if (e.kind === 'duration') t.push({ kind: 'duration', value: e.seconds, text: '' });
      if (e.kind === 'count') t.push({ kind: 'count', value: e.value, text: '' });
    }
  return t;
}

/** Claims of a kind the fixture knows (distances, times, paces, heart rates, dates) that it cannot back. */
export function invented(claims: Claim[], truth: Claim[]): Claim[] {
  return claims.filter((c) => {
    if (c.kind === 'other' || c.kind === 'count') return false;
    return !truth.some(
      (t) =>
        t.kind === c.kind &&
        (c.kind === 'distance'
          ? Math.abs(t.value - c.value) <= Math.max(60, t.value * 0.006)
          : c.kind === 'duration'
            ? Math.abs(t.value - c.value) <= 60
            : c.kind === 'pace'
              ? Math.abs(t.value - c.value) <= 2
              : Math.abs(t.value - c.value) <= (c.kind === 'date' ? 0 : 1)),
    );
  });
}
