export { createOperatorAccountsService } from './operator-accounts.service';
export type { OperatorAccountsService } from './operator-accounts.service';
export { operatorAccountsRoutes } from './operator-accounts.routes';
export { OperatorReason } from './operator-accounts.schema';
export type { AccountState } from './operator-accounts.schema';
