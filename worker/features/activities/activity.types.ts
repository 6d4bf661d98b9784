// The canonical activity every source is turned into. Parsers and provider clients produce
// `ActivityInput`; the activities repo stores it idempotently under (user, source, externalId).

import type {
  ACTIVITY_SOURCES,
  ActivityExtras,
  ActivityLap,
  ActivityStreams,
  BestEffort,
  DataQualityNote,
  SPORTS,
} from '../../db/schema/activity-columns';

// The stored column shapes (laps, efforts, streams, data-quality notes) and the source and sport lists
// (the enums are built from them) live with the schema: the database layer imports no feature.
export {
  ACTIVITY_SOURCES,
  SPORTS,
  DATA_QUALITY_CODES,
  POSITION_SCALE,
  type ActivityExtras,
  type ActivityLap,
  type ActivityStreams,
  type BestEffort,
  type DataQualityCode,
  type DataQualityNote,
} from '../../db/schema/activity-columns';

// `strava` is the Strava API copy; `strava_archive` the athlete's own file from their Strava archive;
// `garmin_api` and `polar_api` the original files the live doors fetch (ADR 036).
export type ActivitySource = (typeof ACTIVITY_SOURCES)[number];

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
  /** Description, gear and commute flag where the source carries them (a Strava archive's CSV). */
  extras?: Omit<ActivityExtras, 'upgradedFrom'>;
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

/** A stored copy's identity as one string (upgrade's `stored` set; here so the repo and upgrade share it without a cycle). */
export const sourceKey = (source: ActivitySource, externalId: string) => `${source}\u0000${externalId}`;

/** The activities list's sortable columns (ADR 064). */
export const SORT_KEYS = ['date', 'name', 'distance', 'time', 'load', 'if', 'hr', 'power', 'elevation'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
