// The canonical activity every source is turned into. Parsers and provider clients produce
// `ActivityInput`; the activities repo stores it idempotently under (user, source, externalId).

export const ACTIVITY_SOURCES = ['strava', 'garmin_export', 'fit_upload', 'gpx_upload', 'tcx_upload', 'manual'] as const;
export type ActivitySource = (typeof ACTIVITY_SOURCES)[number];

export const SPORTS = ['run', 'ride', 'swim', 'walk', 'hike', 'strength', 'other'] as const;
export type Sport = (typeof SPORTS)[number];

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
