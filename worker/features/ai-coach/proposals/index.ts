// Plan-change proposals: propose → confirm → apply through workout control (see README.md).
export { createProposalsService } from './proposals.service';
export type { ProposalsDeps, ProposalsService } from './proposals.service';
export { createProposalTools } from './proposals.tools';
export { ProposalActionSchema, ProposeInput, Proposal as ProposalSchema } from './proposals.schema';
