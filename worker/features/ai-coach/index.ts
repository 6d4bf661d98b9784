// The AI coach (issue 15): its shared contract (coach.types.ts), and each part's exports in its own block.
export type * from './coach.types';

// Proposals: propose → confirm → apply through workout control.
export { createProposalsService } from './proposals/proposals.service';
export type { ProposalsService, ProposalsDeps } from './proposals/proposals.service';
export { createProposalTools } from './proposals/proposals.tools';
export { coachProposalAdminRoutes, coachProposalRoutes } from './proposals/proposals.routes';
export { ProposalActionSchema, ProposeInput, Proposal as ProposalSchema } from './proposals/proposals.schema';

// Chat: conversations, the turn engine, the CoachSession live turn and the chat API.
export { createCoachChatService } from './coach-chat.service';
export type { CoachChatService, ProposalsOfMessages } from './coach-chat.service';
export { coachChatRoutes } from './coach.routes';
export { coachTurnRoutes } from './coach-turn.routes';
export { createCoachCostsService } from './coach-costs.service';
export { coachCostsAdminRoutes } from './coach-costs.routes';

// Support (issue 16): the athlete page's AI coach figures.
export { createCoachSupportRepo } from './coach-support.repo';
