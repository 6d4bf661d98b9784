export { createOperatorActionsService } from './operator-actions.service';
export type { OperatorActionsService } from './operator-actions.service';
export {
  OPERATOR_ACTIONS,
  OPERATOR_ACTION_NAMES,
  MAX_TRIAL_DAYS,
  isOperatorAction,
  OperatorActionInputs,
  OperatorActionOutcome,
} from './operator-actions.schema';
export type { OperatorAction, OperatorActionInput } from './operator-actions.schema';
