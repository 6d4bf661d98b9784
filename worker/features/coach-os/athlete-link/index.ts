export { createAthleteLinkService, type AthleteLinkService } from './athlete-link.service';
export { athleteLinkRoutes, myCoachLinksRoutes } from './athlete-link.routes';
export { createClientPlanService, type ClientPlanService } from './client-plan.service';
export { clientPlanRoutes } from './client-plan.routes';
export { createClientNotesService, type ClientNotesService } from './client-notes.service';
export { clientNotesRoutes } from './client-notes.routes';
