import { AppError, ErrorCode } from '../../lib/errors';
import type { Actor } from '../audit';
import { type OperatorAction, type OperatorActionInput, OperatorActionInputs, type OperatorActionOutcome } from './operator-actions.schema';

export type OperatorActionsService = ReturnType<typeof createOperatorActionsService>;

export function createOperatorActionsService(_deps: Record<string, unknown>) {
  return {
    /** Runs one operator action on an athlete: input checked, 404 for an unknown athlete, audited. */
    async perform(actor: Actor, userId: string, action: OperatorAction, input: unknown): Promise<OperatorActionOutcome> {
      const parsed = OperatorActionInputs[action].safeParse(input);
      if (!parsed.success)
        throw new AppError(ErrorCode.VALIDATION, 'Check the highlighted fields.', {
          fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      void actor;
      void userId;
      void (parsed.data as OperatorActionInput<typeof action>);
      throw new AppError(ErrorCode.CONFLICT, 'Not implemented yet.');
    },
  };
}
