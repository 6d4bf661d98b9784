import { useMemo, useState } from 'react';
import { channelMeta, covered, type StreamsView } from '~/utils/activity-streams';
import type { Units } from '~/utils/analytics';
import { RouteMap } from '../activity/RouteMap';
import { Card } from '../ui';
import { MapFrame } from './MapFrame';
import { type ColourBy, type Coord, colourChannels, colouring } from './route-colour';

const NAMES: Record<ColourBy, string> = { speed: 'Pace', power: 'Power', hr: 'Heart rate', gradient: 'Gradient' };

/**
 * The activity's route: the SVG (server, no JavaScript, no WebGL) or the map over it, coloured by a channel the
 * activity has, with the charts' cursor and zoomed range on it; the sample under the pointer goes back to the charts.
 */
export function ActivityRouteCard({
  view,
  units,
  range,
  cursor,
  onPick,
}: {
  view: StreamsView;
  units: Units;
  range: { from: number; to: number } | null;
  cursor: { lat: number; lng: number } | null;
  /** The seconds of the sample nearest the pointer on the map's line (null when it leaves). */
  onPick: (t: number | null) => void;
}) {
  const series = view.series!;
  const channels = useMemo(() => colourChannels(series), [series]);
  const [by, setBy] = useState<ColourBy | null>(channels[0] ?? null);
  const coords = useMemo(() => series.lat!.map((lat, i): Coord => [series.lng![i]!, lat]), [series]);
  const scale = useMemo(() => (by ? colouring(series, by, view.sport, units) : null), [series, by, view.sport, units]);
  const lines = useMemo(() => [{ coords, colours: scale?.colours ?? null }], [coords, scale]);
  const highlight = useMemo(
    () => (range ? coords.filter((_, i) => series.t[i]! >= range.from && series.t[i]! <= range.to) : null),
    [coords, range, series],
  );
  const ends = useMemo(() => ({ start: coords[0]!, finish: coords.at(-1)! }), [coords]);
  const label = `Route of the activity${view.figures && view.figures.distanceM > 0 ? `, ${covered(view.figures.distanceM, units)}` : ''}; the start is the green ring, the finish the red dot.`;
  const name = (c: ColourBy) => (c === 'speed' ? channelMeta('speed', view.sport, units).label : NAMES[c]);

  return (
    <Card
      id="route"
      title="Route"
      description="Drawn from the recorded positions. The chart cursor is marked on it, a zoomed range is highlighted, and pointing at the line moves the charts' cursor."
    >
      <MapFrame
        fallback={<RouteMap series={series} range={range} cursor={cursor} label={label} />}
        lines={lines}
        label={label}
        highlight={highlight}
        cursor={cursor ? [cursor.lng, cursor.lat] : null}
        ends={ends}
        onPick={(_, i) => onPick(i === null ? null : (series.t[i] ?? null))}
        extras={
          <>
            {channels.length > 1 ? (
              <div className="axis-toggle map-colour-by" role="group" aria-label="Colour the route by">
                {channels.map((c) => (
                  <button key={c} type="button" className="axis-button" aria-pressed={by === c} onClick={() => setBy(c)} data-colour-by={c}>
                    {name(c)}
                  </button>
                ))}
              </div>
            ) : null}
            {scale ? (
              <figure className="map-legend" data-testid="map-legend" data-colour-by={scale.by}>
                <figcaption>
                  {name(scale.by)} on the map, {scale.low} to {scale.high}
                  {scale.by === 'gradient' ? ' (over ±50 m)' : ' (classes between the 5th and 95th percentiles)'}:
                </figcaption>
                <ul>
                  {scale.legend.map((s) => (
                    <li key={s.colour}>
                      <svg className="map-legend-swatch" viewBox="0 0 16 8" aria-hidden="true">
                        <rect width="16" height="8" rx="2" fill={s.colour} />
                      </svg>
                      {s.text}
                    </li>
                  ))}
                </ul>
              </figure>
            ) : null}
          </>
        }
      />
    </Card>
  );
}
