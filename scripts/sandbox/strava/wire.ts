// JSON exactly as Strava sends it (field names, types, nesting of the swagger examples), built
// from generated activities. Where the examples and today's API differ, today's API wins (README).
import { athleteProfile, bikeId } from './athlete.ts';
import { bestEfforts, cutByDistance, lapLength } from './efforts.ts';
import type { Range } from './efforts.ts';
import type { GeneratedActivity } from './generator.ts';
import { buildStreams } from './streams.ts';
import { encodePolyline } from './summary.ts';
import type { Streams } from './streams.ts';
import { isoSeconds, localIso, stravaTimezoneLabel } from './tz.ts';

type Json = Record<string, unknown>;
const meta = (id: number) => ({ id, resource_state: 1 });
const startAt = (a: GeneratedActivity, offsetSec: number) => ({
  start_date: isoSeconds(a.startMs + offsetSec * 1000),
  start_date_local: localIso(a.startMs + offsetSec * 1000, a.utcOffset),
});

/** SummaryActivity (list items, resource_state 2). */
export function activitySummary(a: GeneratedActivity): Json {
  const st = a.stats;
  const ride = a.plan.sport === 'Ride';
  const hr = st.averageHeartrate !== null;
  return {
    resource_state: 2,
    athlete: meta(a.athleteId),
    name: a.name,
    distance: a.distance,
    moving_time: a.movingTime,
    elapsed_time: a.elapsedTime,
    total_elevation_gain: st.totalElevationGain,
    type: a.type,
    sport_type: a.sportType,
    workout_type: a.workoutType,
    id: a.id,
    external_id: a.externalId,
    upload_id: a.id * 10 + 1,
    upload_id_str: String(a.id * 10 + 1),
    ...startAt(a, 0),
    timezone: stravaTimezoneLabel(a.tz, a.startMs),
    utc_offset: a.utcOffset,
    // Since 2021 Strava sends [] (not null, as in the old examples) when there is no GPS.
    start_latlng: st.startLatlng ?? [],
    end_latlng: st.endLatlng ?? [],
    location_city: null,
    location_state: null,
    location_country: athleteProfile(a.athleteId).place.country,
    achievement_count: 0,
    kudos_count: a.kudosCount,
    comment_count: a.kudosCount % 3,
    athlete_count: 1,
    photo_count: 0,
    map: { id: `a${a.id}`, summary_polyline: st.summaryPolyline, resource_state: 2 },
    device_name: a.deviceName,
    trainer: a.trainer,
    commute: a.commute,
    manual: false,
    private: a.private,
    visibility: a.visibility,
    flagged: false,
    gear_id: a.gearId,
    from_accepted_tag: false,
    average_speed: st.averageSpeed,
    max_speed: st.maxSpeed,
    average_cadence: st.averageCadence,
    ...(ride
      ? {
          average_watts: st.averageWatts,
          ...(a.plan.hasPowerMeter ? { weighted_average_watts: st.weightedAverageWatts } : {}),
          kilojoules: st.kilojoules,
          device_watts: a.plan.hasPowerMeter,
        }
      : {}),
    has_heartrate: hr,
    ...(hr ? { average_heartrate: st.averageHeartrate, max_heartrate: st.maxHeartrate } : {}),
    heartrate_opt_out: false,
    display_hide_heartrate_option: hr,
    ...(st.elevHigh !== null ? { elev_high: st.elevHigh, elev_low: st.elevLow } : {}),
    ...(ride && a.plan.hasPowerMeter ? { max_watts: st.maxWatts } : {}),
    pr_count: 0,
    total_photo_count: 0,
    has_kudoed: false,
    suffer_score: st.sufferScore,
  };
}

function paceZone(a: GeneratedActivity, speed: number): number {
  if (a.plan.sport !== 'Run') return 0;
  const rel = speed / a.plan.athlete.thresholdSpeed;
  return rel < 0.78 ? 1 : rel < 0.88 ? 2 : rel < 0.95 ? 3 : rel < 1.02 ? 4 : rel < 1.1 ? 5 : 6;
}

function split(a: GeneratedActivity, r: Range, n: number): Json {
  const grade = r.distance > 0 ? r.elevationDifference / r.distance : 0;
  return {
    distance: r.distance,
    elapsed_time: r.elapsedTime,
    elevation_difference: r.elevationDifference,
    moving_time: r.movingTime,
    split: n,
    average_speed: r.averageSpeed,
    // Strava's grade-adjusted speed: runs only; a rough 3.5 %/% cost of climbing here.
    average_grade_adjusted_speed: a.plan.sport === 'Run' ? Math.round(r.averageSpeed * (1 + 3.5 * grade) * 100) / 100 : null,
    ...(r.averageHeartrate !== null ? { average_heartrate: r.averageHeartrate } : {}),
    pace_zone: paceZone(a, r.averageSpeed),
  };
}

function lap(a: GeneratedActivity, s: Streams, r: Range, n: number): Json {
  const ride = a.plan.sport === 'Ride';
  return {
    id: a.id * 1000 + n,
    resource_state: 2,
    name: `Lap ${n}`,
    activity: meta(a.id),
    athlete: meta(a.athleteId),
    elapsed_time: r.elapsedTime,
    moving_time: r.movingTime,
    ...startAt(a, s.time[r.startIndex] ?? 0),
    distance: r.distance,
    start_index: r.startIndex,
    end_index: r.endIndex,
    total_elevation_gain: r.elevationGain,
    average_speed: r.averageSpeed,
    max_speed: r.maxSpeed,
    average_cadence: r.averageCadence,
    ...(ride ? { device_watts: a.plan.hasPowerMeter, average_watts: r.averageWatts } : {}),
    ...(r.averageHeartrate !== null ? { average_heartrate: r.averageHeartrate, max_heartrate: r.maxHeartrate } : {}),
    lap_index: n,
    split: n,
    ...(a.plan.sport === 'Run' ? { pace_zone: paceZone(a, r.averageSpeed) } : {}),
  };
}

/** Lap list (GET /activities/{id}/laps): 1 per km running, 5 km riding, 100 m swimming. */
export function activityLaps(a: GeneratedActivity, s: Streams = buildStreams(a.seed, a.plan)): Json[] {
  return cutByDistance(s, lapLength(a.plan)).map((r, i) => lap(a, s, r, i + 1));
}

/** DetailedActivity (GET /activities/{id}, resource_state 3) with laps, splits and best efforts. */
export function activityDetail(a: GeneratedActivity): Json {
  const s = buildStreams(a.seed, a.plan);
  const summary = activitySummary(a);
  const withSplits = a.plan.sport !== 'Swim';
  const efforts = a.plan.sport === 'Run' ? bestEfforts(s) : [];
  const gear = a.gearId
    ? {
        id: a.gearId,
        primary: true,
        name: a.gearId === bikeId(a.athleteId) ? 'Road bike' : 'Daily trainers',
        resource_state: 2,
        distance: 612_400,
      }
    : null;
  return {
    ...summary,
    resource_state: 3,
    description: a.description,
    calories: a.stats.calories,
    map: { id: `a${a.id}`, polyline: encodePolyline(a.plan, s, 1500), resource_state: 3, summary_polyline: a.stats.summaryPolyline },
    segment_efforts: [],
    ...(withSplits
      ? {
          splits_metric: cutByDistance(s, 1000).map((r, i) => split(a, r, i + 1)),
          splits_standard: cutByDistance(s, 1609.34).map((r, i) => split(a, r, i + 1)),
        }
      : {}),
    laps: activityLaps(a, s),
    ...(a.plan.sport === 'Run'
      ? {
          best_efforts: efforts.map((e, k) => ({
            id: a.id * 1000 + 900 + k,
            resource_state: 2,
            name: e.name,
            activity: meta(a.id),
            athlete: meta(a.athleteId),
            elapsed_time: e.elapsedTime,
            moving_time: e.movingTime,
            ...startAt(a, s.time[e.startIndex] ?? 0),
            distance: e.distance,
            start_index: e.startIndex,
            end_index: e.endIndex,
            pr_rank: null,
            achievements: [],
          })),
        }
      : {}),
    gear,
    partner_brand_tag: null,
    photos: { primary: null, count: 0 },
    highlighted_kudosers: [],
    hide_from_home: false,
    embed_token: (a.seed.toString(16) + a.id.toString(16)).padEnd(40, '0').slice(0, 40),
    segment_leaderboard_opt_out: false,
    leaderboard_opt_out: false,
    available_zones: [],
  };
}

export const STREAM_KEYS = [
  'time',
  'distance',
  'latlng',
  'altitude',
  'velocity_smooth',
  'heartrate',
  'cadence',
  'watts',
  'temp',
  'moving',
  'grade_smooth',
] as const;

function streamData(s: Streams, a: GeneratedActivity, key: string): unknown[] | null {
  switch (key) {
    case 'time':
      return Array.from(s.time);
    case 'distance':
      return Array.from(s.distance);
    case 'velocity_smooth':
      return Array.from(s.velocity);
    case 'moving':
      return Array.from(s.moving, (m) => m === 1);
    case 'cadence':
      return Array.from(s.cadence);
    case 'altitude':
      return s.altitude ? Array.from(s.altitude) : null;
    case 'grade_smooth':
      return s.grade ? Array.from(s.grade) : null;
    case 'heartrate':
      return s.heartrate ? Array.from(s.heartrate) : null;
    case 'watts':
      return s.watts && a.plan.hasPowerMeter ? Array.from(s.watts) : null;
    case 'latlng': {
      const ll = s.latlng;
      return ll ? Array.from({ length: s.n }, (_, i) => [ll[2 * i], ll[2 * i + 1]]) : null;
    }
    default:
      return null; // temp and unknown keys: not recorded, so left out like Strava does
  }
}

/**
 * StreamSet. key_by_type=true → `{ time: { data, series_type, original_size, resolution }, … }`;
 * otherwise the array form of the swagger example, each item with its `type`. Strava always adds the
 * distance stream and silently drops streams the activity does not have (e.g. watts on a run).
 */
export function activityStreams(a: GeneratedActivity, keys: string[], keyByType = true): Json | Json[] {
  const wanted = new Set([...keys, 'distance']);
  // Positions are a third of the work of a stream set: build them only when asked for.
  const s = buildStreams(a.seed, a.plan, { latlng: wanted.has('latlng') });
  const items: [string, Json][] = [];
  for (const key of STREAM_KEYS) {
    if (!wanted.has(key)) continue;
    const data = streamData(s, a, key);
    if (data) items.push([key, { data, series_type: 'distance', original_size: s.n, resolution: 'high' }]);
  }
  return keyByType ? Object.fromEntries(items) : items.map(([type, v]) => ({ type, ...v }));
}
