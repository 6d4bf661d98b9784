export { createOperatorAccountsService } from './operator-accounts.service';
export type { OperatorAccountsService } from './operator-accounts.service';
export { OperatorReason } from './operator-accounts.schema';
export type { AccountState } from './operator-accounts.schema';
