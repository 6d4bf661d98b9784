// Operators' audited actions on one athlete. Each change goes through the feature that owns it (membership,
// ingest, plans, analytics, ai-coach); this service checks input, finds the athlete, decides the refusals
// and writes the `operator.<verb>` audit row: inside the owner's transaction where the change is ours.
// The handlers are split by the feature they act on: operator-actions.billing.ts and operator-actions.data.ts.
import { AppError, ErrorCode } from '../../lib/errors';
import type { Actor } from '../audit';
import { billingActions } from './operator-actions.billing';
import { dataActions } from './operator-actions.data';
import { type Audit, type Ctx, type Handlers, type OperatorActionsDeps, type Result, UUID } from './operator-actions.handler';
import { type OperatorAction, type OperatorActionInput, OperatorActionInputs, type OperatorActionOutcome } from './operator-actions.schema';

export type { OperatorActionsDeps } from './operator-actions.handler';

export type OperatorActionsService = ReturnType<typeof createOperatorActionsService>;

export function createOperatorActionsService(deps: OperatorActionsDeps) {
  const handlers: Handlers<OperatorAction> = { ...billingActions(deps), ...dataActions(deps) };

  return {
    /** Runs one operator action on an athlete: input checked, 404 for an unknown athlete, audited on change. */
    async perform(actor: Actor, userId: string, action: OperatorAction, input: unknown): Promise<OperatorActionOutcome> {
      const user = UUID.test(userId) ? await deps.userById(userId) : null;
      if (!user) throw new AppError(ErrorCode.NOT_FOUND, 'No such athlete.');
      const parsed = OperatorActionInputs[action].safeParse(input);
      if (!parsed.success)
        throw new AppError(ErrorCode.VALIDATION, parsed.error.issues[0]?.message ?? 'Check the form.', {
          fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      const reason = parsed.data.reason;
      const audit: Audit = (e, tx) =>
        deps.audit.record(
          {
            actor,
            action: `operator.${action.replace(/-/g, '_')}`,
            target: e.target ?? { type: 'user', id: user.id },
            payload: { reason, before: e.before, after: e.after, ...(e.ids ?? {}) },
          },
          tx,
        );
      const handler = handlers[action] as (c: Ctx<typeof action>, a: Audit) => Promise<Result>;
      const r = await handler({ actor, user, input: parsed.data as OperatorActionInput<typeof action> }, audit);
      return { action, userId: user.id, ...r };
    },
  };
}
