export { createImpersonationService } from './impersonation.service';
export { clearImpersonationCookie, readImpersonationCookie, serializeImpersonationCookie } from './impersonation-cookie';
export { StartImpersonationInput } from './impersonation.schema';
