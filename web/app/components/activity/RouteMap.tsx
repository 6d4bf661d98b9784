import { useMemo } from 'react';
import type { Series } from '~/utils/activity-streams';
import { project, svgPath as path } from '../maps/project';

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
  const drawn = useMemo(() => {
    const p = project(series.lat!, series.lng!);
    return { ...p, points: series.lat!.map((la, i) => p.at(la, series.lng![i]!)) };
  }, [series]);
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
