export { createActivitiesService } from './activities.service';
export type { ActivitiesService, IngestResult, ActivityChange, OnActivitiesChanged } from './activities.service';
export type { LinkedCopy } from './activities.reads';
export type { ActivityRow } from './activities.repo';
export type {
  ActivityExtras,
  ActivityInput,
  ActivitySource,
  Sport,
  ActivityLap,
  BestEffort,
  ActivityStreams,
  DataQualityCode,
  DataQualityNote,
} from './activity.types';
export { POSITION_SCALE } from './activity.types';
export { sportFromType, sportLabel, ACTIVITY_SOURCES, SPORTS, SPORT_LABELS } from './activity.types';
export { DATA_USE_POLICY, mayUse, sourcesAllowedFor } from './data-use.policy';
// The plausibility layer, for parsers that build an ActivityInput (ingest's file importers).
export { altitudeSpikes, checkActivity, inferSport, maxSpeedMps, plausibleHr, plausiblePower, QualityNotes } from './plausibility';
export type { DataUse } from './data-use.policy';
export { activitiesRoutes } from './activities.routes';
