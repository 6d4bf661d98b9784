// Google's encoded polyline, the format map libraries and link previews read: precision 5 (~1 m) for what is shown,
// 6 (~0.1 m) for what is stored and matched. Pure: the social serializer, the race course and the tracks encode with
// it, the browser's maps decode the same strings (ADR 098).

export interface LatLon {
  lat: number;
  lon: number;
}

function encodeSigned(value: number): string {
  let v = value < 0 ? ~(value << 1) : value << 1;
  let out = '';
  while (v >= 0x20) {
    out += String.fromCharCode((0x20 | (v & 0x1f)) + 63);
    v >>= 5;
  }
  return out + String.fromCharCode(v + 63);
}

export function encodePolyline(points: readonly LatLon[], precision: 5 | 6 = 5): string {
  const k = 10 ** precision;
  let lastLat = 0;
  let lastLon = 0;
  let out = '';
  for (const p of points) {
    const lat = Math.round(p.lat * k);
    const lon = Math.round(p.lon * k);
    out += encodeSigned(lat - lastLat) + encodeSigned(lon - lastLon);
    lastLat = lat;
    lastLon = lon;
  }
  return out;
}

/** The inverse of encodePolyline; a truncated string ends at its last whole point. */
export function decodePolyline(encoded: string, precision: 5 | 6 = 5): LatLon[] {
  const k = 10 ** precision;
  const out: LatLon[] = [];
  let i = 0;
  let lat = 0;
  let lon = 0;
  const next = (): number | null => {
    let shift = 0;
    let result = 0;
    let b: number;
    do {
      if (i >= encoded.length) return null;
      b = encoded.charCodeAt(i++) - 63;
      result |= (b & 0x1f) << shift;
      shift += 5;
    } while (b >= 0x20);
    return result & 1 ? ~(result >> 1) : result >> 1;
  };
  while (i < encoded.length) {
    const dLat = next();
    const dLon = next();
    if (dLat === null || dLon === null) break;
    lat += dLat;
    lon += dLon;
    out.push({ lat: lat / k, lon: lon / k });
  }
  return out;
}
