import { useMemo } from 'react';
import { decodePolyline } from '../../../../worker/lib/polyline';
import { LinesSvg } from './LinesSvg';
import { MapFrame } from './MapFrame';
import type { Coord } from './route-colour';

/** A race course on the map (the course's own line from its GPX), start and finish marked. */
export function CourseMap({ track, name, lengthText }: { track: string; name: string; lengthText: string }) {
  const coords = useMemo(() => decodePolyline(track).map((p): Coord => [p.lon, p.lat]), [track]);
  const lines = useMemo(() => [coords], [coords]);
  const glLines = useMemo(() => [{ coords }], [coords]);
  const ends = useMemo(() => (coords.length > 1 ? { start: coords[0]!, finish: coords.at(-1)! } : null), [coords]);
  if (coords.length < 2) return null;
  const label = `Map of the ${name} course, ${lengthText}; the start is the green ring, the finish the red dot.`;
  return (
    <div className="course-map" data-testid="course-map">
      <MapFrame fallback={<LinesSvg lines={lines} label={label} ends />} lines={glLines} label={label} ends={ends} />
    </div>
  );
}
