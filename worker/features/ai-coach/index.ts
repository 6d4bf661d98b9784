// The AI coach (issue 15): conversations, the turn engine, the CoachSession live turn and the chat API.
export type * from './coach.types';
export { createCoachChatService } from './coach-chat.service';
export type { CoachChatService, ProposalsOfMessages } from './coach-chat.service';
export { coachChatRoutes } from './coach.routes';
