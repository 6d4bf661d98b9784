export { createImpersonationService } from './impersonation.service';
export type { ImpersonationService, EndedHow } from './impersonation.service';
export {
  clearImpersonationCookie,
  impersonationCookieName,
  readImpersonationCookie,
  serializeImpersonationCookie,
} from './impersonation-cookie';
export { IMPERSONATION_MAX_SECONDS, ImpersonationState, StartImpersonationInput } from './impersonation.schema';
