// The numbers a turn's tool results support: facts (by their unit), labels, receipts, data, notes,
// windows and withheld counts, each as an interval in the checker's canonical units.
import { daysBetween } from '../../../lib/dates';
import type { CoachReceipt, ToolResult, Units } from '../coach.types';
import { type Dim, extractQuantities } from './claims.extract';
import { METRES_PER_UNIT, PACE_METRES } from './units';

export interface Candidate {
  dim: Dim | 'any';
  lo: number;
  hi: number;
  /** Paces: the metres their unit is per (a bare "4:35" in an answer is compared per that unit). */
  per?: number;
  date?: string;
}

/** Decimal places facts of each unit are rounded to (a whole-number value still has that precision). */
const UNIT_DP: Record<string, number> = { km: 2, mi: 2, ctl: 1, atl: 1, tsb: 1, ramp: 1, '%': 1 };
const LENGTH_UNITS: Record<string, number> = { km: 1000, mi: 1609.344, m: 1, ft: 0.3048 };
const clockS = (s: string): number => s.split(':').reduce((acc, p) => acc * 60 + Number(p), 0);
const decimals = (n: number) => String(n).split('.')[1]?.length ?? 0;

const span = (dim: Candidate['dim'], value: number, half: number, extra: Partial<Candidate> = {}): Candidate => ({
  dim,
  lo: value - half,
  hi: value + half,
  ...extra,
});

/** One fact value with its unit as candidates. */
export function factCandidates(value: number | string, unit: string | undefined): Candidate[] {
  if (typeof value === 'string') {
    if (unit && PACE_METRES[unit] && /^\d+:\d{2}$/.test(value)) {
      const per = PACE_METRES[unit]!;
      return [span('pace', clockS(value) / per, 0.5 / per, { per })];
    }
    if (/^\d+(?::\d{2}){1,2}$/.test(value)) return [span('duration', clockS(value), 0.5)];
    return textCandidates(value);
  }
  const half = 0.5 * 10 ** -Math.max(decimals(value), UNIT_DP[unit ?? ''] ?? 0);
  const u = unit ?? '';
  if (LENGTH_UNITS[u]) return [span('length', value * LENGTH_UNITS[u]!, half * LENGTH_UNITS[u]!)];
  if (u === 'km/h' || u === 'mph') {
    const f = u === 'mph' ? 0.44704 : 1 / 3.6;
    return [span('speed', value * f, half * f)];
  }
  if (u === 'min') return [span('duration', value * 60, half * 60)];
  if (u === 'h') return [span('duration', value * 3600, half * 3600)];
  if (u === 'bpm') return [span('hr', value, half)];
  if (u === 'kg' || u === 'lb') {
    const f = u === 'lb' ? 0.45359237 : 1;
    return [span('mass', value * f, half * f)];
  }
  if (u === 'ms') return [span('ms', value, half)];
  if (u === 'W') return [span('power', value, half)];
  if (u === '%') return [span('pct', value, half)];
  if (u === 'count') return [span('count', value, half)];
  if (u === 'load' || u === 'ctl' || u === 'atl' || u === 'tsb' || u === 'ramp') return [span('load', value, half)];
  return [span('any', value, half)];
}

/** Quantities written in a string ("10.2 km", "4:35 /km", "2026-11-02") as candidates. */
export function textCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const q of extractQuantities(text)) {
    if (q.dim === 'date') out.push({ dim: 'date', lo: 0, hi: 0, date: q.date! });
    else if (q.dim === 'monthday') continue;
    else if (q.dim === 'pace') {
      const per = q.unit ? (PACE_METRES[q.unit] ?? 1000) : 1000;
      out.push({ dim: 'pace', lo: q.lo, hi: q.hi, per });
    } else if (q.dim === 'clock') out.push({ dim: 'duration', lo: q.lo, hi: q.hi });
    else out.push({ dim: q.dim, lo: q.lo, hi: q.hi });
  }
  return out;
}

// Data keys whose numbers carry a unit: distances are in the athlete's unit, hours and minutes are time.
function keyedNumber(key: string, value: number, units: Units): Candidate[] {
  const k = key.toLowerCase();
  const half = 0.5 * 10 ** -decimals(value);
  if (k === 'distance') return [span('length', value * METRES_PER_UNIT[units], Math.max(half, 0.005) * METRES_PER_UNIT[units])];
  if (k.endsWith('hours')) return [span('duration', value * 3600, half * 3600)];
  if (k.endsWith('min')) return [span('duration', value * 60, half * 60)];
  if (k.includes('hr')) return [span('hr', value, half)];
  if (k.includes('load')) return [span('load', value, half)];
  if (k.includes('pct') || k.includes('percent')) return [span('pct', value, half)];
  if (k === 'count' || k === 'listed') return [span('count', value, half)];
  return [span('any', value, half)];
}

function walk(value: unknown, key: string, units: Units, out: Candidate[], depth = 0): void {
  if (depth > 6 || value === null || value === undefined) return;
  if (typeof value === 'number' && Number.isFinite(value)) out.push(...keyedNumber(key, value, units));
  else if (typeof value === 'string') out.push(...textCandidates(value));
  else if (Array.isArray(value)) for (const v of value) walk(v, key, units, out, depth + 1);
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k, units, out, depth + 1);
}

/** What one receipt states: its date and its values. */
export function activityCandidates(rc: CoachReceipt, units: Units): Candidate[] {
  const out: Candidate[] = [{ dim: 'date', lo: 0, hi: 0, date: rc.date }];
  for (const [k, v] of Object.entries(rc.values)) walk(v, k, units, out);
  return out;
}

/** Everything this turn's tool results state, as candidates. */
export function candidatesOf(results: ToolResult[]): Candidate[] {
  const out: Candidate[] = [];
  for (const r of results) {
    if (r.window) {
      out.push({ dim: 'date', lo: 0, hi: 0, date: r.window.from }, { dim: 'date', lo: 0, hi: 0, date: r.window.to });
      const days = daysBetween(r.window.from, r.window.to) + 1;
      out.push(span('any', days, 0), span('any', Math.round(days / 7), 0));
    }
    for (const f of r.facts) {
      out.push(...factCandidates(f.value, f.unit), ...textCandidates(f.label));
      if (f.unit === 'date' && typeof f.value === 'string') out.push({ dim: 'date', lo: 0, hi: 0, date: f.value });
    }
    for (const rc of r.receipts) out.push(...activityCandidates(rc, r.units));
    for (const w of r.withheld) out.push(span('count', w.count, 0));
    if (r.empty) out.push(...textCandidates(r.empty));
    for (const n of r.notes ?? []) out.push(...textCandidates(n));
    walk(r.data, '', r.units, out);
  }
  return out;
}
