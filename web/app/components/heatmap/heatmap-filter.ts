// The heatmap page's filter (ADR 100): a sport and a range of whole UTC months, from the URL's search params; the
// presets resolved against today so the tile URLs name months, never "this year" (their ETags stay right).

export const PRESETS = ['all', 'year', '12m', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];
export const PRESET_LABELS: Record<Preset, string> = {
  all: 'All time',
  year: 'This year',
  '12m': 'Last 12 months',
  custom: 'Custom months',
};

export interface HeatmapFilterView {
  sport: string | null;
  preset: Preset;
  from: string | null;
  to: string | null;
}

const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
const month = (d: Date) => d.toISOString().slice(0, 7);

/** The filter the page shows and the tiles read; anything malformed falls back to all sports and all time. */
export function readFilter(params: URLSearchParams, today: Date, sports: readonly string[]): HeatmapFilterView {
  const sportParam = params.get('sport');
  const sport = sportParam && sports.includes(sportParam) ? sportParam : null;
  const presetParam = params.get('range') ?? 'all';
  const preset = (PRESETS as readonly string[]).includes(presetParam) ? (presetParam as Preset) : 'all';
  if (preset === 'year') return { sport, preset, from: `${today.getUTCFullYear()}-01`, to: month(today) };
  if (preset === '12m') {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 11, 1));
    return { sport, preset, from: month(start), to: month(today) };
  }
  if (preset === 'custom') {
    let from = MONTH.test(params.get('from') ?? '') ? params.get('from') : null;
    let to = MONTH.test(params.get('to') ?? '') ? params.get('to') : null;
    if (from && to && from > to) [from, to] = [to, from];
    return { sport, preset, from, to };
  }
  return { sport, preset: 'all', from: null, to: null };
}

/** The tiles' query string for a filter (empty for all sports, all time). */
export function tileQuery(f: HeatmapFilterView): string {
  const q = new URLSearchParams();
  if (f.sport) q.set('sport', f.sport);
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  return q.toString();
}

/** The tile template MapLibre fills in (absolute: MapLibre fetches tiles from full addresses). */
export const tileTemplate = (origin: string, f: HeatmapFilterView) => {
  const q = tileQuery(f);
  return `${origin}/api/v1/maps/heatmap/{z}/{x}/{y}.png${q ? `?${q}` : ''}`;
};

/** How many activities the filter takes, from the summary's months (what the page says beside the map). */
export function activitiesIn(months: readonly { month: string; sport: string; activities: number }[], f: HeatmapFilterView): number {
  return months
    .filter((m) => (!f.sport || m.sport === f.sport) && (!f.from || m.month >= f.from) && (!f.to || m.month <= f.to))
    .reduce((n, m) => n + m.activities, 0);
}
