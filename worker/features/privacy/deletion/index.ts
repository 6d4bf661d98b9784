export { createDeletionService } from './deletion.service';
export type { DeletionService, DeletionDeps } from './deletion.service';
export { deletionConsumer, deletionsDueJob, orphanSweepJob } from './deletion.jobs';
export { lastSweep, privacyPulse, sweepOrphans } from './orphans';
export type { PrivacyPulse } from './orphans';
export { pseudonymOf } from './pseudonym';
export { CONFIRM_WORD, DeleteOrgInput, DeletionStatus, GRACE_DAYS, RequestDeletionInput } from './deletion.schema';
