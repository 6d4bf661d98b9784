// Which buckets a date range reads (ADR 100): whole UTC months; all time's sum when the range holds every month, a
// year's sum wherever it holds the whole year, its months elsewhere. Pure, node lane.

/** The UTC month of an instant, `YYYY-MM` (the bucket an activity falls in). */
export const monthOf = (d: Date): string => d.toISOString().slice(0, 7);

/**
 * The buckets a range reads: all time's when the range holds every month the athlete has, else the years it holds
 * whole and the other months from `from` to `to` inclusive.
 */
export function periodsFor(have: ReadonlySet<string>, range: { from?: string | undefined; to?: string | undefined }): string[] {
  const from = range.from ?? '0000-01';
  const to = range.to ?? '9999-12';
  const all = [...have].filter((p) => p.length === 7);
  const months = all.filter((p) => p >= from && p <= to);
  if (months.length > 0 && months.length === all.length && have.has('all')) return ['all'];
  const out: string[] = [];
  const byYear = new Map<string, string[]>();
  for (const m of months) {
    const y = m.slice(0, 4);
    byYear.set(y, [...(byYear.get(y) ?? []), m]);
  }
  for (const [y, ms] of byYear) {
    // A year's bucket sums all of its months: read it only when the range takes every month of that year.
    if (from <= `${y}-01` && to >= `${y}-12` && have.has(y)) out.push(y);
    else out.push(...ms);
  }
  return out.sort();
}

/**
 * The colour bin of a pixel's count, log₂-scaled: 0 (transparent) for none, then 1, 2–3, 4–7, … and 128 or more in
 * bin 8 — a doubling of passes is one step, so a route run once still shows beside a daily commute.
 */
export const binOf = (count: number): number => (count <= 0 ? 0 : Math.min(8, 1 + Math.floor(Math.log2(count))));

/**
 * The ramp (bin 1 → 8): blue through purple and crimson to orange, more opaque as the count grows — saturated
 * colours that read on the light basemap and on the dark fallback alike.
 */
export const RAMP: readonly (readonly [number, number, number, number])[] = [
  [0, 0, 0, 0],
  [65, 105, 225, 150],
  [80, 80, 215, 175],
  [115, 55, 200, 195],
  [155, 40, 175, 210],
  [200, 30, 130, 225],
  [225, 40, 70, 235],
  [240, 95, 20, 245],
  [255, 165, 0, 255],
];
