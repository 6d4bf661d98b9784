import { day, dayRange } from '~/utils/analytics-format';
import { WhyLink } from './WhyLink';

interface Point {
  day: string;
  value: number;
  source: string;
}

const W = 600;
const H = 160;
const PAD = { left: 44, right: 12, top: 12, bottom: 24 };

const epoch = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/**
 * The athlete's weight over 13 weeks as a small line drawn on the server (no JavaScript needed), with its summary
 * in words for screen readers, and "Why this trend?" for the same days.
 */
export function WeightChart({ from, to, points, unit }: { from: string; to: string; points: Point[]; unit: 'kg' | 'lb' }) {
  if (points.length < 2)
    return (
      <p className="muted">
        {points.length === 0 ? 'No weight recorded in these 13 weeks.' : 'One weigh-in so far: the chart needs two.'} Add your weight in a
        check-in on Home, or connect a scale through Garmin.
      </p>
    );
  const values = points.map((p) => p.value);
  const lo = Math.floor(Math.min(...values) - 0.5);
  const hi = Math.ceil(Math.max(...values) + 0.5);
  const x0 = epoch(from);
  const span = Math.max(1, epoch(to) - x0);
  const x = (d: string) => PAD.left + ((epoch(d) - x0) / span) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + ((hi - v) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.day).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const first = points[0]!;
  const last = points.at(-1)!;
  const summary = `Weight from ${first.value.toFixed(1)} ${unit} on ${day(first.day)} to ${last.value.toFixed(1)} ${unit} on ${day(last.day)}, ${points.length} weigh-ins, lowest ${Math.min(...values).toFixed(1)}, highest ${Math.max(...values).toFixed(1)} ${unit}.`;
  return (
    <figure className="weight-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} className="weight-chart-svg">
        {[lo, (lo + hi) / 2, hi].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="weight-chart-grid" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="weight-chart-axis">
              {v.toFixed(v % 1 === 0 ? 0 : 1)}
            </text>
          </g>
        ))}
        <path d={path} className="weight-chart-line" fill="none" />
        {points.map((p) => (
          <circle key={p.day} cx={x(p.day)} cy={y(p.value)} r={3} className="weight-chart-dot" />
        ))}
      </svg>
      <figcaption className="muted">
        {dayRange(from, to)} · {unit}
      </figcaption>
      <WhyLink chart="weight" from={from} to={to} />
    </figure>
  );
}
