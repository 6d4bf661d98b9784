export { createTeamService, type TeamService } from './team.service';
export { InviteInput } from './team.schema';
