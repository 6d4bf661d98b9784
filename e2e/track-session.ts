// The demo athlete's first track session as a watch's FIT file of today, for the specs that need an activity
// with streams, a route and six reps (intervals.spec.ts, coach-activity.spec.ts).
import { activityFit } from '../scripts/sandbox/garmin-fit.ts';
import { athleteProfile } from '../scripts/sandbox/strava/athlete.ts';
import { generateHistory } from '../scripts/sandbox/strava/generator.ts';
import { TRACK_SET } from '../scripts/sandbox/strava/streams-run.ts';
import { buildStreams } from '../scripts/sandbox/strava/streams.ts';

const DAY = 86_400_000;

/**
 * The demo athlete's first track session, moved to start today (UTC) and written as a FIT file; with the
 * athlete's threshold speed and how long its reps took (from its own streams).
 */
export function trackSessionToday() {
  const a = generateHistory(1001, { count: 120, endDate: new Date('2026-11-01T00:00:00Z') }).find((x) =>
    x.name.startsWith('Track session'),
  );
  if (!a) throw new Error('no track session in the history');
  const streams = buildStreams(a.seed, a.plan);
  const midnight = Math.floor(Date.now() / DAY) * DAY;
  // Finished a few minutes ago, or (just after midnight) started a minute into the day: same local day either way.
  const startMs = Math.max(midnight + 60_000, Date.now() - (a.elapsedTime + 300) * 1000);
  const bytes = activityFit({ ...a, startMs, utcOffset: 0 }, streams);
  // When each rep started and ended, from the distance stream (the set starts after 60 % of what it leaves).
  const { reps, repM, jogM } = TRACK_SET;
  const set = reps * repM + (reps - 1) * jogM;
  const first = 0.6 * (a.plan.distance - set);
  const timeAt = (m: number) => streams.time[streams.distance.findIndex((d) => d >= m)] ?? 0;
  const repS = Array.from({ length: reps }, (_, k) => first + k * (repM + jogM)).map((m) => timeAt(m + repM) - timeAt(m));
  return { bytes, date: new Date(startMs).toISOString().slice(0, 10), repS, thresholdMps: athleteProfile(1001).thresholdSpeed };
}
