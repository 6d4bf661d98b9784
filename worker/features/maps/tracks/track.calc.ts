// An activity's route as maps, the heatmap and segment matching read it: positions from the streams, thinned to
// about 3 m apart (a 4-hour ride keeps ~1 point in 2 of its 1 Hz samples at speed, far fewer when stopped), with
// their seconds since the start. Pure.
import type { ActivityStreams } from '../../../db/schema/activity-columns';
import { POSITION_SCALE } from '../../../db/schema/activity-columns';
import { deltaDecode } from '../../../lib/delta-code';
import { decodePolyline, encodePolyline, metresBetween } from '../../../lib/geo';

/** Bumped when the thinning changes: older tracks are built again from their streams. */
export const TRACK_VERSION = 1;
/** A point is kept once it lies this far from the last kept one (GPS noise is 3–10 m; matching resamples at 10 m). */
export const TRACK_SPACING_M = 3;

export interface Track {
  lat: number[];
  lon: number[];
  /** Seconds since the activity start, one per point. */
  t: number[];
}

export interface Box {
  minLat: number;
  minLon: number;
  maxLat: number;
  maxLon: number;
}

/** A plausible position: on the globe and not the (0, 0) a device writes before its first fix. */
const placed = (lat: number, lon: number) =>
  Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && (lat !== 0 || lon !== 0);

/** The route from an activity's streams, or null when it has no positions (indoors, a manual entry). */
export function trackOf(streams: ActivityStreams | null | undefined): Track | null {
  const n = streams?.t.length ?? 0;
  if (!streams || n < 2 || streams.latE6Delta?.length !== n || streams.lngE6Delta?.length !== n) return null;
  const lat = deltaDecode(streams.latE6Delta);
  const lon = deltaDecode(streams.lngE6Delta);
  const out: Track = { lat: [], lon: [], t: [] };
  let last = -1;
  for (let i = 0; i < n; i++) {
    const la = lat[i]! / POSITION_SCALE;
    const lo = lon[i]! / POSITION_SCALE;
    if (!placed(la, lo)) continue;
    const isLast = i === n - 1;
    if (last >= 0 && !isLast && metresBetween({ lat: out.lat[last]!, lon: out.lon[last]! }, { lat: la, lon: lo }) < TRACK_SPACING_M)
      continue;
    out.lat.push(la);
    out.lon.push(lo);
    out.t.push(streams.t[i]!);
    last = out.lat.length - 1;
  }
  return out.lat.length >= 2 ? out : null;
}

export function boxOf(track: Pick<Track, 'lat' | 'lon'>): Box {
  let minLat = Infinity;
  let minLon = Infinity;
  let maxLat = -Infinity;
  let maxLon = -Infinity;
  for (let i = 0; i < track.lat.length; i++) {
    minLat = Math.min(minLat, track.lat[i]!);
    maxLat = Math.max(maxLat, track.lat[i]!);
    minLon = Math.min(minLon, track.lon[i]!);
    maxLon = Math.max(maxLon, track.lon[i]!);
  }
  return { minLat, minLon, maxLat, maxLon };
}

/** Metres along the track, point to point. */
export function lengthOf(track: Pick<Track, 'lat' | 'lon'>): number {
  let m = 0;
  for (let i = 1; i < track.lat.length; i++)
    m += metresBetween({ lat: track.lat[i - 1]!, lon: track.lon[i - 1]! }, { lat: track.lat[i]!, lon: track.lon[i]! });
  return m;
}

/** What a stored track row holds: precision 6 keeps the stream's ~0.1 m. */
export function encodeTrack(track: Track): { polyline: string; seconds: number[] } {
  return {
    polyline: encodePolyline(
      track.lat.map((lat, i) => ({ lat, lon: track.lon[i]! })),
      6,
    ),
    seconds: track.t,
  };
}

export function decodeTrack(row: { polyline: string; seconds: readonly number[] }): Track {
  const points = decodePolyline(row.polyline, 6);
  return { lat: points.map((p) => p.lat), lon: points.map((p) => p.lon), t: [...row.seconds] };
}
