// Small-area geometry for privacy zones, maps and segments: a local flat projection (metres east/north of a
// reference), exact enough within a few kilometres, and Google's encoded polyline. Pure.

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

import type { LatLon } from './polyline';

export type { LatLon };

/** Metres east (x) and north (y) of `ref` (equirectangular: < 0.1 % error over 10 km away from the poles). */
export function toLocal(ref: LatLon, p: LatLon): { x: number; y: number } {
  return {
    x: (p.lon - ref.lon) * RAD * EARTH_RADIUS_M * Math.cos(ref.lat * RAD),
    y: (p.lat - ref.lat) * RAD * EARTH_RADIUS_M,
  };
}

/** The point `x` metres east and `y` metres north of `ref`. */
export function fromLocal(ref: LatLon, x: number, y: number): LatLon {
  return {
    lat: ref.lat + y / (RAD * EARTH_RADIUS_M),
    lon: ref.lon + x / (RAD * EARTH_RADIUS_M * Math.cos(ref.lat * RAD)),
  };
}

/** Distance in metres between two nearby points. */
export function metresBetween(a: LatLon, b: LatLon): number {
  const { x, y } = toLocal(a, b);
  return Math.hypot(x, y);
}

/** The point `distanceM` from `from` on a bearing in radians (0 = east, counter-clockwise). */
export function offsetBy(from: LatLon, distanceM: number, bearingRad: number): LatLon {
  return fromLocal(from, distanceM * Math.cos(bearingRad), distanceM * Math.sin(bearingRad));
}

// Google's encoded polyline lives beside this file: the browser's maps decode it too (ADR 098).
export { decodePolyline, encodePolyline } from './polyline';
