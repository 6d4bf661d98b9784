import { z } from 'zod';
import { deltaEncode } from '../../../lib/delta-code';
import { POSITION_SCALE, sportFromType, type ActivityInput, type ActivityStreams } from '../../activities';

const num = z.number().nullish();

const Summary = z.object({
  id: z.union([z.number(), z.string()]),
  name: z.string().default(''),
  sport_type: z.string().nullish(),
  type: z.string().nullish(),
  start_date: z.string(),
  start_date_local: z.string().nullish(),
  timezone: z.string().nullish(),
  moving_time: z.number().default(0),
  elapsed_time: z.number().default(0),
  distance: z.number().default(0),
  total_elevation_gain: num,
  average_heartrate: num,
  max_heartrate: num,
  average_watts: num,
  weighted_average_watts: num,
  average_cadence: num,
  calories: num,
  private: z.boolean().nullish(),
});

const Lap = z.object({
  lap_index: z.number().nullish(),
  start_date: z.string(),
  elapsed_time: z.number(),
  moving_time: num,
  distance: num,
  average_heartrate: num,
  max_heartrate: num,
  average_watts: num,
  average_speed: num,
  average_cadence: num,
});

const Effort = z.object({
  name: z.string(),
  distance: z.number(),
  elapsed_time: z.number(),
  moving_time: num,
  start_index: num,
  pr_rank: num,
});

const Detail = Summary.extend({ laps: z.array(Lap).nullish(), best_efforts: z.array(Effort).nullish() });

const Stream = z.object({ data: z.array(z.number().nullable()) });
// Strava's `latlng` stream: one [latitude, longitude] pair in degrees per sample.
const LatLngStream = z.object({ data: z.array(z.tuple([z.number(), z.number()]).nullable()) });
const Streams = z.object({
  time: Stream.optional(),
  distance: Stream.optional(),
  latlng: LatLngStream.optional(),
  heartrate: Stream.optional(),
  velocity_smooth: Stream.optional(),
  watts: Stream.optional(),
  altitude: Stream.optional(),
  cadence: Stream.optional(),
});

export const STREAM_KEYS = ['time', 'distance', 'latlng', 'heartrate', 'velocity_smooth', 'watts', 'altitude', 'cadence'];

/** "(GMT+00:00) Europe/London" → "Europe/London". */
const ianaOf = (tz: string | null | undefined) => (tz ? (tz.split(') ').pop() ?? null) : null);

function base(a: z.infer<typeof Summary>): ActivityInput {
  const typeName = a.sport_type ?? a.type ?? 'Workout';
  // start_date_local is local wall time written with a "Z": its date part is the athlete's day.
  const local = (a.start_date_local ?? a.start_date).slice(0, 10);
  return {
    source: 'strava',
    externalId: String(a.id),
    sport: sportFromType(typeName),
    sportOriginal: typeName,
    name: a.name,
    startTime: new Date(a.start_date),
    localStartDate: local,
    timezone: ianaOf(a.timezone),
    movingTimeS: a.moving_time,
    elapsedTimeS: a.elapsed_time,
    distanceM: a.distance,
    elevationGainM: a.total_elevation_gain ?? null,
    avgHr: a.average_heartrate ?? null,
    maxHr: a.max_heartrate ?? null,
    avgPower: a.average_watts ?? null,
    normalizedPower: a.weighted_average_watts ?? null,
    avgCadence: a.average_cadence ?? null,
    calories: a.calories ?? null,
    isPrivate: a.private ?? false,
    detailComplete: false,
  };
}

/** A list entry: enough to show and count the activity at once; details come later. */
export function fromStravaSummary(json: unknown): ActivityInput {
  return base(Summary.parse(json));
}

const ints = (xs: (number | null)[], f: (x: number) => number) => xs.map((x) => (x === null ? 0 : Math.round(f(x))));

export function streamsFromStrava(json: unknown): ActivityStreams | null {
  const s = Streams.safeParse(json);
  if (!s.success || !s.data.time) return null;
  const out: ActivityStreams = { t: ints(s.data.time.data, (x) => x) };
  if (s.data.heartrate) out.hr = ints(s.data.heartrate.data, (x) => x);
  if (s.data.velocity_smooth) out.speedCms = ints(s.data.velocity_smooth.data, (x) => x * 100);
  if (s.data.watts) out.power = ints(s.data.watts.data, (x) => x);
  if (s.data.altitude) out.altitudeDm = ints(s.data.altitude.data, (x) => x * 10);
  if (s.data.cadence) out.cadence = ints(s.data.cadence.data, (x) => x);
  if (s.data.distance) {
    // Cumulative: a missing sample keeps the distance reached so far.
    let reached = 0;
    out.distanceDmDelta = deltaEncode(
      s.data.distance.data.map((x) => {
        if (x !== null) reached = Math.round(x * 10);
        return reached;
      }),
    );
  }
  const fixes = s.data.latlng?.data;
  if (fixes?.some((p) => p !== null)) {
    // A sample without a fix keeps the last one (the first fix before any), like the files' tracks.
    let last = fixes.find((p) => p !== null)!;
    const held = fixes.map((p) => {
      if (p) last = p;
      return last;
    });
    out.latE6Delta = deltaEncode(held.map(([lat]) => Math.round(lat * POSITION_SCALE)));
    out.lngE6Delta = deltaEncode(held.map(([, lng]) => Math.round(lng * POSITION_SCALE)));
  }
  return out;
}

/** The full activity: laps, best efforts and per-second streams. */
export function fromStravaDetail(json: unknown, streams: unknown): ActivityInput {
  const a = Detail.parse(json);
  return {
    ...base(a),
    detailComplete: true,
    laps: (a.laps ?? []).map((l, i) => ({
      index: l.lap_index ?? i + 1,
      startTime: new Date(l.start_date).toISOString(),
      elapsedS: l.elapsed_time,
      movingS: l.moving_time ?? null,
      distanceM: l.distance ?? null,
      avgHr: l.average_heartrate ?? null,
      maxHr: l.max_heartrate ?? null,
      avgPower: l.average_watts ?? null,
      avgSpeedMps: l.average_speed ?? null,
      avgCadence: l.average_cadence ?? null,
    })),
    bestEfforts: (a.best_efforts ?? []).map((e) => ({
      name: e.name,
      distanceM: e.distance,
      elapsedS: e.elapsed_time,
      movingS: e.moving_time ?? null,
      startOffsetS: e.start_index ?? null,
      prRank: e.pr_rank ?? null,
    })),
    streams: streams ? streamsFromStrava(streams) : null,
  };
}
