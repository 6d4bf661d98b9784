// Conversations and their messages: the chat service (which asks through the athlete's session), the
// repository every part of the coach writes messages with, and the conversation routes.
export { createCoachChatService } from './chat.service';
export type { CoachChatService, ProposalsOfMessages } from './chat.service';
export { createConversationsRepo } from './conversations.repo';
export type { ConversationRow, ConversationsRepo, MessageRow } from './conversations.repo';
