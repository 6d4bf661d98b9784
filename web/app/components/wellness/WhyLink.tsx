import { Link } from '@remix-run/react';
import { addDays } from '~/utils/analytics-format';

/** The longest window "Why this trend?" compares (the API's limit: a year, against the year before). */
const MAX_DAYS = 366;

/**
 * "Why this trend?" under a chart: a plain link to the page for the chart's window, so it works without JavaScript.
 * A longer chart (24 months of efficiency) asks about its last year.
 */
export function WhyLink({ chart, from, to }: { chart: 'efficiency' | 'fitness' | 'weight'; from: string; to: string }) {
  const earliest = addDays(to, -(MAX_DAYS - 1));
  const start = from < earliest ? earliest : from;
  return (
    <p className="why-link">
      <Link to={`/wellness/why?chart=${chart}&from=${start}&to=${to}`}>Why this trend?</Link>
    </p>
  );
}

/** The last day of a YYYY-MM month. */
export const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
