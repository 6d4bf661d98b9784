import { PHASE_LABELS } from '~/utils/plans';

interface Week {
  week: number;
  phase: string;
  plannedHours: number;
}

const PHASE_COLORS: Record<string, string> = { base: '#5eead4', build: '#0f766e', peak: '#be185d', taper: '#f59e0b', recovery: '#cbd5e1' };

/** Weekly hours as bars coloured by phase: drawn as SVG attributes (no inline styles), so it renders on the server too. */
export function PhaseBars({ weeks }: { weeks: Week[] }) {
  const max = Math.max(1, ...weeks.map((w) => w.plannedHours));
  const bar = 100 / Math.max(1, weeks.length);
  const phases = [...new Set(weeks.map((w) => w.phase))];
  return (
    <figure className="plan-bars">
      <svg
        viewBox="0 0 100 40"
        preserveAspectRatio="none"
        className="plan-bars-svg"
        role="img"
        aria-label={`Planned hours for each of ${weeks.length} weeks, by phase`}
      >
        {weeks.map((w, i) => {
          const h = (w.plannedHours / max) * 38;
          return (
            <rect key={w.week} x={i * bar + bar * 0.1} y={40 - h} width={bar * 0.8} height={h} fill={PHASE_COLORS[w.phase] ?? '#94a3b8'}>
              <title>{`Week ${w.week}: ${PHASE_LABELS[w.phase] ?? w.phase}, ${w.plannedHours.toFixed(1)} h`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="chart-legend plan-bars-legend">
        {phases.map((p) => (
          <span key={p} className="plan-bars-key">
            <svg width="12" height="12" aria-hidden="true">
              <rect width="12" height="12" rx="2" fill={PHASE_COLORS[p] ?? '#94a3b8'} />
            </svg>{' '}
            {PHASE_LABELS[p] ?? p}
          </span>
        ))}
        <span className="plan-muted">Peak week {max.toFixed(1)} h</span>
      </figcaption>
    </figure>
  );
}
