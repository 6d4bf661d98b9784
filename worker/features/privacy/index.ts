// The privacy feature's face to the rest of the app (ADR 041–043).
export { RETENTION_JOB, RETENTION_RULES } from './retention/retention.rules';
export { createRetentionService } from './retention/retention.service';
export { r2ArchiveStore } from './retention/archive-store';
export { createPrivacyRequestsService } from './requests/requests.service';
export { OPERATOR_DELETION_ACT, operatorInitiator } from './requests/initiator';
export { createDeletionService, privacyPulse } from './deletion';
export type { PrivacyPulse } from './deletion';
export { createExportService, EXPORT_SLICE_MS, digestStreamHasher } from './export';
export { createReimportService } from './reimport';
