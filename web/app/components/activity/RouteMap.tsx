import { useMemo } from 'react';
import type { Series } from '~/utils/activity-streams';

const W = 640;
const H = 400;
const PAD = 16;

interface Projected {
  points: [number, number][];
  /** Turns a position into the drawing's coordinates. */
  at: (lat: number, lng: number) => [number, number];
  width: number;
  height: number;
}

/**
 * An equirectangular projection around the route's middle (east–west shrunk by the cosine of the
 * latitude), scaled to fit: at the size of an activity the distortion is far below a line's width.
 */
function project(lat: number[], lng: number[]): Projected {
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLng = Infinity;
  let maxLng = -Infinity;
  for (let i = 0; i < lat.length; i++) {
    minLat = Math.min(minLat, lat[i]!);
    maxLat = Math.max(maxLat, lat[i]!);
    minLng = Math.min(minLng, lng[i]!);
    maxLng = Math.max(maxLng, lng[i]!);
  }
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * k, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY);
  // The drawing takes the route's own proportions, so a north–south route is not drawn in a wide box.
  const width = Math.round(spanX * scale + 2 * PAD);
  const height = Math.round(spanY * scale + 2 * PAD);
  const at = (la: number, ln: number): [number, number] => [
    Math.round((PAD + (ln - minLng) * k * scale) * 10) / 10,
    Math.round((PAD + (maxLat - la) * scale) * 10) / 10,
  ];
  return { points: lat.map((la, i) => at(la, lng[i]!)), at, width, height };
}

const path = (points: [number, number][]) => points.map(([x, y], i) => `${i ? 'L' : 'M'}${x} ${y}`).join('');

/**
 * The route drawn from its recorded positions, with no map tiles (it works offline and sends no
 * position anywhere). The zoomed range is drawn over it, and the sample under the chart cursor marked.
 */
export function RouteMap({
  series,
  range,
  cursor,
  label,
}: {
  series: Series;
  range: { from: number; to: number } | null;
  cursor: { lat: number; lng: number } | null;
  label: string;
}) {
  const drawn = useMemo(() => project(series.lat!, series.lng!), [series]);
  const highlight = range ? drawn.points.filter((_, i) => series.t[i]! >= range.from && series.t[i]! <= range.to) : null;
  const start = drawn.points[0]!;
  const finish = drawn.points.at(-1)!;
  const mark = cursor ? drawn.at(cursor.lat, cursor.lng) : null;
  return (
    <svg
      className="route-map"
      viewBox={`0 0 ${drawn.width} ${drawn.height}`}
      role="img"
      aria-label={label}
      preserveAspectRatio="xMidYMid meet"
      data-testid="route-map"
    >
      <path d={path(drawn.points)} className="route-line-casing" />
      <path d={path(drawn.points)} className="route-line" />
      {highlight && highlight.length > 1 ? <path d={path(highlight)} className="route-range" /> : null}
      {/* A ring for the start, a dot for the finish: on a loop they sit on each other and both still show. */}
      <circle cx={start[0]} cy={start[1]} r="9" className="route-start" />
      <circle cx={finish[0]} cy={finish[1]} r="5" className="route-finish" />
      {mark ? <circle cx={mark[0]} cy={mark[1]} r="8" className="route-cursor" data-testid="route-cursor" /> : null}
    </svg>
  );
}
