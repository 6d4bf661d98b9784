// The sandbox's generated activities as a Garmin "export all data" document (DI_CONNECT
// `*_summarizedActivities.json`), so file-import code and Strava sync see the same sessions.
// JSON only: zipping and FIT encoding happen elsewhere.
//
// Units as Garmin writes them (see docs: domain-reference "Garmin export"): startTimeGmt /
// beginTimestamp ms epoch, startTimeLocal ms epoch shifted to local wall time, durations ms,
// distance and elevations cm, avgSpeed/maxSpeed (m/s)/10, avgRunCadence per leg (avgDoubleCadence
// both feet), calories kcal. Garmin ids differ from Strava's: activityId = 10^10 + Strava id, so
// duplicate detection must match on start time and distance, as with real data.
import { athleteProfile } from './strava/athlete.ts';
import type { GeneratedActivity } from './strava/generator.ts';

export { generateHistory } from './strava/generator.ts';

const GARMIN_ID_OFFSET = 10_000_000_000;
const r2 = (x: number) => Math.round(x * 100) / 100;
const r5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** Garmin's typeKey, sportType and the autolap distance (for lapCount) of an activity. */
function garminType(a: GeneratedActivity): { activityType: string; sportType: string; lap: number } {
  if (a.plan.sport === 'Swim') return { activityType: 'lap_swimming', sportType: 'SWIMMING', lap: 100 };
  if (a.plan.sport === 'Ride') return { activityType: a.trainer ? 'virtual_ride' : 'cycling', sportType: 'CYCLING', lap: 5000 };
  return { activityType: a.sportType === 'TrailRun' ? 'trail_running' : 'running', sportType: 'RUNNING', lap: 1000 };
}

/** One entry of `summarizedActivitiesExport`. Absent sensors leave their fields out, as Garmin does. */
export function garminActivity(a: GeneratedActivity): Record<string, unknown> {
  const st = a.stats;
  const t = garminType(a);
  const place = athleteProfile(a.athleteId).place;
  const run = a.plan.sport === 'Run';
  const ride = a.plan.sport === 'Ride';
  const laps = Math.max(1, Math.floor(a.distance / t.lap) + (a.distance % t.lap > 1 ? 1 : 0));
  const cm = (m: number) => Math.round(m * 100);
  return {
    activityId: GARMIN_ID_OFFSET + a.id,
    name: a.name,
    activityType: t.activityType,
    userProfileId: 80_000_000 + a.athleteId,
    beginTimestamp: a.startMs,
    // 1 = race, 9 = uncategorized (Garmin's event types).
    eventTypeId: a.workoutType === 1 || a.workoutType === 11 ? 1 : 9,
    rule: a.private ? 'private' : 'public',
    sportType: t.sportType,
    startTimeGmt: a.startMs,
    startTimeLocal: a.startMs + a.utcOffset * 1000,
    duration: a.elapsedTime * 1000,
    elapsedDuration: a.elapsedTime * 1000,
    movingDuration: a.movingTime * 1000,
    distance: cm(a.distance),
    elevationGain: cm(st.totalElevationGain),
    elevationLoss: cm(st.totalElevationLoss),
    ...(st.elevLow !== null ? { minElevation: cm(st.elevLow), maxElevation: cm(st.elevHigh ?? st.elevLow) } : {}),
    avgSpeed: r5(st.averageSpeed / 10),
    maxSpeed: r5(st.maxSpeed / 10),
    ...(st.averageHeartrate !== null ? { avgHr: Math.round(st.averageHeartrate), maxHr: st.maxHeartrate } : {}),
    calories: r2(st.calories),
    ...(st.startLatlng ? { startLatitude: st.startLatlng[0], startLongitude: st.startLatlng[1] } : {}),
    ...(st.endLatlng ? { endLatitude: st.endLatlng[0], endLongitude: st.endLatlng[1] } : {}),
    ...(run
      ? {
          avgRunCadence: st.averageCadence,
          avgDoubleCadence: r2(st.averageCadence * 2),
          steps: Math.round((st.averageCadence * 2 * a.movingTime) / 60),
          // Stride length, cm: metres per step.
          avgStrideLength: r2((st.averageSpeed / ((st.averageCadence * 2) / 60)) * 100),
        }
      : {}),
    ...(ride ? { avgBikeCadence: st.averageCadence } : {}),
    ...(ride && a.plan.hasPowerMeter ? { avgPower: st.averageWatts, maxPower: st.maxWatts, normPower: st.weightedAverageWatts } : {}),
    lapCount: laps,
    locationName: a.plan.start ? place.city : null,
    manufacturer: a.trainer ? 'ZWIFT' : 'GARMIN',
    deviceId: a.trainer ? 0 : 3_400_000_000 + (a.athleteId % 1000),
    parent: false,
    favorite: false,
    pr: false,
    purposeful: false,
    autoCalcCalories: false,
    elevationCorrected: false,
    atpActivity: false,
    decoDive: false,
    summarizedExerciseSets: [],
  };
}

/** The whole `*_summarizedActivities.json` document: `[{ "summarizedActivitiesExport": [ … ] }]`, newest first. */
export function garminSummarizedActivities(activities: GeneratedActivity[]): [{ summarizedActivitiesExport: Record<string, unknown>[] }] {
  const sorted = [...activities].sort((x, y) => y.startMs - x.startMs);
  return [{ summarizedActivitiesExport: sorted.map(garminActivity) }];
}
