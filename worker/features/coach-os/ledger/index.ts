export { ClientLedger } from './client-ledger.do';
export type { LedgerResult } from './ledger.service';
export { createClientLedgerService, type ClientLedgerService } from './client-ledger.service';
