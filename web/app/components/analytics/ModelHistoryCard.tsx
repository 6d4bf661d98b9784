// How the models and the thresholds estimated from them moved, week by week (ADR 065): a chart per sport and the
// weeks the estimate changed, each with what it rested on and its receipt. Mounted on Settings → Training; the
// trends page mounts it too.
import { Link } from '@remix-run/react';
import { lazy } from 'react';
import type { curvesViews } from '../../../../worker/features/analytics';
import { sportColor, type Units } from '~/utils/analytics';
import { day, fixed } from '~/utils/analytics-format';
import { Card } from '../ui';
import { ChartFrame, ChartLegend } from './ChartFrame';
import { thresholdText } from './model-history-format';

const ModelHistoryChart = lazy(() => import('./ModelHistoryChart.client').then((m) => ({ default: m.ModelHistoryChart })));

export type ModelHistoryView = Awaited<ReturnType<(typeof curvesViews)['modelHistory']>>;
export type ModelPointView = ModelHistoryView['points'][number];

const BASIS: Record<NonNullable<ModelPointView['basis']>, string> = {
  model: 'Model',
  best_20min: '95 % of best 20 min',
  best_30min: 'Best 30 min',
};

/** The weeks the threshold changed (the first point included), newest first; weeks without efforts are left out. */
function changes(points: ModelPointView[]): ModelPointView[] {
  const valued = points.filter((p) => p.threshold !== null);
  return valued.filter((p, i) => i === 0 || p.threshold !== valued[i - 1]!.threshold || p.basis !== valued[i - 1]!.basis).reverse();
}

/** The points in effect by today: the next Monday's rests on this week's efforts and is not in effect yet. */
export const inEffectPoints = (h: Pick<ModelHistoryView, 'points' | 'today'>): ModelPointView[] =>
  h.points.filter((p) => p.date <= h.today);

/**
 * The caption: the threshold in effect today, dated from the Monday it took that value, as Settings' current
 * value reads the same stored row (ADR 065); the model behind it is the latest Monday's, never a future one.
 */
export function summaryOf(h: ModelHistoryView, points: ModelPointView[], units: Units): string {
  const last = points.at(-1)!;
  const what = h.sport === 'ride' ? 'FTP estimate' : 'Threshold pace';
  if (last.threshold === null || last.basis === null) {
    // A year without efforts: the estimate lapsed the first Monday with none in its window (ADR 065, "A horizon").
    const prev = changes(points)[0]!;
    const lastValued = points.findLastIndex((p) => p.threshold !== null);
    const lapsed = points[lastValued + 1]!;
    const lastOne = h.sport === 'ride' ? 'the last FTP estimate' : 'the last threshold pace';
    return `No ${h.sport === 'ride' ? 'rides with power' : 'runs with pace'} in the year before ${day(last.date)}: ${lastOne}, ${thresholdText(prev, h.sport, units)} from ${day(prev.date)}, lapsed on ${day(lapsed.date)}; none is in effect.`;
  }
  // The Monday the value took effect: the stored row's date (a row is written only when the value changes).
  let k = points.length - 1;
  while (k > 0 && points[k - 1]!.threshold === last.threshold) k--;
  const since = points[k]!;
  const head = `${what} ${thresholdText(last, h.sport, units)} from ${day(since.date)}`;
  if (last.critical === null)
    return `${head} (${BASIS[last.basis!].toLowerCase()}); the model could not be fitted from the efforts before ${day(last.date)}.`;
  // No margin from one session (ADR 065): its ladder points are one recording's nested windows.
  const se = last.criticalSE;
  const model =
    h.sport === 'ride'
      ? `CP ${Math.round(last.critical)}${se === null ? '' : ` ± ${Math.round(se)}`} W, W′ ${fixed((last.reserve ?? 0) / 1000, 1)} kJ`
      : `CS ${fixed(last.critical, 2)}${se === null ? '' : ` ± ${fixed(se, 2)}`} m/s, D′ ${Math.round(last.reserve ?? 0)} m`;
  const from = se === null ? 'one session’s' : `${last.efforts}`;
  return `${head}: ${model}, from ${from} best efforts of 2–20 min before ${day(last.date)}.`;
}

function SportHistory({ h }: { h: ModelHistoryView }) {
  const units = h.units;
  const label = h.sport === 'ride' ? 'Rides' : 'Runs';
  const points = inEffectPoints(h);
  if (points.length === 0)
    return (
      <>
        <h3 className="section-title">{label}</h3>
        <p className="note">
          {h.points.length === 0
            ? `${h.insufficient}.`
            : 'No estimate is in effect yet: the first rests on this week’s efforts and takes effect next Monday.'}
        </p>
      </>
    );
  const rows = changes(points);
  return (
    <>
      <h3 className="section-title">{label}</h3>
      <ChartFrame
        label={h.sport === 'ride' ? 'Line chart of the FTP estimate and W′ by week' : 'Line chart of the threshold pace and D′ by week'}
        size="short"
        summary={summaryOf(h, points, units)}
        legend={
          <ChartLegend
            items={[
              { label: h.sport === 'ride' ? 'FTP estimate (W)' : 'Threshold pace', color: sportColor(h.sport), shape: 'line' },
              { label: h.sport === 'ride' ? 'W′ (kJ, right)' : 'D′ (m, right)', color: '#7c3aed', shape: 'dashed' },
            ]}
          />
        }
      >
        <ModelHistoryChart points={points} sport={h.sport} units={units} />
      </ChartFrame>
      <details className="disclosure">
        <summary>
          The {rows.length} {rows.length === 1 ? 'week' : 'weeks'} the estimate changed
        </summary>
        <div className="table-scroll" tabIndex={0} role="group" aria-label={`${label}: weeks the estimate changed`}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col" className="num">
                  {h.sport === 'ride' ? 'FTP' : 'Pace'}
                </th>
                <th scope="col">Rests on</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.date}>
                  <td className="nowrap">{day(p.date)}</td>
                  <td className="num">{thresholdText(p, h.sport, units)}</td>
                  <td>
                    {p.note}
                    {p.activityId ? (
                      <>
                        {' '}
                        <Link to={`/activities/${p.activityId}`}>Open the effort</Link>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

export function ModelHistoryCard({ ride, run }: { ride: ModelHistoryView; run: ModelHistoryView }) {
  return (
    <Card
      id="model-history"
      title="How your estimates moved"
      description="Each Monday, from the efforts before it only: critical power (speed) fitted on the 90 days before, else your best 20 minutes (30 for runs) of the year before."
    >
      <SportHistory h={ride} />
      <SportHistory h={run} />
    </Card>
  );
}
