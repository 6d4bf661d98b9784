export { createAuditService } from './audit.service';
export type { Actor, AuditEvent, AuditService } from './audit.service';
export { createAuditViewerService, compactPayload, MIN_RETENTION_DAYS } from './audit-viewer.service';
export type { AuditFilter, AuditPage, AuditRow, AuditViewerService } from './audit-viewer.service';
export { createAuditSupportRepo } from './audit-support.repo';
export type { AuditSupportRepo } from './audit-support.repo';
