export { createOperatorActionsService } from './operator-actions.service';
export { OPERATOR_ACTIONS, isOperatorAction } from './operator-actions.schema';
export type { OperatorAction } from './operator-actions.schema';
