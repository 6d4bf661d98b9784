export { createAuthService } from './auth.service';
export { hashPassword, verifyPassword } from './password';
export { passwordWeakness } from './password-policy';
export type { AuthService, RequestMeta } from './auth.service';
export { createSessionsService } from './sessions.service';
export type { SessionRider, SessionsService } from './sessions.service';
export { DEMO_PERMISSIONS, PERMISSIONS } from './permissions';
export type { Permission } from './permissions';
export { presentUser } from './present';
export { cookieSettingsFor, readSessionCookie, serializeSessionCookie, clearSessionCookie } from './session-cookie';
export type { CookieSettings } from './session-cookie';
export type { UserRow } from './auth.repo';
export {
  Accepted,
  CurrentPassword,
  DisplayName,
  LoginInput,
  RegisterInput,
  ForgotPasswordInput,
  NewPassword,
  Role,
  User,
  EmailChangeInput,
  PendingEmailChangeEnvelope,
  TimeZoneName,
} from './auth.schema';
export { userColumns } from './auth.repo';
export { createAuthSupportRepo } from './auth-support.repo';
export type { AuthSupportRepo } from './auth-support.repo';
export { createEmailChangeService } from './email-change.service';
