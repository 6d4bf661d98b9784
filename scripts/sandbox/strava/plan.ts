// One generated session: sport, workout, distance, start time in the athlete's zone, stops,
// terrain and sensors. Stats are not computed here (see withLazyStats in generator.ts).
import type { AthleteProfile } from './athlete.ts';
import type { ActivityPlan, GeneratedActivity, Sport, Workout } from './generator.ts';
import { runHrOffset } from '../wellness.ts';
import { between, intBetween, localToUtcMs, offsetSeconds, pick, prng, round, seedOf } from './tz.ts';

/** Stable ids: athleteId * 100000 + index (index 0 = oldest), growing with time like Strava's. */
export const activityId = (athleteId: number, index: number): number => athleteId * 100_000 + index;

export type Slot = { day: number; kind: 'race' | 'long' | 'any'; second: boolean };

export function sessionName(localHour: number, type: string): string {
  const part =
    localHour < 5
      ? 'Night'
      : localHour < 11
        ? 'Morning'
        : localHour < 14
          ? 'Lunch'
          : localHour < 17
            ? 'Afternoon'
            : localHour < 21
              ? 'Evening'
              : 'Night';
  return `${part} ${type === 'VirtualRide' ? 'Ride' : type}`;
}

/** The favourite loops' lengths and headings (a run of about 8 km, a ride of about 30 km from home). */
const FAVOURITE_LOOP_M = { Run: 8_000, Ride: 30_000 } as const;
const FAVOURITE_HEADING = { Run: 0.7, Ride: 2.1 } as const;

const RACES = [
  { distance: 5000, name: 'Parkrun 5K', speed: 1.05 },
  { distance: 10000, name: 'City 10K', speed: 1.0 },
  { distance: 21097.5, name: 'Half Marathon', speed: 0.95 },
  { distance: 42195, name: 'Marathon 🏅', speed: 0.88 },
] as const;

export function planActivity(p: AthleteProfile, index: number, slot: Slot): Omit<GeneratedActivity, 'stats'> {
  const id = activityId(p.id, index);
  const seed = seedOf(id, 0xac7);
  const r = prng(seed);
  const roll = r();
  let sport: Sport = slot.kind === 'any' ? (roll < p.swimShare ? 'Swim' : roll < p.swimShare + p.rideShare ? 'Ride' : 'Run') : 'Run';
  if (slot.second && sport === 'Run' && r() < 0.5) sport = 'Ride';
  const flavour = r();
  let workout: Workout = 'easy';
  let distance: number;
  let speed: number;
  let name = '';
  let sportType: string = sport;
  let trainer = false;
  let hilliness = between(r, 3, 15);
  if (sport === 'Run') {
    const thr = p.thresholdSpeed;
    if (slot.kind === 'race') {
      const race = RACES[Math.min(3, Math.floor(r() * (index % 7 === 0 ? 4 : 3)))] ?? RACES[0];
      workout = 'race';
      distance = race.distance * between(r, 1.003, 1.015);
      speed = thr * race.speed * between(r, 0.97, 1.02) * (race.distance > 30000 ? 0.96 : 1);
      name = race.name;
    } else if (slot.kind === 'long') {
      workout = 'long';
      distance = between(r, 16_000, 24_000) * (thr / 4);
      // Long runs are easy running for longer: ~0.75 of threshold pace (IF ≈ 0.75–0.8).
      speed = thr * 0.75;
      name = r() < 0.5 ? 'Long Run' : 'Sunday long run 🏃';
    } else if (flavour < 0.12) {
      sportType = 'TrailRun';
      distance = between(r, 8_000, 18_000);
      // Actual pace on the trails; with the climbs the flat-equivalent effort is an easy ~0.72.
      speed = thr * 0.66;
      hilliness = between(r, 40, 120);
      name = 'Trails & hills';
    } else if (flavour < 0.27) {
      workout = 'intervals';
      distance = between(r, 8_000, 12_000);
      speed = thr * 0.88;
      name = 'Track session – 6 × 800 m';
    } else if (flavour < 0.4) {
      workout = 'tempo';
      distance = between(r, 9_000, 14_000);
      speed = thr * 0.9;
      name = 'Tempo 3 × 2 km';
    } else {
      workout = flavour < 0.5 ? 'recovery' : 'easy';
      distance = workout === 'recovery' ? between(r, 4_000, 7_000) : between(r, 6_000, 12_000);
      // Easy 0.69–0.75 of threshold pace, recovery 0.65–0.71 (IF 0.65–0.80 with the terrain).
      speed = thr * (workout === 'recovery' ? 0.68 : 0.72) * between(r, 0.96, 1.04);
    }
  } else if (sport === 'Ride') {
    if (flavour < 0.2) {
      trainer = true;
      sportType = 'VirtualRide';
      hilliness = between(r, 5, 40);
      speed = between(r, 8, 10);
      distance = speed * between(r, 2_700, 5_400);
      name = 'Zwift - Watopia';
    } else if (flavour < 0.35) {
      workout = 'commute';
      distance = between(r, 6_000, 14_000);
      speed = between(r, 5.5, 7);
      name = 'Commute';
    } else {
      distance = between(r, 25_000, 90_000);
      speed = between(r, 7, 8.8);
      hilliness = between(r, 10, 60);
      if (flavour > 0.85) name = 'Café ride ☕';
    }
  } else {
    distance = Math.round(between(r, 15, 35)) * 100;
    speed = p.swimSpeed;
    hilliness = 0;
  }
  // Ride sessions beyond easy endurance; drawn from their own generator so that every earlier draw
  // (and so the history's dates, sports and distances) is unchanged.
  const r2 = prng(seedOf(seed, 0x91a));
  // Not every long run or session is run at the same share of threshold.
  if (workout === 'long' || workout === 'tempo' || workout === 'intervals') speed *= between(r2, 0.96, 1.04);
  if (sport === 'Ride' && trainer && r2() < 0.35) {
    workout = 'intervals';
    name = 'Zwift - Workout: 6 × 4 min VO2';
  } else if (sport === 'Ride' && workout === 'easy' && !name && r2() < 0.2) {
    workout = 'tempo';
    name = 'Hilly group ride';
    hilliness *= 1.5;
  }
  distance = sport === 'Swim' ? distance : round(distance, 1);
  const movingTime = Math.max(60, Math.round(distance / speed));

  // Local start time: mornings mostly, some lunch and evening sessions; races at 8–9.
  const startHour =
    slot.kind === 'race'
      ? between(r, 8, 9.5)
      : slot.second
        ? between(r, 17.5, 19.5)
        : pick(r, [6, 6.5, 7, 7.25, 12.1, 18, 18.5]) + between(r, 0, 0.9);
  const wallMs = slot.day * 86_400_000 + Math.round(startHour * 3600) * 1000;
  const startMs = localToUtcMs(p.place.tz, wallMs);
  const utcOffset = offsetSeconds(p.place.tz, startMs);

  const pauses: { at: number; seconds: number }[] = [];
  if (sport === 'Swim') {
    for (let m = 400; m < distance; m += 400) pauses.push({ at: Math.round(m / speed), seconds: intBetween(r, 15, 45) });
  } else if (workout !== 'race' && !trainer) {
    const n = sport === 'Ride' ? intBetween(r, 0, 3) : intBetween(r, 0, 2);
    for (let k = 0; k < n; k++)
      pauses.push({
        at: intBetween(r, 60, movingTime - 60),
        seconds: sport === 'Ride' && k === 0 && distance > 50_000 ? intBetween(r, 600, 1500) : intBetween(r, 8, 75),
      });
    pauses.sort((a, b) => a.at - b.at);
  }
  const elapsedTime = movingTime + pauses.reduce((s, x) => s + x.seconds, 0);

  const home = p.place;
  // Drawn in the order they always were: the altitude, the start, the heading.
  const baseAltitude = home.alt + between(r, -10, 30);
  const start: [number, number] | null =
    sport === 'Swim' || trainer ? null : [round(home.lat + between(r, -0.02, 0.02), 6), round(home.lng + between(r, -0.02, 0.02), 6)];
  const heading = between(r, 0, 2 * Math.PI);
  // The favourite loop is picked from the heading already drawn, so every other draw (and figure) stays as it was.
  const loopM =
    start && (sport === 'Run' || sport === 'Ride') && Math.floor(heading * 1000) % 3 === 0 ? FAVOURITE_LOOP_M[sport] : undefined;
  const plan: ActivityPlan = {
    sport,
    workout,
    distance,
    movingTime,
    pauses,
    hilliness,
    baseAltitude,
    start: loopM ? [home.lat, home.lng] : start,
    heading: loopM ? FAVOURITE_HEADING[sport as 'Run' | 'Ride'] : heading,
    ...(loopM ? { loopM } : {}),
    hasHeartrate: sport !== 'Swim' || r() < 0.5,
    hasPowerMeter: sport === 'Ride' && (trainer || r() < 0.75),
    trainer,
    // Auto-pause is a device setting: the same athlete has it on (or off) for every run, or every ride.
    autoPause: !trainer && sport !== 'Swim' && (sport === 'Run' ? p.id % 2 === 0 : p.id % 3 !== 0),
    athlete: { weight: p.weight, ftp: p.ftp, maxHr: p.maxHr, restHr: p.restHr, thresholdSpeed: p.thresholdSpeed },
  };
  // After a short night an easy run's heart beats a little faster at the same pace (the demo's planted pattern).
  const hrOffset = runHrOffset(p.id, slot.day, sport, workout);
  if (hrOffset) plan.hrOffset = hrOffset;
  const type = sportType === 'VirtualRide' ? 'VirtualRide' : sport;
  const priv = r() < 0.05;
  const runWorkoutType =
    workout === 'race' ? 1 : workout === 'long' ? 2 : workout === 'intervals' || workout === 'tempo' ? 3 : r() < 0.2 ? null : 0;
  const localHour = ((((startMs / 1000 + utcOffset) % 86_400) + 86_400) % 86_400) / 3600;
  return {
    id,
    athleteId: p.id,
    index,
    seed,
    name: name || sessionName(localHour, type),
    type,
    sportType,
    workoutType: sport === 'Run' ? runWorkoutType : sport === 'Ride' ? (workout === 'race' ? 11 : 10) : null,
    startMs,
    tz: p.place.tz,
    utcOffset,
    distance,
    movingTime,
    elapsedTime,
    trainer,
    commute: workout === 'commute',
    private: priv,
    visibility: priv ? 'only_me' : r() < 0.1 ? 'followers_only' : 'everyone',
    gearId: sport === 'Swim' ? null : sport === 'Ride' ? `b${p.id}01` : `g${p.id}0${sportType === 'TrailRun' ? 2 : 1}`,
    deviceName: trainer ? 'Zwift' : sport === 'Ride' ? 'Garmin Edge 840' : 'Garmin Forerunner 965',
    externalId: trainer ? `zwift-activity-${id}.fit` : `garmin_ping_${id * 3 + 7}`,
    description: workout === 'race' ? 'Race day. Negative split, happy with that!' : '',
    kudosCount: intBetween(r, 0, 25),
    plan,
  };
}
