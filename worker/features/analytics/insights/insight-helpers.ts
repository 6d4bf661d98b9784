// Small pieces every rule shares: receipts for a date range, the 'insufficient' card, basic statistics.

import type { Insight, InsightKind, Receipt } from '../analytics.types';
import { inRange } from '../../../lib/dates';
import { formatDay } from '../../../lib/format';

export type InsightWindow = Insight['window'];

export function insightId(kind: InsightKind, window: InsightWindow, suffix?: string | number): string {
  const base = `${kind}:${window.from}:${window.to}`;
  return suffix === undefined ? base : `${base}:${suffix}`;
}

/** Receipts of all activities dated within [from, to], ascending by date, at most `cap`. */
export function receiptsBetween(byDate: Record<string, Receipt[]>, from: string, to: string, cap = Infinity): Receipt[] {
  const dates = Object.keys(byDate)
    .filter((d) => inRange(d, from, to))
    .sort();
  const out: Receipt[] = [];
  for (const d of dates) {
    for (const r of byDate[d] ?? []) {
      if (out.length >= cap) return out;
      out.push(r);
    }
  }
  return out;
}

/** The card for "not enough data yet": says what is missing, carries no numbers and no receipts. */
export function insufficient(args: {
  kind: InsightKind;
  title: string;
  window: InsightWindow;
  finding: string;
  minSample: Insight['minSample'];
  idSuffix?: string | number;
}): Insight {
  return {
    kind: args.kind,
    id: insightId(args.kind, args.window, args.idSuffix),
    status: 'insufficient',
    tone: 'info',
    title: args.title,
    finding: args.finding,
    numbers: {},
    window: args.window,
    minSample: args.minSample,
    receipts: [],
  };
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Population standard deviation: the 8 weeks are the whole period described, not a sample of it. */
export function populationStd(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
}

/** Least-squares slope of y on x; 0 when x has no spread. */
export function lsSlope(xs: readonly number[], ys: readonly number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * ((ys[i] ?? my) - my);
    den += (x - mx) ** 2;
  });
  return den === 0 ? 0 : num / den;
}

export const round = (value: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

/** How far the recorded history goes back, for a finding that needs more ("history starts 26 Oct 2026"). */
export function historySince(firstActivityDate: string | null, recorded: string | null): string {
  if (firstActivityDate === null || recorded === null) return 'no activities yet';
  if (recorded === firstActivityDate) return `history starts ${formatDay(recorded)}`;
  return `recorded history starts ${formatDay(recorded)}, after a gap of over 4 weeks since older activities`;
}
