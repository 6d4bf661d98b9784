export { createInvitesService } from './invites.service';
export type { InvitesService } from './invites.service';
