export { createActivitiesService } from './activities.service';
export type { ActivitiesService, ActivityChange } from './activities.service';
export type { ActivityRow } from './activities.repo';
export type {
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
export { sportFromType, sportLabel, ACTIVITY_SOURCES, SPORTS, SORT_KEYS } from './activity.types';
export type { SortKey } from './activity.types';
export { SearchActivitiesQuery } from './activities.schema';
export type { ListedActivity } from './activities-list.repo';
// The plausibility layer, for parsers that build an ActivityInput (ingest's file importers).
export { altitudeSpikes, checkActivity, inferSport, maxSpeedMps, plausibleHr, plausiblePower, QualityNotes } from './plausibility';
// Duplicate linking's rule and its choice of copy, for judging efforts outside the store (social's leaderboards).
export { isSameEffort, pickCanonical } from './dedup';
export {
  createDataPolicyService,
  createStravaCacheJob,
  sourceLine,
  UPLOAD_PATH,
  fixedPolicy,
  loadPolicyRef,
  policyRider,
  POLICY_MODES,
  policyFor,
  sourcesInAnyMode,
} from './policy';
export type { SourceLine } from './policy';
export type { DataPolicyService, DataUse, Policy, PolicyRef, SeedablePolicyRef } from './policy';
// An activity's GPS track (maps' courses: a course made from an activity, ADR 101).
export { activityGps } from './activity-gps.repo';
export type { ActivityGps } from './activity-gps.repo';
