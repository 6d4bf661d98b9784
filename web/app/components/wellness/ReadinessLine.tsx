// Readiness in words: this week's HRV and resting HR against the athlete's own normal range, per source, or how
// many more days the range needs. Facts, no score.
import type { CheckInView } from '~/utils/wellness.server';
import { sourceName as named } from './sources';

const sourceName = (s: string) => (s === 'checkin' ? 'your check-ins' : named(s));

type Metric = CheckInView['readiness']['hrv'];

const WORDS = { within: 'within your normal range', below: 'below your normal range', above: 'above your normal range' } as const;

function line(label: string, m: Metric, show: (v: number) => string): string | null {
  switch (m.status) {
    case 'none':
      return null;
    case 'establishing':
      return `${label}: establishing your normal range (${m.days} of ${m.needed} days from ${sourceName(m.source)})`;
    case 'no_recent':
      return `${label}: no readings this week (last from ${sourceName(m.source)})`;
    default:
      return `${label} ${WORDS[m.status]}: 7-day mean ${show(m.week)}, range ${show(m.low)}–${show(m.high)} (${m.baselineDays} days, ${sourceName(m.source)})`;
  }
}

export function ReadinessLine({ readiness }: { readiness: CheckInView['readiness'] }) {
  const lines = [
    // HRV is compared on the log scale; shown back in milliseconds.
    line('HRV', readiness.hrv, (v) => `${Math.round(Math.exp(v))} ms`),
    line('Resting HR', readiness.restingHr, (v) => `${Math.round(v)} bpm`),
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
