// The privacy feature's face to the rest of the app (ADR 041–043).
export { DATA_MAP } from './data-map';
export { RETENTION_JOB, RETENTION_RULES } from './retention/retention.rules';
export type { RetentionRule, RetentionRuleId } from './retention/retention.rules';
export { createRetentionService } from './retention/retention.service';
export type { ArchiveStore, RetentionRun, RetentionService } from './retention/retention.service';
export { r2ArchiveStore } from './retention/archive-store';
export { retentionJob } from './retention/retention.job';
export { createPrivacyRequestsService } from './requests/requests.service';
export type { PrivacyRequestsService, QueueEntryView } from './requests/requests.service';
export { privacyRequestsAdminRoutes, OPERATOR_DELETION_ACT } from './requests/requests.routes';
export { queuedDeletionStarter, legalDueDate, DELETION_GRACE_DAYS } from './requests/deletion-starter';
export type { DeletionRequest, DeletionStarter, StartedDeletion } from './requests/deletion-starter';
export { operatorInitiator, selfInitiator } from './requests/initiator';
export type { OperatorInitiator, SelfInitiator } from './requests/initiator';
