// P&L arithmetic over one currency's money events: integer cents only, exact by construction.
import type { MoneyEventView } from './payments.repo';

export function summarise(events: MoneyEventView[]) {
  let incomeCents = 0;
  let refundsCents = 0;
  let expensesCents = 0;
  const byType = new Map<
    string,
    { packageTypeId: string | null; name: string; incomeCents: number; refundsCents: number; sales: number }
  >();
  const byCat = new Map<string, { category: string; expensesCents: number; count: number }>();
  for (const e of events) {
    if (e.kind === 'expense') {
      expensesCents += e.amountCents;
      const category = e.category ?? 'Uncategorised';
      const c = byCat.get(category) ?? { category, expensesCents: 0, count: 0 };
      c.expensesCents += e.amountCents;
      c.count += 1;
      byCat.set(category, c);
      continue;
    }
    const key = e.packageTypeId ?? '';
    const t = byType.get(key) ?? {
      packageTypeId: e.packageTypeId,
      name: e.packageTypeName ?? 'Other income',
      incomeCents: 0,
      refundsCents: 0,
      sales: 0,
    };
    if (e.kind === 'income') {
      incomeCents += e.amountCents;
      t.incomeCents += e.amountCents;
      t.sales += 1;
    } else {
      refundsCents += e.amountCents;
      t.refundsCents += e.amountCents;
    }
    byType.set(key, t);
  }
  const byIncome = (a: { incomeCents: number; name: string }, b: { incomeCents: number; name: string }) =>
    b.incomeCents - a.incomeCents || a.name.localeCompare(b.name);
  return {
    incomeCents,
    refundsCents,
    expensesCents,
    netCents: incomeCents - refundsCents - expensesCents,
    byPackageType: [...byType.values()].sort(byIncome),
    byCategory: [...byCat.values()].sort((a, b) => b.expensesCents - a.expensesCents || a.category.localeCompare(b.category)),
  };
}

/** Minor units → "1234.50" (or "1234" for zero-decimal currencies), by integer arithmetic. */
export function formatMinor(cents: number, currency: string): string {
  let digits = 2;
  try {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // Unknown code: two decimals, like most currencies.
  }
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  if (digits === 0) return `${sign}${abs}`;
  const unit = 10 ** digits;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, '0')}`;
}
