// GPX facts: tracks, their points and plain sums over them (read with the tag scanner).
import { HR_MAX, HR_MIN, round } from './common.ts';
import { scanXml } from './xml-scan.ts';

const R_EARTH_M = 6_371_000; // mean Earth radius (IUGG)
/** Faster than any human-powered sport between two GPS points (the domain reference's "30+ m/s"). */
const MAX_GROUND_SPEED_MPS = 30;

export type GpxTrackFacts = ReturnType<typeof decodeGpx>['tracks'][number];

interface GpxPoint {
  lat: number;
  lon: number;
  timeMs?: number;
  hr?: number;
  ele?: number;
}

function haversine(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const toRad = Math.PI / 180;
  const h =
    Math.sin(((lat2 - lat1) * toRad) / 2) ** 2 +
    Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(((lon2 - lon1) * toRad) / 2) ** 2;
  return 2 * R_EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function decodeGpx(text: string) {
  const tracks: { name: string | null; type: string | null; segments: GpxPoint[][] }[] = [];
  let point: GpxPoint | undefined;
  let routes = 0;
  let waypoints = 0;
  const root = scanXml(text, {
    open(name, attrs, path) {
      const parent = path[path.length - 1];
      if (name === 'trk') tracks.push({ name: null, type: null, segments: [] });
      else if (name === 'trkseg') tracks[tracks.length - 1]?.segments.push([]);
      else if (name === 'trkpt') point = { lat: Number(attrs.lat), lon: Number(attrs.lon) };
      else if (name === 'rte') routes += 1;
      else if (name === 'wpt' && parent === 'gpx') waypoints += 1;
    },
    close(name, body, path) {
      const parent = path[path.length - 1];
      const trk = tracks[tracks.length - 1];
      if (name === 'trkpt' && point) {
        trk?.segments[trk.segments.length - 1]?.push(point);
        point = undefined;
      } else if (point && name === 'time' && parent === 'trkpt') {
        const ms = Date.parse(body);
        if (Number.isFinite(ms)) point.timeMs = ms;
      } else if (point && name === 'ele' && parent === 'trkpt' && body !== '') point.ele = Number(body);
      else if (point && name === 'hr' && body !== '') point.hr = Number(body);
      else if (trk && parent === 'trk' && name === 'name') trk.name = body;
      else if (trk && parent === 'trk' && name === 'type') trk.type = body;
    },
  });

  const trackFacts = tracks.map((t) => {
    const all = t.segments.flat();
    const timed = all.filter((p) => p.timeMs !== undefined);
    const located = (p: GpxPoint) => Number.isFinite(p.lat) && Number.isFinite(p.lon);
    const distance = (keep: (p: GpxPoint) => boolean) => {
      let sum = 0;
      for (const seg of t.segments) {
        const pts = seg.filter((p) => keep(p) && located(p));
        for (let i = 1; i < pts.length; i++) sum += haversine(pts[i - 1]!.lat, pts[i - 1]!.lon, pts[i]!.lat, pts[i]!.lon);
      }
      return round(sum);
    };
    // GPS glitches: a point that would mean moving faster than MAX_GROUND_SPEED_MPS from the last
    // point kept is left out (it and the jump back would otherwise add a phantom detour).
    let glitches = 0;
    let cleaned = 0;
    for (const seg of t.segments) {
      let last: GpxPoint | undefined;
      for (const p of seg) {
        if (p.timeMs === undefined || !located(p)) continue;
        if (!last) {
          last = p;
          continue;
        }
        const d = haversine(last.lat, last.lon, p.lat, p.lon);
        const dt = (p.timeMs - (last.timeMs as number)) / 1000;
        if (d > MAX_GROUND_SPEED_MPS * Math.max(dt, 1)) {
          glitches += 1;
          continue;
        }
        cleaned += d;
        last = p;
      }
    }
    const times = timed.map((p) => p.timeMs as number);
    let backwards = 0;
    let maxGapS = 0;
    const gaps: number[] = [];
    for (let i = 1; i < times.length; i++) {
      const d = (times[i]! - times[i - 1]!) / 1000;
      if (d < 0) backwards += 1;
      else gaps.push(d);
      maxGapS = Math.max(maxGapS, d);
    }
    gaps.sort((a, b) => a - b);
    const hr = timed.map((p) => p.hr).filter((v): v is number => v !== undefined);
    const plausibleHr = hr.filter((v) => v >= HR_MIN && v <= HR_MAX);
    return {
      name: t.name,
      type: t.type,
      segments: t.segments.length,
      points: all.length,
      pointsWithTime: timed.length,
      pointsWithoutTime: all.length - timed.length,
      firstTime: times.length ? new Date(times[0]!).toISOString() : null,
      lastTime: times.length ? new Date(times[times.length - 1]!).toISOString() : null,
      timesBackwards: backwards,
      medianIntervalS: gaps.length ? gaps[Math.floor(gaps.length / 2)] : null,
      maxIntervalS: maxGapS,
      distanceAllPointsM: distance(() => true),
      distanceTimedPointsM: distance((p) => p.timeMs !== undefined),
      speedGlitchPoints: glitches,
      distanceCleanM: round(cleaned),
      hrSamples: hr.length,
      hrMean: plausibleHr.length ? round(plausibleHr.reduce((a, b) => a + b, 0) / plausibleHr.length) : null,
      hrMax: plausibleHr.length ? Math.max(...plausibleHr) : null,
    };
  });
  return { root, tracks: trackFacts, routes, waypoints };
}
