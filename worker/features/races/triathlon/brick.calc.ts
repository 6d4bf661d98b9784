// The run off the bike, from the athlete's own bricks: no validated formula maps bike intensity to the run's
// slowdown (domain reference), so a run that starts within 20 min of a ride's end is compared with their fresh runs
// at the same heart rate (±5 bpm: equal effort), and the median slowdown of two or more is theirs.
import { BRICK_GAP_S, HR_MATCH_BPM, MIN_BRICKS, MIN_IF_SPREAD } from './formats';
import type { Brick, BrickCalibration, TriSession } from './triathlon.types';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const speed = (s: TriSession) => s.distanceM / s.movingTimeS;
/** A slowdown outside −10 %…+50 % is a stop, a walk or a mislabelled run, not a brick's cost. */
const PLAUSIBLE = [-0.1, 0.5] as const;

/** Each run paired with the ride it follows within `BRICK_GAP_S`, if any. */
export function findBricks(sessions: TriSession[]): { run: TriSession; ride: TriSession; gapS: number }[] {
  const rides = sessions.filter((s) => s.sport === 'ride');
  const out: { run: TriSession; ride: TriSession; gapS: number }[] = [];
  for (const run of sessions.filter((s) => s.sport === 'run')) {
    let best: { ride: TriSession; gapS: number } | null = null;
    for (const ride of rides) {
      const gapS = (run.startMs - (ride.startMs + ride.elapsedTimeS * 1000)) / 1000;
      // A minute of overlap is clock drift between two devices, not a run during the ride.
      if (gapS >= -60 && gapS <= BRICK_GAP_S && (!best || gapS < best.gapS)) best = { ride, gapS: Math.max(0, gapS) };
    }
    if (best) out.push({ run, ...best });
  }
  return out;
}

/** The athlete's brick slowdown, or the format's stated default with why. */
export function calibrateBricks(sessions: TriSession[], defaultSlowdown: number, ftpW: number | null): BrickCalibration {
  const pairs = findBricks(sessions);
  const brickRuns = new Set(pairs.map((p) => p.run.id));
  const fresh = sessions.filter(
    (s) => s.sport === 'run' && !brickRuns.has(s.id) && s.avgHr !== null && s.movingTimeS > 0 && s.distanceM >= 1000,
  );
  const bricks: Brick[] = [];
  const excluded: { runId: string; runName: string; date: string; reason: string }[] = [];
  for (const { run, ride, gapS } of pairs) {
    const skip = (reason: string) => excluded.push({ runId: run.id, runName: run.name, date: run.date, reason });
    if (run.avgHr === null) {
      skip('no heart rate: nothing to compare it with at equal effort');
      continue;
    }
    if (!(run.movingTimeS > 0 && run.distanceM >= 1000)) {
      skip('shorter than 1 km');
      continue;
    }
    const matched = fresh.filter((f) => Math.abs(f.avgHr! - run.avgHr!) <= HR_MATCH_BPM);
    if (matched.length === 0) {
      skip(`no fresh run within ${HR_MATCH_BPM} bpm of its heart rate (${Math.round(run.avgHr)} bpm)`);
      continue;
    }
    const freshSpeed = median(matched.map(speed));
    const slowdown = freshSpeed / speed(run) - 1;
    if (slowdown < PLAUSIBLE[0] || slowdown > PLAUSIBLE[1]) {
      skip(`${Math.round(slowdown * 100)} % against fresh runs: a stop or a walk, not a brick's cost`);
      continue;
    }
    const rideIf = ride.intensityFactor ?? (ftpW && ride.normalizedPowerW ? ride.normalizedPowerW / ftpW : null);
    bricks.push({
      runId: run.id,
      runName: run.name,
      rideId: ride.id,
      rideName: ride.name,
      date: run.date,
      gapS,
      rideIntensityFactor: rideIf,
      brickPaceSPerKm: 1000 / speed(run),
      freshPaceSPerKm: 1000 / freshSpeed,
      freshRuns: matched.length,
      slowdown,
    });
  }
  if (bricks.length >= MIN_BRICKS) return { state: 'calibrated', slowdown: median(bricks.map((b) => b.slowdown)), bricks, excluded };
  const reason =
    bricks.length === 0
      ? 'no brick to calibrate from (a run starting within 20 minutes of a ride’s end, with heart rate)'
      : `one brick only: ${MIN_BRICKS} are needed before the slowdown is yours`;
  return { state: 'uncalibrated', slowdown: defaultSlowdown, reason, bricks, excluded };
}

/**
 * The slowdown's change per unit of ride IF, by least squares over the bricks: only when three or more rides span
 * at least 0.05 IF (else one brick's day decides it). Null with why otherwise.
 */
export function slowdownSlope(bricks: Brick[]): { slope: number } | { why: string } {
  const pts = bricks.filter((b) => b.rideIntensityFactor !== null).map((b) => [b.rideIntensityFactor!, b.slowdown] as const);
  if (pts.length < 3) return { why: 'unknown: it needs three bricks with ride power to show how a harder ride costs the run' };
  const xs = pts.map((p) => p[0]);
  if (Math.max(...xs) - Math.min(...xs) < MIN_IF_SPREAD)
    return { why: `unknown: your bricks' rides span less than ${MIN_IF_SPREAD} IF, so they cannot show how a harder ride costs the run` };
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  const sxy = pts.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = pts.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return { slope: sxy / sxx };
}
