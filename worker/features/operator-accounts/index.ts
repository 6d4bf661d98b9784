export { createOperatorAccountsService } from './operator-accounts.service';
export { OperatorReason } from './operator-accounts.schema';
