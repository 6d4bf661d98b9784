import { z } from '@hono/zod-openapi';
import { FreeText } from '../../lib/text.schema';
import type { Permission } from '../auth';

// The operator's audited actions on one athlete: each one's permission and input. The page helper
// (web/app/utils/operator-actions.server.ts), the API routes and the service all read this table.

export const OPERATOR_ACTIONS = {
  comp: 'billing.manage',
  'revoke-comp': 'billing.manage',
  'grant-trial': 'billing.manage',
  'revoke-trial': 'billing.manage',
  'resync-billing': 'billing.manage',
  'reset-onboarding': 'users.manage',
  'retry-ingestion': 'ingestion.retry',
  'retry-job': 'ingestion.retry',
  'retry-import': 'ingestion.retry',
  'rerun-analytics': 'system.analytics_rebuild',
  'clear-coach-thread': 'users.manage',
  'disconnect-provider': 'users.manage',
} as const satisfies Record<string, Permission>;

export type OperatorAction = keyof typeof OPERATOR_ACTIONS;
export const OPERATOR_ACTION_NAMES = Object.keys(OPERATOR_ACTIONS) as OperatorAction[];
export const isOperatorAction = (v: unknown): v is OperatorAction => typeof v === 'string' && Object.hasOwn(OPERATOR_ACTIONS, v);

/** Longest operator trial: a trial is a taste of Pro, not a comp. */
export const MAX_TRIAL_DAYS = 30;

const reason = FreeText({
  min: 1,
  minMessage: 'Give a reason',
  max: 500,
  maxMessage: 'Keep the reason under 500 characters',
  multiline: true,
});
const base = z.object({ reason });

export const OperatorActionInputs = {
  comp: base.extend({ tier: z.enum(['pro', 'elite']), days: z.number().int().min(1).max(366) }).strict(),
  'revoke-comp': base.extend({ grantId: z.uuid() }).strict(),
  'grant-trial': base.extend({ days: z.number().int().min(1).max(MAX_TRIAL_DAYS) }).strict(),
  'revoke-trial': base.extend({ grantId: z.uuid() }).strict(),
  'resync-billing': base.strict(),
  'reset-onboarding': base.strict(),
  'retry-ingestion': base.strict(),
  'retry-job': base.extend({ jobId: z.uuid() }).strict(),
  'retry-import': base.extend({ importId: z.uuid() }).strict(),
  'rerun-analytics': base.strict(),
  'clear-coach-thread': base.strict(),
  'disconnect-provider': base.extend({ provider: z.literal('strava').default('strava') }).strict(),
} as const satisfies Record<OperatorAction, z.ZodType>;

export type OperatorActionInput<A extends OperatorAction> = z.output<(typeof OperatorActionInputs)[A]>;

/** What every action answers: what changed, in the words an operator reads, with the audit's before/after. */
export const OperatorActionOutcome = z
  .object({
    action: z.enum(OPERATOR_ACTION_NAMES as [OperatorAction, ...OperatorAction[]]),
    userId: z.uuid(),
    message: z.string(),
    changed: z.boolean(),
    before: z.record(z.string(), z.unknown()),
    after: z.record(z.string(), z.unknown()),
  })
  .openapi('OperatorActionOutcome');
export type OperatorActionOutcome = z.infer<typeof OperatorActionOutcome>;
