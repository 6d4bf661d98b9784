import { Link } from '@remix-run/react';

/** "Why this trend?" under a chart: a plain link to the page for the chart's window, so it works without JavaScript. */
export function WhyLink({ chart, from, to }: { chart: 'efficiency' | 'fitness' | 'weight'; from: string; to: string }) {
  return (
    <p className="why-link">
      <Link to={`/wellness/why?chart=${chart}&from=${from}&to=${to}`}>Why this trend?</Link>
    </p>
  );
}

/** The last day of a YYYY-MM month. */
export const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
