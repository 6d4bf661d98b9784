// The privacy feature's face to the rest of the app (ADR 041–043).
export { RETENTION_JOB, RETENTION_RULES } from './retention/retention.rules';
export type { RetentionRule, RetentionRuleId } from './retention/retention.rules';
export { createRetentionService } from './retention/retention.service';
export type { ArchiveStore, RetentionRun, RetentionService } from './retention/retention.service';
export { r2ArchiveStore } from './retention/archive-store';
export { createPrivacyRequestsService } from './requests/requests.service';
export type { PrivacyRequestsService, QueueEntryView } from './requests/requests.service';
export { legalDueDate, DELETION_GRACE_DAYS } from './requests/deletion-starter';
export type { DeletionRequest, DeletionStarter, StartedDeletion } from './requests/deletion-starter';
export { OPERATOR_DELETION_ACT, operatorInitiator, selfInitiator } from './requests/initiator';
export type { OperatorInitiator, SelfInitiator } from './requests/initiator';
export {
  CONFIRM_WORD,
  createDeletionService,
  DeleteOrgInput,
  DeletionStatus,
  GRACE_DAYS,
  lastSweep,
  privacyPulse,
  pseudonymOf,
  RequestDeletionInput,
  sweepOrphans,
} from './deletion';
export type { DeletionDeps, DeletionService, PrivacyPulse } from './deletion';
export { DATA_MAP, PERSONAL_TABLES } from './data-map';
export { createExportService, EXPORT_SLICE_MS, digestStreamHasher } from './export';
export type { ExportService, ExportView } from './export';
export { createReimportService } from './reimport';
export type { ReimportReport, ReimportService, ReimportView } from './reimport';
