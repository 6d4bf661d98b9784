// The privacy feature's face to the rest of the app (ADR 041–043).
export { RETENTION_JOB, RETENTION_RULES } from './retention/retention.rules';
export type { RetentionRule, RetentionRuleId } from './retention/retention.rules';
export { createRetentionService } from './retention/retention.service';
export type { ArchiveStore, RetentionRun, RetentionService } from './retention/retention.service';
export { r2ArchiveStore } from './retention/archive-store';
export { retentionJob } from './retention/retention.job';
export { createPrivacyRequestsService } from './requests/requests.service';
export type { PrivacyRequestsService, QueueEntryView } from './requests/requests.service';
export { privacyRequestsAdminRoutes, OPERATOR_DELETION_ACT } from './requests/requests.routes';
export { legalDueDate, DELETION_GRACE_DAYS } from './requests/deletion-starter';
export type { DeletionRequest, DeletionStarter, StartedDeletion } from './requests/deletion-starter';
export { operatorInitiator, selfInitiator } from './requests/initiator';
export type { OperatorInitiator, SelfInitiator } from './requests/initiator';
export {
  CONFIRM_WORD,
  createDeletionService,
  DeleteOrgInput,
  deletionConsumer,
  deletionRoutes,
  deletionsDueJob,
  DeletionStatus,
  GRACE_DAYS,
  lastSweep,
  orgDeletionRoutes,
  orphanSweepJob,
  privacyPulse,
  pseudonymOf,
  RequestDeletionInput,
  sweepOrphans,
} from './deletion';
export type { DeletionDeps, DeletionService, PrivacyPulse } from './deletion';
export { DATA_MAP, PERSONAL_TABLES } from './data-map';
export { createExportService, EXPORT_SLICE_MS, digestStreamHasher, exportConsumer, exportRoutes } from './export';
export type { ExportService, ExportView } from './export';
export { createReimportService, reimportConsumer, reimportRoutes } from './reimport';
export type { ReimportReport, ReimportService, ReimportView } from './reimport';
