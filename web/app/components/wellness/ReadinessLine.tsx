// Readiness in words: this week's HRV and resting HR against the athlete's own normal range, per source, or how
// many more days the range needs. Facts, no score.
import type { CheckInView } from '~/utils/wellness.server';
import { sourceName as named } from './sources';

type Metric = CheckInView['readiness']['hrv'];
/** Whose range it is: the athlete's own page says "your", their coach's card "their". */
type Whose = 'your' | 'their';

function line(label: string, m: Metric, show: (v: number) => string, whose: Whose): string | null {
  const sourceName = (s: string) => (s === 'checkin' ? `${whose} check-ins` : named(s));
  const range = `${whose} normal range`;
  switch (m.status) {
    case 'none':
      return null;
    case 'establishing':
      return `${label}: establishing ${range} (${m.days} of ${m.needed} days from ${sourceName(m.source)})`;
    case 'no_recent':
      return `${label}: no readings this week (last from ${sourceName(m.source)})`;
    default:
      return `${label} ${m.status} ${range}: 7-day mean ${show(m.week)}, range ${show(m.low)}–${show(m.high)} (${m.baselineDays} days, ${sourceName(m.source)})`;
  }
}

export function ReadinessLine({ readiness, whose = 'your' }: { readiness: CheckInView['readiness']; whose?: Whose }) {
  const lines = [
    // HRV is compared on the log scale; shown back in milliseconds.
    line('HRV', readiness.hrv, (v) => `${Math.round(Math.exp(v))} ms`, whose),
    line('Resting HR', readiness.restingHr, (v) => `${Math.round(v)} bpm`, whose),
  ].filter((l): l is string => l !== null);
  if (lines.length === 0) return null;
  return (
    <ul className="readiness-lines" aria-label="Readiness">
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}
