import { formatMinor } from '../../../../worker/features/coach-os/browser';

/** Integer minor units → "$1,234.50": the exact decimal string goes to Intl, never a float. */
export function formatMoney(cents: number, currency: string): string {
  const text = formatMinor(Math.abs(cents), currency);
  const sign = cents < 0 ? '−' : '';
  try {
    return sign + new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(text as unknown as number);
  } catch {
    return `${sign}${text} ${currency.toUpperCase()}`;
  }
}

export function monthLabel(month: string): string {
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}
