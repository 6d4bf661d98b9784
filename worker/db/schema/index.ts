export { users, permissions, userRole, unitSystem, sexValue } from './users';
export { sessions, passwordResetTokens, loginThrottle } from './sessions';
export { invites, inviteRedemptions } from './invites';
export { auditLog } from './audit';
export { notifications } from './notifications';
