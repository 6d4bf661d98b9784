// Deterministic training histories for sandbox athletes. Pure: no I/O, no clock, no global state.
//
// generateHistory(athleteId) returns activities OLDEST FIRST (index 0 = oldest). Activity ids are
// `athleteId * 100000 + index`, so ids grow with time like Strava's. Each activity carries the
// plan its per-second streams are rebuilt from on demand (streams.ts); every summary figure is
// computed from those streams, so summaries, laps, splits, best efforts and streams agree.
import { athleteProfile } from './athlete.ts';
import type { AthleteProfile } from './athlete.ts';
import { buildStreams } from './streams.ts';
import { summarize } from './summary.ts';
import type { ActivityStats } from './summary.ts';
import { planActivity, sessionName } from './plan.ts';
import type { Slot } from './plan.ts';
import { offsetSeconds, prng, round, seedOf } from './tz.ts';

export { activityId } from './plan.ts';
export { activityDetail, activityLaps, activityStreams, activitySummary } from './wire.ts';
export { athleteProfile } from './athlete.ts';

export type Sport = 'Run' | 'Ride' | 'Swim';
export type Workout = 'easy' | 'recovery' | 'long' | 'tempo' | 'intervals' | 'race' | 'commute';

/** What the stream builder needs; fixed when the activity is generated. */
export interface ActivityPlan {
  sport: Sport;
  workout: Workout;
  distance: number;
  movingTime: number;
  /** Stops (traffic lights, café, rest at the wall), at a moving second, in seconds. */
  pauses: { at: number; seconds: number }[];
  /** Amplitude of the terrain, metres (virtual on a trainer); 0 in a pool. */
  hilliness: number;
  baseAltitude: number;
  start: [number, number] | null;
  heading: number;
  /**
   * Set on the athlete's favourite loop (about one outdoor run or ride in three, as real athletes repeat their
   * routes): the loop's length, m. The route goes round it (again after `loopM`), from home, whatever the
   * activity's distance, so segments on it match across the history.
   */
  loopM?: number;
  hasHeartrate: boolean;
  /** A power meter on the bike (rides without one get Strava's estimated watts). */
  hasPowerMeter: boolean;
  trainer: boolean;
  /** The device leaves stops out of the recording (the time stream jumps) instead of recording standing still. */
  autoPause: boolean;
  /** Beats per minute added to the steady state: the planted effect of a short night (scripts/sandbox/wellness.ts). */
  hrOffset?: number;
  athlete: Pick<AthleteProfile, 'weight' | 'ftp' | 'maxHr' | 'restHr' | 'thresholdSpeed'>;
}

export interface GeneratedActivity {
  id: number;
  athleteId: number;
  index: number;
  seed: number;
  name: string;
  type: string;
  sportType: string;
  workoutType: number | null;
  /** UTC start, ms epoch; `tz` is the IANA zone, `utcOffset` the offset at the start (s, DST included). */
  startMs: number;
  tz: string;
  utcOffset: number;
  distance: number;
  movingTime: number;
  elapsedTime: number;
  trainer: boolean;
  commute: boolean;
  private: boolean;
  visibility: 'everyone' | 'followers_only' | 'only_me';
  gearId: string | null;
  deviceName: string;
  externalId: string;
  description: string;
  kudosCount: number;
  plan: ActivityPlan;
  stats: ActivityStats;
}

export interface HistoryOptions {
  /** Activities to generate (default 120). */
  count?: number;
  /** The history ends the day before this instant (default 2026-11-01T00:00:00Z, fixed for stable data). */
  endDate?: Date;
}

export const DEFAULT_END_DATE = new Date('2026-11-01T00:00:00Z');
export const DEFAULT_COUNT = 120;

/** Oldest first; see the header comment for ids and determinism. */
export function generateHistory(athleteId: number, opts: HistoryOptions = {}): GeneratedActivity[] {
  const count = Math.max(0, Math.min(opts.count ?? DEFAULT_COUNT, 99_000));
  const profile = athleteProfile(athleteId);
  const tz = profile.place.tz;
  const end = opts.endDate ?? DEFAULT_END_DATE;
  // Local calendar day (as a UTC-midnight wall value) of the end instant.
  const endWall = end.getTime() + offsetSeconds(tz, end.getTime()) * 1000;
  const lastDay = Math.floor(endWall / 86_400_000) - 1;

  // Walk back day by day choosing which days have sessions; races are spaced ≥ 4 weeks apart.
  const r = prng(seedOf(athleteId, 0x5107));
  const slots: Slot[] = [];
  let lastRaceDay = Infinity;
  for (let day = lastDay; slots.length < count; day--) {
    const weekday = new Date(day * 86_400_000).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    if (weekend && lastRaceDay - day >= 28 && r() < 0.12) {
      slots.push({ day, kind: 'race', second: false });
      lastRaceDay = day;
      continue;
    }
    if (r() > Math.min(0.95, profile.perWeek / 7)) continue;
    slots.push({ day, kind: weekday === 0 ? 'long' : 'any', second: false });
    if (slots.length < count && r() < 0.08) slots.push({ day, kind: 'any', second: true });
  }
  slots.reverse();
  // A double day was pushed morning-then-evening; reversing flips them, so restore the order.
  for (let i = 1; i < slots.length; i++) {
    const a = slots[i - 1] as Slot;
    const b = slots[i] as Slot;
    if (a.day === b.day && a.second && !b.second) [slots[i - 1], slots[i]] = [b, a];
  }
  const planned = slots.map((slot, index) => planActivity(profile, index, slot));
  // A person does one session at a time: a double day's second session starts after the first ends.
  for (let i = 1; i < planned.length; i++) {
    const [prev, a] = [planned[i - 1]!, planned[i]!];
    if (!(slots[i] as Slot).second) continue;
    const earliest = prev.startMs + (prev.elapsedTime + 45 * 60) * 1000;
    if (a.startMs >= earliest) continue;
    const wasDefaultName = a.name === sessionName(localHourOf(a.startMs, a.utcOffset), a.type);
    a.startMs = Math.ceil(earliest / 60_000) * 60_000;
    a.utcOffset = offsetSeconds(tz, a.startMs);
    if (wasDefaultName) a.name = sessionName(localHourOf(a.startMs, a.utcOffset), a.type);
  }
  return planned.map(withLazyStats);
}

const localHourOf = (startMs: number, utcOffset: number) => ((((startMs / 1000 + utcOffset) % 86_400) + 86_400) % 86_400) / 3600;

/**
 * Summary figures need the full streams (~2 ms per activity), so they are computed on first read and
 * kept: a list page pays only for its own items. Spreading the object reads (and copies) them.
 */
export function withLazyStats(a: Omit<GeneratedActivity, 'stats'>): GeneratedActivity {
  let stats: ActivityStats | undefined;
  return Object.defineProperty(a, 'stats', {
    enumerable: true,
    get: () => (stats ??= summarize(a.plan, buildStreams(a.seed, a.plan, { latlng: false }))),
  }) as GeneratedActivity;
}

export interface NewActivityInput {
  name?: string;
  sport?: Sport;
  distance?: number;
  movingTime?: number;
  startMs: number;
  private?: boolean;
  workout?: Workout;
}

/** A one-off activity (control API "athlete uploads something now"), built like a history entry. */
export function makeActivity(athleteId: number, index: number, input: NewActivityInput): GeneratedActivity {
  const p = athleteProfile(athleteId);
  const base = planActivity(p, index, { day: 0, kind: input.workout === 'race' ? 'race' : 'any', second: false });
  const sport = input.sport ?? 'Run';
  const speed = sport === 'Run' ? p.thresholdSpeed * 0.78 : sport === 'Ride' ? 7.5 : p.swimSpeed;
  const distance = round(input.distance ?? (sport === 'Ride' ? 30_000 : sport === 'Swim' ? 2_000 : 10_000), 1);
  const movingTime = Math.max(60, Math.round(input.movingTime ?? distance / speed));
  const plan: ActivityPlan = {
    ...base.plan,
    sport,
    workout: input.workout ?? 'easy',
    distance,
    movingTime,
    pauses: [],
    trainer: false,
    hilliness: sport === 'Swim' ? 0 : 10,
    start: sport === 'Swim' ? null : [p.place.lat, p.place.lng],
    hasHeartrate: true,
    hasPowerMeter: sport === 'Ride',
    hrOffset: undefined, // "now" is no night of the sandbox's wellness
  };
  const utcOffset = offsetSeconds(p.place.tz, input.startMs);
  const localHour = ((((input.startMs / 1000 + utcOffset) % 86_400) + 86_400) % 86_400) / 3600;
  return withLazyStats({
    ...base,
    name: input.name ?? sessionName(localHour, sport),
    type: sport,
    sportType: sport,
    workoutType: sport === 'Run' ? (input.workout === 'race' ? 1 : 0) : sport === 'Ride' ? 10 : null,
    startMs: input.startMs,
    utcOffset,
    distance,
    movingTime,
    elapsedTime: movingTime,
    trainer: false,
    commute: false,
    private: input.private ?? false,
    visibility: input.private ? 'only_me' : 'everyone',
    gearId: sport === 'Swim' ? null : sport === 'Ride' ? `b${athleteId}01` : `g${athleteId}01`,
    deviceName: sport === 'Ride' ? 'Garmin Edge 840' : 'Garmin Forerunner 965',
    plan,
  });
}
