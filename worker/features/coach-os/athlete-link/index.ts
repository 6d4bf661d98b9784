export { createAthleteLinkService, type AthleteLinkService } from './athlete-link.service';
export { athleteLinkRoutes, myCoachLinksRoutes } from './athlete-link.routes';
