import type { ReactNode } from 'react';
import { Badge, Card, EmptyState, Icon, type BadgeTone } from '~/components/ui';
import {
  CONFIDENCE_LABELS,
  METHOD_NAMES,
  sportLabel,
  THRESHOLD_LABELS,
  THRESHOLD_ORDER,
  type ActivityAnalysisView,
  type Units,
} from '~/utils/analytics';
import { day, fixed, METRES_PER, pace, swimPace } from '~/utils/analytics-format';
import type { loadActivityPage } from '~/utils/analytics.server';
import { ThresholdsLink, useActivityReader } from './activity-reader';

type Activity = Awaited<ReturnType<typeof loadActivityPage>>['activity'];

const CONFIDENCE_TONE: Record<string, BadgeTone> = { high: 'success', medium: 'info', low: 'neutral' };

/** How the load was computed, in a sentence with the numbers it came from. */
function methodSentence(x: ActivityAnalysisView, a: Activity, units: Units, durationRate: number | null): ReactNode {
  const used = x.thresholdsUsed;
  const hr = used.lthr
    ? `threshold heart rate ${used.lthr}`
    : used.max_hr
      ? `a threshold heart rate of 89 % of your maximum (${used.max_hr})`
      : 'your threshold heart rate';
  switch (x.method) {
    case 'power_tss': {
      const np = x.normalizedPower
        ? `normalized power ${Math.round(x.normalizedPower)} W`
        : a.avgPower
          ? `average power ${Math.round(a.avgPower)} W`
          : 'power';
      return `Power TSS from ${np} vs FTP ${x.loadBasis?.used ?? used.ftp ?? '—'}.`;
    }
    case 'rtss': {
      const p = x.gradedPace
        ? `normalized graded pace ${pace(x.gradedPace, units)}`
        : `average pace ${pace((a.movingTimeS / a.distanceM) * METRES_PER[units], units)}`;
      return `Run TSS from ${p} vs threshold pace ${x.loadBasis?.used ?? used.threshold_pace ?? '—'}.`;
    }
    case 'swim_tss':
      return `Swim TSS from average pace ${swimPace(a.distanceM, a.movingTimeS) ?? '—'} vs critical swim speed ${used.css ?? '—'}.`;
    case 'hr_tss':
      return `Heart-rate TSS from average heart rate ${a.avgHr ? `${Math.round(a.avgHr)} bpm` : '—'} vs ${hr}, above a resting heart rate of ${used.resting_hr ?? '60 bpm (assumed)'}.`;
    default:
      return (
        <>
          Estimated from duration
          {durationRate ? ` (${durationRate} per hour for a ${sportLabel(a.sport).toLowerCase()} at moderate effort)` : ''}: there was no
          power, pace or heart rate to compare with a threshold.{' '}
          <ThresholdsLink coach="Thresholds set in the athlete’s own settings would be used">Add thresholds in Settings</ThresholdsLink> for
          a better figure.
        </>
      );
  }
}

/** The threshold this load used: where it came from, and why it is not the one in effect or the activity's own. */
function ThresholdReceipt({ basis: b }: { basis: NonNullable<ActivityAnalysisView['loadBasis']> }) {
  const reader = useActivityReader();
  const label = b.kind === 'max_hr' ? THRESHOLD_LABELS.lthr : THRESHOLD_LABELS[b.kind];
  const from =
    b.source === 'manual'
      ? `${reader.kind === 'coach' ? 'the athlete’s' : 'your'} value from ${day(b.effectiveFrom)}`
      : b.source === 'estimated'
        ? `estimated ${day(b.effectiveFrom)} from earlier activities`
        : 'no threshold in effect that day';
  return (
    <div className="load-basis">
      <p>
        {label} used: <strong>{b.used}</strong> {b.raisedBy && b.inEffect ? `(in effect: ${b.inEffect}, ${from})` : `(${from})`}{' '}
        {b.source === 'activity' ? (
          <Badge tone="warning">From this activity</Badge>
        ) : b.raisedBy ? (
          <Badge tone="info">Raised by this activity</Badge>
        ) : null}
      </p>
      {b.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
    </div>
  );
}

/** How much the activity adds to fitness and fatigue, how that was worked out, and the thresholds in effect. */
export function TrainingLoadCard({
  activity: a,
  analysis: x,
  units,
  durationRate,
}: {
  activity: Activity;
  analysis: ActivityAnalysisView | null;
  units: Units;
  durationRate: number | null;
}) {
  const reader = useActivityReader();
  const used = new Set<string>(x?.usedKinds ?? []);
  const raised = x?.loadBasis?.raisedBy ? x.loadBasis.kind : null;
  // The ones this load was computed from first, then the rest in effect that day.
  const thresholds = x
    ? [...THRESHOLD_ORDER].filter((k) => x.thresholdsUsed[k]).sort((p, q) => Number(used.has(q)) - Number(used.has(p)))
    : [];
  return (
    <Card
      id="load"
      title="Training load"
      description="How much this activity adds to fitness and fatigue, and how that number was worked out."
    >
      {x ? (
        <>
          <p className="load-head">
            <span className="load-value">{fixed(x.load, 0)}</span>
            <span className="muted">{METHOD_NAMES[x.method]}</span>
            <Badge tone={CONFIDENCE_TONE[x.confidence] ?? 'neutral'}>{CONFIDENCE_LABELS[x.confidence]}</Badge>
          </p>
          <p className="load-method">{methodSentence(x, a, units, durationRate)}</p>
          {x.loadBasis ? <ThresholdReceipt basis={x.loadBasis} /> : null}
          <dl className="kv">
            {x.intensity !== null ? (
              <div>
                <dt>Intensity factor</dt>
                <dd>{fixed(x.intensity, 2)}</dd>
              </div>
            ) : null}
            {thresholds.map((k) => (
              <div key={k}>
                <dt>{THRESHOLD_LABELS[k]}</dt>
                <dd>
                  {x.thresholdsUsed[k]}{' '}
                  {used.has(k) ? (
                    <Badge tone="info">{raised === k ? `Raised to ${x.loadBasis?.used} for this load` : 'Used for this load'}</Badge>
                  ) : null}
                </dd>
              </div>
            ))}
          </dl>
          <p className="card-footnote">
            {thresholds.length > 0
              ? `Thresholds in effect on ${day(a.date)}, from ${reader.kind === 'coach' ? 'the athlete’s' : 'your'} own values or estimates. `
              : `No thresholds were in effect on ${day(a.date)}. `}
            <ThresholdsLink coach="The athlete sets them in their own settings.">Training thresholds</ThresholdsLink>
          </p>
        </>
      ) : (
        <EmptyState icon={<Icon name="chart" />} title="Not calculated yet" level={3}>
          <p>This activity's load is computed shortly after it arrives.</p>
        </EmptyState>
      )}
    </Card>
  );
}
