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
// The plausibility layer, for parsers that build an ActivityInput (ingest's file importers).
export { altitudeSpikes, checkActivity, inferSport, maxSpeedMps, plausibleHr, plausiblePower, QualityNotes } from './plausibility';
export {
  createDataPolicyService,
  createStravaCacheJob,
  sourceLine,
  UPLOAD_PATH,
  DATA_USES,
  fixedPolicy,
  loadPolicyRef,
  POLICY_FLAG,
  POLICY_MODES,
  policyFor,
  policyTable,
} from './policy';
export type { SourceLine } from './policy';
export type { CacheReport, DataPolicyService, DataUse, OnDisconnect, Policy, PolicyMode, PolicyRef, SourceRule } from './policy';
