// The canonical activity every source is turned into. Parsers and provider clients produce
// `ActivityInput`; the activities repo stores it idempotently under (user, source, externalId).

export const ACTIVITY_SOURCES = ['strava', 'garmin_export', 'fit_upload', 'gpx_upload', 'tcx_upload', 'manual'] as const;
export type ActivitySource = (typeof ACTIVITY_SOURCES)[number];

export const SPORTS = ['run', 'ride', 'swim', 'walk', 'hike', 'strength', 'other'] as const;
export type Sport = (typeof SPORTS)[number];

/** What each sport is called wherever a person reads it (pages, charts, receipts). */
export const SPORT_LABELS: Readonly<Record<Sport, string>> = {
  run: 'Run',
  ride: 'Ride',
  swim: 'Swim',
  walk: 'Walk',
  hike: 'Hike',
  strength: 'Strength',
  other: 'Other',
};
/** A sport's label; anything unknown reads as "Other". */
export const sportLabel = (sport: string): string =>
  Object.hasOwn(SPORT_LABELS, sport) ? SPORT_LABELS[sport as Sport] : SPORT_LABELS.other;

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
 */
export interface ActivityStreams {
  /** Seconds since the activity start. */
  t: number[];
  hr?: number[];
  speedCms?: number[];
  power?: number[];
  altitudeDm?: number[];
  cadence?: number[];
}

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
] as const;
export type DataQualityCode = (typeof DATA_QUALITY_CODES)[number];

export interface DataQualityNote {
  code: DataQualityCode;
  /** Shown to the athlete as is, e.g. "14 GPS points ignored: implausible speed". */
  message: string;
  /** How many samples/points the note is about, where it counts something. */
  count?: number;
}

export interface ActivityInput {
  source: ActivitySource;
  /** The source's own id (Strava activity id, Garmin activityId, or a content hash for files). */
  externalId: string;
  sport: Sport;
  /** The provider's own type string, kept verbatim (e.g. "TrailRun", "VirtualRide", "lap_swimming"). */
  sportOriginal: string;
  name: string;
  startTime: Date;
  /** The athlete's calendar date of the start, YYYY-MM-DD, in the activity's local time. */
  localStartDate: string;
  timezone?: string | null;
  movingTimeS: number;
  elapsedTimeS: number;
  distanceM: number;
  elevationGainM?: number | null;
  avgHr?: number | null;
  maxHr?: number | null;
  avgPower?: number | null;
  normalizedPower?: number | null;
  avgCadence?: number | null;
  calories?: number | null;
  isPrivate?: boolean;
  /** True when laps/best efforts/streams were fetched or parsed (a Strava summary alone is not). */
  detailComplete: boolean;
  laps?: ActivityLap[];
  bestEfforts?: BestEffort[];
  streams?: ActivityStreams | null;
  /** What was cleaned or left out on the way in (empty: nothing). */
  dataQuality?: DataQualityNote[];
  /** The source named no sport: `sport` was inferred from speed (kept out of sport-specific PBs). */
  sportInferred?: boolean;
  /** Legs of one multisport recording share this key (the file's hash). */
  multisportGroup?: string | null;
}

/** Maps a provider's type string to our sport families. Unknown types are "other", never an error. */
export function sportFromType(type: string): Sport {
  const t = type.toLowerCase().replace(/[\s_-]/g, '');
  if (/(run|jog|treadmill)/.test(t) && !/rowing/.test(t)) return 'run';
  if (/(ride|cycl|bik|gravel|velomobile|handcycle|mtb|spin)/.test(t)) return 'ride';
  if (/swim/.test(t)) return 'swim';
  if (/hik/.test(t)) return 'hike';
  if (/walk/.test(t)) return 'walk';
  if (/(weight|strength|crossfit|workout|hiit|training)/.test(t)) return 'strength';
  return 'other';
}
