// A proposal row as the chat card, the API and the tools show it (ProposalView of the coach's contract).
import type { ProposalAction, ProposalView } from '../coach.types';
import type { ProposalRow } from './proposals.repo';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const presentProposal = (p: ProposalRow): ProposalView => ({
  id: p.id,
  status: p.status,
  planId: p.planId,
  reason: p.reason,
  riskNotes: p.riskNotes as string[],
  actions: p.actions as ProposalAction[],
  diff: p.diff as ProposalView['diff'],
  forecast: p.forecast as ProposalView['forecast'],
  error: p.error,
  planChangeId: p.planChangeId,
  createdAt: p.createdAt.toISOString(),
  confirmedAt: iso(p.confirmedAt),
  appliedAt: iso(p.appliedAt),
  rejectedAt: iso(p.rejectedAt),
});
