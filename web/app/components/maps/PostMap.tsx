import { useMemo } from 'react';
import type { PostView } from '../../../../worker/features/social';
import { decodePolyline } from '../../../../worker/lib/polyline';
import { LinesSvg } from './LinesSvg';
import { MapFrame } from './MapFrame';
import type { Coord } from './route-colour';

/**
 * A post's map: exactly the stretches the API answered (the privacy cut's encoded polylines), each its own line so
 * nothing is drawn across a hidden part. The words stay for screen readers and for anyone without the map.
 */
export function PostMap({ map }: { map: NonNullable<PostView['map']> }) {
  const lines = useMemo(
    () => map.segments.map((s) => decodePolyline(s.polyline).map((p): Coord => [p.lon, p.lat])).filter((l) => l.length > 1),
    [map],
  );
  const glLines = useMemo(() => lines.map((coords) => ({ coords })), [lines]);
  const words = `Map: ${map.segments.length} ${map.whole ? 'track (yours, whole)' : 'visible stretch(es), ends and private places hidden'}`;
  const label = map.whole
    ? 'Map of your whole track; the start is the green ring, the finish the red dot.'
    : `Map of ${lines.length} visible stretch${lines.length === 1 ? '' : 'es'}; the ends and private places are hidden.`;
  const ends = useMemo(
    () => (map.whole && lines.length ? { start: lines[0]![0]!, finish: lines.at(-1)!.at(-1)! } : null),
    [map.whole, lines],
  );
  return (
    <div className="post-map" data-segments={map.segments.length}>
      {lines.length ? (
        <MapFrame
          size="small"
          fallback={<LinesSvg lines={lines} label={label} ends={map.whole} />}
          lines={glLines}
          label={label}
          ends={ends}
        />
      ) : null}
      <p className="muted post-map-words">{words}</p>
    </div>
  );
}
