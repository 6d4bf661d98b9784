// The route coloured by a channel: which channels an activity can colour by, each sample's class and the legend
// that names the classes. Pure (node-lane tests); the map and the legend read the same classes.
import { type Series, speedStyleOf, valueText } from '~/utils/activity-streams';
import type { Units } from '~/utils/analytics';

export type ColourBy = 'speed' | 'power' | 'hr' | 'gradient';

/**
 * Six steps of matplotlib's "plasma" (van der Walt & Smith, 2015): perceptually uniform and readable with the
 * common colour-vision deficiencies; its last, palest step is left out so every class holds on a light basemap.
 */
export const PALETTE = ['#0d0887', '#5c01a6', '#9c179e', '#cc4778', '#ed7953', '#f89540'] as const;
/** A sample without a value (a sensor gap): drawn, but in no class. */
export const NO_VALUE = '#94a3b8';

/**
 * Gradient classes in percent, fixed so two activities read alike: flat within ±2 %, then the steps cyclists
 * and runners name (a 6 % climb is "steep", 10 % "very steep").
 */
const GRADIENT_EDGES = [-6, -2, 2, 6, 10];
/** Gradient over at least this far each side of a sample: GPS and barometric noise over a few metres is not a slope. */
const GRADIENT_HALF_WINDOW_M = 50;

export interface LegendStep {
  colour: string;
  text: string;
}

export interface Colouring {
  by: ColourBy;
  /** One colour per sample: the segment from sample i to i + 1 takes colours[i]. */
  colours: string[];
  legend: LegendStep[];
  /** What the ends of the scale mean ("slower" / "faster"). */
  low: string;
  high: string;
}

/** The channels this activity can colour its route by, in the control's order. */
export function colourChannels(series: Series): ColourBy[] {
  const v = series.values;
  const out: ColourBy[] = [];
  if (v.speed) out.push('speed');
  if (v.power) out.push('power');
  if (v.hr) out.push('hr');
  if (v.altitude && series.d.length > 1 && series.d.at(-1)! - series.d[0]! >= 4 * GRADIENT_HALF_WINDOW_M) out.push('gradient');
  return out;
}

/** Percent gradient at each sample, over ±50 m of distance (null where the window does not fit or nothing moved). */
export function gradients(altitude: readonly number[], d: readonly number[]): (number | null)[] {
  const n = d.length;
  const out: (number | null)[] = new Array(n).fill(null);
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    while (lo < i && d[i]! - d[lo + 1]! >= GRADIENT_HALF_WINDOW_M) lo++;
    if (hi < i) hi = i;
    while (hi < n - 1 && d[hi]! - d[i]! < GRADIENT_HALF_WINDOW_M) hi++;
    const run = d[hi]! - d[lo]!;
    if (d[i]! - d[lo]! >= GRADIENT_HALF_WINDOW_M && d[hi]! - d[i]! >= GRADIENT_HALF_WINDOW_M && run > 0)
      out[i] = ((altitude[hi]! - altitude[lo]!) / run) * 100;
  }
  return out;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/** Equal-width classes between the 5th and 95th percentiles, so a few stops or sprints do not flatten the rest. */
function spreadEdges(values: readonly (number | null | undefined)[]): number[] | null {
  const v = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0).sort((a, b) => a - b);
  if (v.length < 2) return null;
  const lo = percentile(v, 0.05);
  const hi = percentile(v, 0.95);
  if (!(hi > lo)) return null;
  const k = PALETTE.length;
  return Array.from({ length: k - 1 }, (_, i) => lo + ((hi - lo) * (i + 1)) / k);
}

export function classOf(x: number, edges: readonly number[]): number {
  let c = 0;
  while (c < edges.length && x >= edges[c]!) c++;
  return c;
}

/** The route's colouring by `by`; null when the channel has too little spread to colour (then the line stays plain). */
export function colouring(series: Series, by: ColourBy, sport: string, units: Units): Colouring | null {
  const v = series.values;
  const values = by === 'gradient' ? (v.altitude ? gradients(v.altitude, series.d) : null) : (v[by] ?? null);
  if (!values) return null;
  const edges = by === 'gradient' ? GRADIENT_EDGES : spreadEdges(values);
  if (!edges) return null;
  const colours = values.map((x) =>
    typeof x === 'number' && Number.isFinite(x) && (by === 'gradient' || x > 0) ? PALETTE[classOf(x, edges)]! : NO_VALUE,
  );
  const text = (x: number) => (by === 'gradient' ? `${x > 0 ? '+' : ''}${Math.round(x)} %` : valueText(by, x, sport, units));
  // A pace reads the other way round: the lowest speeds are the slowest paces.
  const pace = by === 'speed' && speedStyleOf(sport) !== 'speed';
  const [below, above] = pace ? ['slower than ', ' or faster'] : ['under ', ' and over'];
  const legend = PALETTE.map((colour, i) => ({
    colour,
    text:
      i === 0
        ? `${below}${text(edges[0]!)}`
        : i === edges.length
          ? `${text(edges[i - 1]!)}${above}`
          : `${text(edges[i - 1]!)} to ${text(edges[i]!)}`,
  }));
  const names: Record<ColourBy, [string, string]> = {
    speed: ['slower', 'faster'],
    power: ['easier', 'harder'],
    hr: ['lower', 'higher'],
    gradient: ['downhill', 'uphill'],
  };
  return { by, colours, legend, low: names[by][0], high: names[by][1] };
}

export type Coord = [lng: number, lat: number];

/** Consecutive samples of one colour as one line each (a few dozen features rather than one per sample). */
export function runsOf(coords: readonly Coord[], colours: readonly string[] | null): { colour: string; coords: Coord[] }[] {
  if (coords.length < 2) return [];
  if (!colours) return [{ colour: PALETTE[0], coords: [...coords] }];
  const runs: { colour: string; coords: Coord[] }[] = [];
  for (let i = 0; i < coords.length - 1; i++) {
    const colour = colours[i] ?? NO_VALUE;
    const last = runs.at(-1);
    if (last && last.colour === colour) last.coords.push(coords[i + 1]!);
    else runs.push({ colour, coords: [coords[i]!, coords[i + 1]!] });
  }
  return runs;
}

/** The sample nearest to a point (flat metres around it: exact enough within an activity's span). */
export function nearestIndex(coords: readonly Coord[], at: Coord): number | null {
  if (!coords.length) return null;
  const k = Math.cos((at[1] * Math.PI) / 180);
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < coords.length; i++) {
    const dx = (coords[i]![0] - at[0]) * k;
    const dy = coords[i]![1] - at[1];
    const d2 = dx * dx + dy * dy;
    if (d2 < bestD) {
      bestD = d2;
      best = i;
    }
  }
  return best;
}

/** [[west, south], [east, north]] of the points, or null for none. */
export function boundsOf(coords: readonly Coord[]): [Coord, Coord] | null {
  if (!coords.length) return null;
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const [x, y] of coords) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  return [
    [w, s],
    [e, n],
  ];
}
