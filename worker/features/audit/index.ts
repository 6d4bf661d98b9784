export { createAuditService } from './audit.service';
export type { Actor, AuditEvent, AuditService } from './audit.service';
