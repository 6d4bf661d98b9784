// The AI coach: its shared contract (coach.types.ts), and each part's exports in its own block (README.md).
export type * from './coach.types';

// Proposals: propose → confirm → apply through workout control.
export { createProposalsService } from './proposals';

// Chat: conversations and their messages, and the routes that ask the athlete's CoachSession.
export { createCoachChatService } from './conversations';
export type { CoachChatService } from './conversations';

// Operators: model costs.
export { createCoachCostsService } from './costs';

// Support: the athlete page's AI coach figures.
export { createCoachSupportRepo } from './coach-support.repo';

// The activities the `ai` use keeps out of a window (the coach's notes; the MCP tools' `left_out`).
export { withheldActivities } from './grounding';
