import type { ClaimCheck, CoachMessageView, CoachReceipt, ConversationView, ProposalView } from '../coach.types';
import type { ConversationRow, MessageRow } from './conversations.repo';

export const presentConversation = (c: ConversationRow): ConversationView => ({
  id: c.id,
  title: c.title,
  returnDate: c.returnDate,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export const presentMessage = (m: MessageRow, proposal: ProposalView | null = null): CoachMessageView => ({
  id: m.id,
  role: m.role,
  content: m.content,
  status: m.status,
  route: (m.route as CoachMessageView['route']) ?? null,
  model: m.model,
  receipts: (m.receipts as CoachReceipt[]) ?? [],
  checks: (m.checks as ClaimCheck | null) ?? null,
  withheld: (m.withheld as { source: string; count: number }[]) ?? [],
  errorCode: m.errorCode,
  proposal,
  createdAt: m.createdAt.toISOString(),
});
