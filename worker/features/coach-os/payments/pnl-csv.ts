// The month's P&L as a spreadsheet: one row per money event, then the totals. Cells a spreadsheet
// would run as formulas (a description starting with "=") are kept as text by toCsv.
import { toCsv } from '../../../lib/csv';
import type { Pnl } from './payments.schema';
import { formatMinor } from './pnl';

/** An amount we formatted ourselves: not user text, so a leading minus stays a number, not a quoted formula. */
class Amount {
  constructor(private readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function pnlCsv(p: Pnl): string {
  const money = (cents: number) => new Amount(formatMinor(cents, p.currency));
  const signed = (kind: string, cents: number) => (kind === 'income' ? cents : -cents);
  const rows: unknown[][] = p.events.map((e) => [
    e.occurredOn,
    e.kind,
    e.source,
    money(signed(e.kind, e.amountCents)),
    signed(e.kind, e.amountCents),
    e.currency,
    e.clientName ?? '',
    e.packageTypeName ?? '',
    e.category ?? '',
    e.description,
    e.id,
  ]);
  rows.push([]);
  for (const [label, cents] of [
    ['total income', p.incomeCents],
    ['total refunds', -p.refundsCents],
    ['total expenses', -p.expensesCents],
    ['net', p.netCents],
  ] as const) {
    rows.push([p.month, label, '', money(cents), cents, p.currency, '', '', '', '', '']);
  }
  return toCsv(
    ['date', 'kind', 'source', 'amount', 'amount_minor_units', 'currency', 'client', 'package', 'category', 'description', 'id'],
    rows,
  );
}
