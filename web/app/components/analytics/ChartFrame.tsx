import { Suspense, useId, type ReactNode } from 'react';
import { ClientOnly } from '../ClientOnly';
import { cx } from '../ui';

// Says what is happening, so the box is never an empty grey panel while the chart's code loads.
function ChartSkeleton() {
  return (
    <div className="chart-skeleton" aria-hidden="true">
      <span className="chart-skeleton-text">Drawing the chart…</span>
    </div>
  );
}

/**
 * A chart drawn in the browser only (Recharts writes inline styles, which the CSP refuses in server
 * HTML), in a box whose size the CSS fixes, so the skeleton and the chart take the same room. The
 * figure is named by `label`; `summary` (always server-rendered) says its key numbers in words.
 */
export function ChartFrame({
  label,
  summary,
  size,
  legend,
  children,
}: {
  label: string;
  summary: ReactNode;
  size: 'tall' | 'medium' | 'short';
  legend?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <figure className="chart" aria-labelledby={`${id}-label`} aria-describedby={`${id}-summary`}>
      <span id={`${id}-label`} className="visually-hidden">
        {label}
      </span>
      <div className={cx('chart-box', `chart-box-${size}`)}>
        <ClientOnly fallback={<ChartSkeleton />}>{() => <Suspense fallback={<ChartSkeleton />}>{children}</Suspense>}</ClientOnly>
        <noscript>
          <p className="chart-noscript">The chart needs JavaScript. Its numbers are in the text and tables of this card.</p>
        </noscript>
      </div>
      {legend}
      <figcaption id={`${id}-summary`} className="chart-summary">
        {summary}
      </figcaption>
    </figure>
  );
}

/** A legend drawn on the server: a swatch (line, dashed line or block) beside each series name. */
export function ChartLegend({
  items,
}: {
  items: { label: string; color: string; fill?: string; shape: 'line' | 'dashed' | 'block' | 'dot' }[];
}) {
  return (
    <ul className="chart-legend">
      {items.map((i) => (
        <li key={i.label}>
          <svg width="22" height="12" viewBox="0 0 22 12" aria-hidden="true" focusable="false">
            {i.shape === 'block' ? (
              <rect x="3" y="1" width="16" height="10" rx="2" fill={i.fill ?? i.color} stroke={i.fill ? i.color : undefined} />
            ) : i.shape === 'dot' ? (
              <circle cx="11" cy="6" r="4" fill={i.color} />
            ) : (
              <line
                x1="1"
                y1="6"
                x2="21"
                y2="6"
                stroke={i.color}
                strokeWidth={i.shape === 'line' ? 3 : 2}
                strokeDasharray={i.shape === 'dashed' ? '4 3' : undefined}
              />
            )}
          </svg>
          {i.label}
        </li>
      ))}
    </ul>
  );
}
