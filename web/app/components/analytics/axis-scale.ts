// A value axis every chart can trust (issue 55, "Degenerate charts"): ticks on round steps, as many decimals as
// the step needs so no two labels read the same, never below a floor the quantity cannot cross (efficiency,
// W′ and D′ are never negative), and a flat series gets a small domain around its value instead of a point.
import { fixed } from '~/utils/analytics-format';

export interface AxisScale {
  domain: [number, number];
  ticks: number[];
  decimals: number;
}

/** The round step (1, 2, 2.5 or 5 × 10ⁿ) nearest above `raw`. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
}

/** Decimals that show `step` exactly (2.5 × 10⁻¹ needs two). */
function decimalsOf(step: number): number {
  for (let d = 0; d < 10; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6) return d;
  return 10;
}

/**
 * The axis for `values` (nulls and non-finite skipped): about `count` ticks (fewer when the span is small),
 * the domain a whole number of steps, clamped at `floor` when given.
 */
export function axisScale(values: (number | null | undefined)[], opts: { floor?: number; count?: number } = {}): AxisScale | null {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (xs.length === 0) return null;
  const count = Math.max(2, opts.count ?? 5);
  let lo = Math.min(...xs);
  let hi = Math.max(...xs);
  // A flat series (one point, or all equal): ±5 % of its size, or ±1 at zero.
  if (hi - lo <= Math.abs(hi) * 1e-9) {
    const pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.05 : 1;
    lo -= pad;
    hi += pad;
  } else {
    const pad = (hi - lo) * 0.05;
    lo -= pad;
    hi += pad;
  }
  if (opts.floor !== undefined) lo = Math.max(lo, opts.floor);
  const step = niceStep((hi - lo) / (count - 1));
  const start = Math.floor(lo / step + 1e-9) * step;
  const end = Math.ceil(hi / step - 1e-9) * step;
  const from = opts.floor !== undefined ? Math.max(start, opts.floor) : start;
  const decimals = decimalsOf(step);
  const ticks: number[] = [];
  for (let k = 0; from + k * step <= end + step * 1e-9; k++) ticks.push(Number((from + k * step).toFixed(decimals)));
  return { domain: [ticks[0]!, ticks.at(-1)!], ticks, decimals };
}

/** A tick's label with the scale's decimals. */
export const tickLabel = (scale: AxisScale | null, v: number, fallbackDecimals = 0): string =>
  fixed(v, scale ? scale.decimals : fallbackDecimals);
