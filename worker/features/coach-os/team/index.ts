export { createTeamService, type TeamService } from './team.service';
export { myInvitesRoutes, teamRoutes } from './team.routes';
export { InviteInput } from './team.schema';
