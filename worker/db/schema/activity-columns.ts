// The shapes of the activity tables' JSON and text columns. They live with the schema so the database
// layer imports nothing from the features; activities and analytics re-export them as their own.

/** Where an activity came from: the one list, the `activity_source` enum and the feature's type both built from it. */
export const ACTIVITY_SOURCES = [
  'strava',
  'garmin_export',
  'fit_upload',
  'gpx_upload',
  'tcx_upload',
  'manual',
  'strava_archive',
  'garmin_api',
  'polar_api',
] as const;

/** The sports: the one list, the `sport` enum and the feature's type both built from it. */
export const SPORTS = ['run', 'ride', 'swim', 'walk', 'hike', 'strength', 'other'] as const;

export interface ActivityLap {
  index: number;
  /** ISO-8601 UTC. */
  startTime: string;
  elapsedS: number;
  movingS?: number | null;
  distanceM?: number | null;
  avgHr?: number | null;
  maxHr?: number | null;
  avgPower?: number | null;
  avgSpeedMps?: number | null;
  avgCadence?: number | null;
}

export interface BestEffort {
  /** e.g. "5k", "1 mile", "Half-Marathon" as the source names it. */
  name: string;
  distanceM: number;
  elapsedS: number;
  movingS?: number | null;
  startOffsetS?: number | null;
  prRank?: number | null;
}

/**
 * Compact per-second series, one array per channel, all the same length as `t`.
 * Integers keep the JSON small: speed in cm/s, altitude in decimetres. Channels a source lacks are absent.
 * Cumulative channels (distance, position) are delta-coded — the first value as is, then each sample's
 * change from the one before — so 1-Hz positions cost two or three digits a sample instead of nine
 * (`worker/lib/delta-code.ts`; decoded sums are exact, being whole numbers).
 */
export interface ActivityStreams {
  /** Seconds since the activity start. */
  t: number[];
  hr?: number[];
  speedCms?: number[];
  power?: number[];
  altitudeDm?: number[];
  cadence?: number[];
  /** Cumulative distance in decimetres as the device or provider measured it, delta-coded. */
  distanceDmDelta?: number[];
  /** Latitude and longitude in millionths of a degree (≈ 0.1 m), delta-coded; absent indoors. */
  latE6Delta?: number[];
  lngE6Delta?: number[];
  /**
   * Where a sensor sent nothing while the recording went on (a heart-rate strap or power meter lost for longer than
   * a pause would be): half-open spans [from, to) of seconds since the start. The channel's array holds its last
   * reading there so a chart draws a line, but no figure counts those seconds (ADR 063, "A lost sensor").
   * Absent: none found, or stored before issue 55.
   */
  missing?: { hr?: [from: number, to: number][]; power?: [from: number, to: number][] };
}

/**
 * What the athlete said about an activity beyond its numbers, where the source carries it (a Strava
 * archive's activities.csv), and where the row came from when it replaced a Strava API copy.
 */
export interface ActivityExtras {
  /** The athlete's own description of it (Strava's "Activity Description"). */
  description?: string;
  /** The gear's name as the athlete called it (shoes, bike). */
  gear?: string;
  commute?: boolean;
  /**
   * The device that recorded it as its provider names it (Garmin's notification: "Forerunner 965"): Garmin's
   * brand guidelines attribute its data as "Garmin [device model]" wherever it is shown (ADR 038).
   */
  device?: string;
  /**
   * The Strava API copy this row replaced in place (ADR 037): the athlete's own file took its place,
   * keeping its id, links and notes. The API never adds that activity again.
   */
  upgradedFrom?: { source: 'strava'; externalId: string };
}

/** Stored positions are degrees times this. */
export const POSITION_SCALE = 1_000_000;

/**
 * What the plausibility layer (or a parser) cleaned, left out or doubted about one activity. Stored
 * on the row and shown on the activity page, so no correction is silent.
 */
export const DATA_QUALITY_CODES = [
  'speed_glitch', // position/speed samples faster than the sport allows, ignored
  'hr_out_of_range', // heart-rate samples outside 25–230 bpm, ignored
  'power_out_of_range', // power samples outside the plausible range, ignored
  'altitude_spikes', // altitude jumps removed before smoothing
  'altitude_smoothed', // altitude smoothed before climbing and grade
  'points_without_time', // points the file gives no time for
  'out_of_order', // samples whose time runs backwards within a segment
  'truncated', // the file ends early; imported as far as it is valid
  'totals_disagree', // the file's own totals and the samples differ a lot
  'sport_inferred', // no sport in the file: inferred from speed
  'max_hr_implausible', // a stated max HR above 230 bpm, dropped
  'no_power', // a stated 0 W average without samples: no power
  'multisport_leg', // a leg of a multisport file; transitions not counted
  'implausible_effort', // a best effort beyond what is humanly possible: not a PB
  'no_original', // a Strava archive row whose original file was missing or unreadable: its summary only
] as const;
export type DataQualityCode = (typeof DATA_QUALITY_CODES)[number];

export interface DataQualityNote {
  code: DataQualityCode;
  /** Shown to the athlete as is, e.g. "14 GPS points ignored: implausible speed". */
  message: string;
  /** How many samples/points the note is about, where it counts something. */
  count?: number;
}

/** Facts derived once from an activity's streams (and provider best efforts), kept for rebuilds. */
export interface DerivedFacts {
  /** Normalized power from the power stream (W). */
  normalizedPower: number | null;
  /** Normalized graded speed (m/s): grade-adjusted, 30-s rolling, 4th-power mean. */
  ngpMps: number | null;
  /** Pa:HR decoupling in percent (second half vs first half efficiency), steady sessions only. */
  decouplingPct: number | null;
  /** Average speed (m/s) over samples within ±3 bpm of the fixed heart rate, when ≥ 5 min of them. */
  speedAtFixedHrMps: number | null;
  /** Best mean power for each duration in seconds (5, 60, 300, 1200, 3600). */
  powerBests: Record<number, number>;
  /** Fastest time in seconds for each run distance in metres (400, 1000, 1609, 5000, 10000, 21098, 42195). */
  runBests: Record<number, { timeS: number; startOffsetS: number | null; from: 'provider' | 'stream' | 'whole' }>;
  /** Best average speed (m/s) over a continuous 30-min window (runs): the threshold-pace estimate's input. */
  best30MinSpeedMps: number | null;
  /** Highest heart rate that was held for at least 5 s (bpm): the max HR estimate's input. */
  peakHr: number | null;
  /**
   * Set when a run's speed stream adds up to more than 10 % off the activity's own distance: the stream
   * was not searched for bests (absent on facts derived before this check).
   */
  streamDistanceMismatch?: { streamM: number; activityM: number } | null;
  /**
   * Seconds per value bin of the 1-Hz heart-rate, power and (runs, swims: moving) speed grids, kept so time
   * in zones can be counted for any threshold without re-reading streams (ADR 067; absent before it).
   */
  zoneHist?: ZoneHistograms;
}

/** Bin `k0 + i` holds the seconds with a value in [(k0 + i)·w, (k0 + i + 1)·w); the last bin also holds any above. */
export interface ValueHistogram {
  w: number;
  k0: number;
  s: number[];
  /** The highest value counted (heart rate: below the glitch ceiling), for the max-HR zones' floor. */
  max: number;
}

export interface ZoneHistograms {
  hr?: ValueHistogram;
  power?: ValueHistogram;
  speed?: ValueHistogram;
}

/** Why a stored best effort does not count as a best (ADR 007, "Implausible bests"). */
export const EFFORT_EXCLUSIONS = ['world_record', 'power_ceiling', 'beyond_history', 'sport_inferred', 'implausible_effort'] as const;
export type EffortExclusion = (typeof EFFORT_EXCLUSIONS)[number];
