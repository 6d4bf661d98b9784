export { createActivitiesService } from './activities.service';
export type { ActivitiesService, IngestResult, ActivityChange, OnActivitiesChanged, LinkedCopy } from './activities.service';
export type { ActivityRow } from './activities.repo';
export type { ActivityInput, ActivitySource, Sport, ActivityLap, BestEffort, ActivityStreams, DataQualityNote } from './activity.types';
export { sportFromType, sportLabel, ACTIVITY_SOURCES, SPORTS, SPORT_LABELS } from './activity.types';
export { DATA_USE_POLICY, mayUse, sourcesAllowedFor } from './data-use.policy';
export type { DataUse } from './data-use.policy';
export { activitiesRoutes } from './activities.routes';
