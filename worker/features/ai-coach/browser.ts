// What the browser bundle may import from this feature: the chat page's types only (no services).
export type {
  ClaimCheck,
  CoachMessageView,
  CoachReceipt,
  CoachStreamEvent,
  ConversationView,
  ProposalView,
  WorkoutBrief,
} from './coach.types';
