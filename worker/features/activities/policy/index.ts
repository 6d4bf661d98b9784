// The data policy (ADR 036): one table per source and mode; reached by other features through activities/index.ts.
export { DATA_USES, POLICY_MODES, policyTable } from './policy.table';
export type { DataUse, OnDisconnect, PolicyMode, SourceRule } from './policy.table';
export { fixedPolicy, onceRef, policyFor, sourcesInAnyMode } from './policy';
export type { Policy, PolicyRef, SeedablePolicyRef } from './policy';
export { createDataPolicyService, loadPolicyRef, policyRider } from './policy.service';
export type { DataPolicyService } from './policy.service';
export { POLICY_FLAG } from './policy.repo';
export { createStravaCacheJob } from './strava-cache.service';
export type { CacheReport } from './strava-cache.service';
export { stravaCacheWindowJob } from './strava-cache.job';
export { sourceLine, UPLOAD_PATH } from './source-line';
export type { SourceLine } from './source-line';
