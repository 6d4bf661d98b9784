export { createInvitesService, generateInviteCode } from './invites.service';
export type { InvitesService } from './invites.service';
