// A money event as the P&L and a client's payments list it, dated on the org-local day it happened.
import { localParts } from '../../../lib/dates';
import type { MoneyEventView } from './payments.repo';

export function presentMoneyEvent(e: MoneyEventView, timeZone: string) {
  return {
    id: e.id,
    kind: e.kind,
    amountCents: e.amountCents,
    currency: e.currency,
    occurredAt: e.occurredAt.toISOString(),
    occurredOn: localParts(e.occurredAt, timeZone).date,
    source: e.source,
    clientId: e.clientId,
    clientName: e.clientName,
    packageTypeId: e.packageTypeId,
    packageTypeName: e.packageTypeName,
    description: e.description,
    category: e.category,
    deletable: e.source === 'manual',
  };
}
