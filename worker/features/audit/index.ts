export { createAuditService } from './audit.service';
export type { Actor, AuditService } from './audit.service';
export { createAuditViewerService, compactPayload } from './audit-viewer.service';
export { createAuditSupportRepo } from './audit-support.repo';
export type { AuditSupportRepo } from './audit-support.repo';
