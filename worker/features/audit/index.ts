export { createAuditService } from './audit.service';
export type { Actor, AuditEvent, AuditService } from './audit.service';
export { createAuditSupportRepo } from './audit-support.repo';
export type { AuditSupportRepo } from './audit-support.repo';
