export { createTeamService, type TeamService } from './team.service';
export { myInvitesRoutes, teamRoutes } from './team.routes';
