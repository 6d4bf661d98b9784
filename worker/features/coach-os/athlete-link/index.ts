export { createAthleteLinkService, type AthleteLinkService } from './athlete-link.service';
export { createClientPlanService, type ClientPlanService } from './client-plan.service';
export { createClientAdaptService, type ClientAdaptService } from './client-adapt.service';
export { createClientNotesService, type ClientNotesService } from './client-notes.service';
export { createClientCommentsService, type ClientCommentsService } from './client-comments.service';
export { createClientActivityService, type ClientActivityService } from './client-activity.service';
export { createClientWellnessService, type ClientWellnessService } from './client-wellness.service';
