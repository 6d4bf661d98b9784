import { useId } from 'react';

export interface MetricPoint {
  start: string;
  value: number;
}

const W = 320;
const H = 120;
const PAD = 4;

/**
 * A small bar chart drawn on the server as plain SVG (attributes only: the CSP refuses inline styles),
 * named and summarised for screen readers, with its numbers in a table under a disclosure.
 */
export function MetricChart({ label, points, format = String }: { label: string; points: MetricPoint[]; format?: (n: number) => string }) {
  const id = useId();
  const max = Math.max(1, ...points.map((p) => p.value));
  const total = points.reduce((t, p) => t + p.value, 0);
  const last = points.at(-1);
  const bar = (W - PAD * 2) / Math.max(points.length, 1);
  return (
    <figure className="metric-chart" aria-labelledby={`${id}-label`}>
      <figcaption id={`${id}-label`} className="metric-chart-label">
        {label}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-describedby={`${id}-summary`} className="metric-chart-svg" preserveAspectRatio="none">
        <title>{label}</title>
        <line x1={0} y1={H - 0.5} x2={W} y2={H - 0.5} className="metric-chart-axis" />
        {points.map((p, i) => {
          const h = Math.round(((H - PAD) * p.value) / max);
          return (
            <rect key={p.start} x={PAD + i * bar + 2} y={H - h} width={Math.max(bar - 4, 1)} height={h} className="metric-chart-bar">
              <title>{`${p.start}: ${format(p.value)}`}</title>
            </rect>
          );
        })}
      </svg>
      <p id={`${id}-summary`} className="metric-chart-summary">
        {points.length} periods: total {format(total)}, latest ({last?.start ?? '—'}) {format(last?.value ?? 0)}, peak{' '}
        {format(max === 1 && total === 0 ? 0 : max)}.
      </p>
      <details className="metric-chart-table">
        <summary>Show the numbers</summary>
        <table>
          <caption className="visually-hidden">{label}</caption>
          <thead>
            <tr>
              <th scope="col">Period from</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.start}>
                <td>{p.start}</td>
                <td>{format(p.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
