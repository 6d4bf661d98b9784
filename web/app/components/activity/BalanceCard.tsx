import { Link } from '@remix-run/react';
import { lazy } from 'react';
import { type BalanceView, durationLabel, hardestStretch, lowestLabel, momentHref, reserveText } from '~/utils/activity-curve';
import type { Units } from '~/utils/analytics';
import { day, dayRange, fixed, METRES_PER, pace, plusMinus, raceTime } from '~/utils/analytics-format';
import { ChartFrame } from '../analytics/ChartFrame';
import { Alert, Button, Card } from '../ui';
import { useActivityReader } from './activity-reader';

const BalanceChart = lazy(() => import('./BalanceChart.client').then((m) => ({ default: m.BalanceChart })));

/**
 * W′ balance across a ride (D′ balance across a run): what is left of the reserve above critical power (speed) at
 * each moment, under the model of the 90 days to the activity's day, with its lowest point marked; clicking that
 * point selects the stretch that emptied it on the stream charts.
 */
export function BalanceCard({
  b,
  units,
  onSelect,
  range = null,
}: {
  b: BalanceView;
  units: Units;
  onSelect: (from: number, to: number) => void;
  /** The range the stream charts are zoomed to: the balance shows the same stretch. */
  range?: { from: number; to: number } | null;
}) {
  const ride = b.kind === 'power';
  const reader = useActivityReader();
  const reserve = ride ? 'W′' : 'D′';
  const title = `${reserve} balance`;
  const fit = b.model?.fit ?? null;
  const label = lowestLabel(b);
  if (!b.series || !fit || !b.lowest || !label) {
    return (
      <Card id="w-balance" title={title}>
        <p className="muted" data-testid="balance-reason">
          {b.insufficient}
        </p>
      </Card>
    );
  }
  const stretch = hardestStretch(b);
  const show = () => stretch && onSelect(stretch.from, stretch.to);
  // The threshold the load card used, when its load read one: one threshold per activity on the page (issue 55).
  const used = b.threshold;
  const cs = used ? used.value : fit.critical;
  const critical = ride
    ? `CP ${Math.round(used?.value ?? fit.critical)} W`
    : `CS ${pace(used ? METRES_PER[units] / cs : fit.criticalPace, units) ?? `${fixed(cs, 2)} m/s`}`;
  const criticalFrom = used
    ? `${critical}, the ${ride ? 'FTP' : 'threshold pace'} this activity’s training load used`
    : `${critical} from the same fit`;
  const full = b.lowest.pct >= 99.5;
  return (
    <Card
      id="w-balance"
      title={title}
      description={`What is left of ${reserve} (${reserveText(b, fit.reserve)}) above ${critical}, second by second: it falls when you go harder than ${ride ? 'CP' : 'CS'} and refills below it.`}
    >
      {b.exhausted ? (
        <Alert tone="warning">
          {reserve} went below zero: you spent more above {ride ? 'CP' : 'CS'} than the model says you had.{' '}
          {b.model!.efforts.every((e) => e.activityId === b.activityId)
            ? `The model rests on this activity's efforts alone, which cannot show all you can do; harder efforts of 2 to 20 minutes in the 90 days make it firmer.`
            : `The model underrates you — a sign ${ride ? 'CP or W′' : 'CS or D′'} has risen.`}
        </Alert>
      ) : null}
      <p className="balance-lowest" data-testid="balance-lowest">
        {full ? (
          `Never drawn on: the activity stayed below ${ride ? 'CP' : 'CS'}.`
        ) : (
          <>
            <strong>{label[0]!.toUpperCase() + label.slice(1)}</strong>{' '}
            {stretch ? (
              <Button variant="secondary" size="sm" onClick={show}>
                Show {raceTime(stretch.from)}–{raceTime(stretch.to)} on the charts
              </Button>
            ) : null}
          </>
        )}
      </p>
      <ChartFrame
        label={`${title} over the activity's time, with the lowest point marked`}
        size="short"
        summary={`${reserve} ${reserveText(b, fit.reserve)} from the ${b.model!.efforts.length} best efforts of ${dayRange(b.model!.span.from, b.model!.span.to)} (this activity included, no day after it); ${criticalFrom}. ${b.form}.`}
      >
        <BalanceChart b={b} label={label} onLowest={show} range={range} />
      </ChartFrame>
      <details className="disclosure">
        <summary>The model and the efforts behind it</summary>
        <p className="muted">
          Two-parameter critical {ride ? 'power' : 'speed'} model fitted by least squares on {durationLabel(b.model!.window.fromS)}–
          {durationLabel(b.model!.window.toS)} bests:{' '}
          {ride ? `CP ${Math.round(fit.critical)} W` : `CS ${pace(fit.criticalPace, units) ?? `${fixed(fit.critical, 2)} m/s`}`}
          {plusMinus(fit.criticalSE, (x) => (ride ? `${fixed(x, 1)} W` : `${fixed(x, 3)} m/s`))}, {reserve} {reserveText(b, fit.reserve)}
          {plusMinus(fit.reserveSE, (x) => reserveText(b, x))}, R² {fixed(fit.r2, 3)}
          {fit.criticalSE === null ? ' (one session: no margin of error)' : ''}.
        </p>
        <ul className="balance-efforts">
          {b.model!.efforts.map((e) => (
            <li key={e.durationS}>
              {durationLabel(e.durationS)}: {ride ? `${Math.round(e.value)} W` : (pace(e.pace, units) ?? `${fixed(e.value, 2)} m/s`)} ·{' '}
              <Link to={momentHref(e.activityId, e.startS, e.durationS, reader.activityHref)}>
                {e.name || 'Untitled activity'}, {day(e.date)}
              </Link>
            </li>
          ))}
        </ul>
      </details>
    </Card>
  );
}
