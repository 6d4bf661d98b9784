// Summary figures of an activity, computed from its streams (so list items, details and
// /streams agree), and the encoded polylines for its map.
import type { ActivityPlan } from './generator.ts';
import { elevationGain, maxOf, movingMean } from './streams-stats.ts';
import { routePoint } from './streams-terrain.ts';
import type { Streams } from './streams.ts';
import { round } from './tz.ts';

export interface ActivityStats {
  totalElevationGain: number;
  /** Descent over the activity (gain minus the net climb), for Garmin's elevationLoss. */
  totalElevationLoss: number;
  elevHigh: number | null;
  elevLow: number | null;
  averageSpeed: number;
  maxSpeed: number;
  averageCadence: number;
  averageHeartrate: number | null;
  maxHeartrate: number | null;
  averageWatts: number | null;
  weightedAverageWatts: number | null;
  maxWatts: number | null;
  kilojoules: number | null;
  calories: number;
  sufferScore: number | null;
  startLatlng: [number, number] | null;
  endLatlng: [number, number] | null;
  summaryPolyline: string;
}

/** Normalized power: 4th-power mean of the 30 s rolling average (Coggan), over moving samples. */
function normalizedPower(s: Streams, watts: Int16Array): number {
  let window = 0;
  let sum4 = 0;
  let count = 0;
  for (let i = 1; i < s.n; i++) {
    window += watts[i] ?? 0;
    if (i > 30) window -= watts[i - 30] ?? 0;
    if (i >= 30 && s.moving[i]) {
      sum4 += (window / 30) ** 4;
      count++;
    }
  }
  return count ? (sum4 / count) ** 0.25 : movingMean(watts, s);
}

/** Google's encoded polyline (precision 5), for map.summary_polyline / map.polyline. */
export function encodePolyline(plan: ActivityPlan, s: Streams, maxPoints: number): string {
  if (!plan.start) return '';
  const step = Math.max(1, Math.ceil(s.n / maxPoints));
  let out = '';
  let prevLat = 0;
  let prevLng = 0;
  const enc = (v: number) => {
    let x = v < 0 ? ~(v << 1) : v << 1;
    while (x >= 0x20) {
      out += String.fromCharCode((0x20 | (x & 0x1f)) + 63);
      x >>= 5;
    }
    out += String.fromCharCode(x + 63);
  };
  for (let i = 0; i < s.n; i = i + step >= s.n && i !== s.n - 1 ? s.n - 1 : i + step) {
    const [la, ln] = routePoint(plan, s.distance[i] ?? 0);
    const lat = Math.round(la * 1e5);
    const lng = Math.round(ln * 1e5);
    enc(lat - prevLat);
    enc(lng - prevLng);
    prevLat = lat;
    prevLng = lng;
  }
  return out;
}

export function summarize(plan: ActivityPlan, s: Streams): ActivityStats {
  const a = plan.athlete;
  const power = s.watts;
  const avgWatts = power ? movingMean(power, s) : null;
  const hrAvg = s.heartrate ? movingMean(s.heartrate, s) : null;
  let joules = 0;
  if (power) for (let i = 0; i < s.n; i++) joules += power[i] ?? 0;
  const kj = power ? joules / 1000 : null;
  const hours = plan.movingTime / 3600;
  const calories =
    plan.sport === 'Ride' ? (kj ?? 0) * 1.05 : plan.sport === 'Run' ? a.weight * (plan.distance / 1000) * 1.036 : hours * 60 * 9;
  const hrr = hrAvg === null ? null : (hrAvg - a.restHr) / (a.maxHr - a.restHr);
  const last = s.n - 1;
  return {
    totalElevationGain: elevationGain(s),
    totalElevationLoss: s.terrain ? round(elevationGain(s) - ((s.terrain[last] ?? 0) - (s.terrain[0] ?? 0)), 1) : 0,
    elevHigh: s.altitude ? round(maxOf(s.altitude), 1) : null,
    elevLow: s.altitude ? round(-maxOf(s.altitude.map((x) => -x)), 1) : null,
    averageSpeed: round(plan.distance / plan.movingTime, 3),
    maxSpeed: round(maxOf(s.velocity), 1),
    averageCadence: round(movingMean(s.cadence, s), 1),
    averageHeartrate: hrAvg === null ? null : round(hrAvg, 1),
    maxHeartrate: s.heartrate ? maxOf(s.heartrate) : null,
    averageWatts: avgWatts === null ? null : round(avgWatts, 1),
    weightedAverageWatts: power && plan.hasPowerMeter ? Math.round(normalizedPower(s, power)) : null,
    maxWatts: power && plan.hasPowerMeter ? maxOf(power) : null,
    kilojoules: kj === null ? null : round(kj, 1),
    calories: round(calories, 1),
    // Banister TRIMP scaled to Strava's "relative effort" range.
    sufferScore: hrr === null ? null : Math.round((hours * 60 * hrr * 0.64 * Math.exp(1.92 * hrr)) / 2.5),
    startLatlng: plan.start ? routePoint(plan, 0) : null,
    endLatlng: plan.start ? routePoint(plan, s.distance[last] ?? 0) : null,
    summaryPolyline: encodePolyline(plan, s, 120),
  };
}
