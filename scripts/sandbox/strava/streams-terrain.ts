// The ground under an activity: the loop it follows on the map, and the hills along it.
import type { ActivityPlan } from './generator.ts';
import { clamp, cos, r6, sin } from './streams-math.ts';

export interface Terrain {
  /** Elevation (m) after `d` metres. */
  alt: (d: number) => number;
  /** Grade (rise over run) after `d` metres. */
  slope: (d: number) => number;
}

/**
 * Three sine waves of position (long rolling hills, shorter rises, ripples). Their grade amplitudes
 * add up to at most `maxGrade`, so a hilly plan gets longer hills rather than walls: road runs stay
 * within a few %, trails reach ~17 %, roads for bikes ~8 %. Draws six numbers from `r`.
 */
export function terrainOf(plan: ActivityPlan, r: () => number): Terrain {
  const ride = plan.sport === 'Ride';
  const H = plan.hilliness;
  const maxGrade = ride ? 0.08 : clamp(0.02 + H * 0.0013, 0.025, 0.17);
  const amp = [H, 0.25 * H, 0.05 * H];
  const freq = [4000 + r() * 5000, 1200 + r() * 1800, 300 + r() * 500].map((len) => (2 * Math.PI) / len);
  const phase = [r(), r(), r()].map((x) => x * 2 * Math.PI);
  const gradeAmp = amp.reduce((s, A, j) => s + A * (freq[j] ?? 0), 0);
  if (gradeAmp > maxGrade) for (let j = 0; j < 3; j++) amp[j] = (amp[j] ?? 0) * (maxGrade / gradeAmp);
  const alt0 = plan.baseAltitude - amp.reduce((sum, A, j) => sum + A * Math.sin(phase[j] ?? 0), 0);
  const [A0, A1, A2] = amp as [number, number, number];
  const [F0, F1, F2] = freq as [number, number, number];
  const [P0, P1, P2] = phase as [number, number, number];
  const flat = H <= 0;
  const alt = (d: number) => alt0 + A0 * sin(F0 * d + P0) + A1 * sin(F1 * d + P1) + A2 * sin(F2 * d + P2);
  const slope = (d: number) => (flat ? 0 : A0 * F0 * cos(F0 * d + P0) + A1 * F1 * cos(F1 * d + P1) + A2 * F2 * cos(F2 * d + P2));
  return { alt, slope };
}

/**
 * Where the athlete is after `dist` metres: a loop of about the activity's length through the start,
 * rotated by the plan's heading. Its radius swells and narrows with the angle (three lobes whose sizes
 * come from the heading, zero at the start so the loop closes there), so routes look like roads rather
 * than circles. A function of the (rounded) distance only, so summaries can place the few polyline
 * points without building the whole latlng stream.
 */
export function routePoint(plan: ActivityPlan, dist: number): [number, number] {
  const [lat0, lng0] = plan.start ?? [0, 0];
  // On the favourite loop the shape is the loop's, and a longer outing goes round again.
  const radius = (plan.loopM ?? plan.distance) / (2 * Math.PI);
  const th = (plan.loopM ? dist % plan.loopM : dist) / radius;
  const h = plan.heading;
  const r = radius * (1 + 0.22 * sin(2 * th) * sin(3.1 * h + 1) + 0.12 * sin(3 * th) * cos(5.3 * h) + 0.05 * sin(7 * th));
  // The loop's centre is `radius` north of the start; the start is where the angle is 0.
  const east0 = r * sin(th);
  const north0 = radius - r * cos(th);
  const east = east0 * Math.cos(plan.heading) - north0 * Math.sin(plan.heading);
  const north = east0 * Math.sin(plan.heading) + north0 * Math.cos(plan.heading);
  return [r6(lat0 + north / 111_320), r6(lng0 + east / (111_320 * Math.cos((lat0 * Math.PI) / 180)))];
}
