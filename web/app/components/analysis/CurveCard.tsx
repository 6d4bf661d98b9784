import { Link } from '@remix-run/react';
import { lazy } from 'react';
import { ChartFrame, ChartLegend } from '~/components/analytics/ChartFrame';
import { Card } from '~/components/ui';
import {
  type CurvePointView,
  type CurveView,
  curveValue,
  durationLabel,
  KEY_DURATIONS,
  type ModelsView,
  modelAt,
  plotted,
  pointHref,
} from '~/utils/analysis';
import { day, METRES_PER } from '~/utils/analytics-format';
import type { CurveRow } from './CurveChart.client';

const CurveChart = lazy(() => import('./CurveChart.client').then((m) => ({ default: m.CurveChart })));
// The chart module is client-only; its colours are repeated here for the server-drawn legend.
const COLORS = { main: '#1d4ed8', compare: '#c2410c', model: '#334155' } as const;
/** Model points per window: enough for a smooth curve on the log axis. */
const MODEL_STEPS = 16;

/** One row per duration of either curve (and of the model inside its window), ordered by duration. */
export function curveRows(curve: CurveView, models: ModelsView | null): CurveRow[] {
  const rows = new Map<number, CurveRow>();
  const row = (d: number) => rows.get(d) ?? rows.set(d, { d }).get(d)!;
  for (const p of curve.curve.points) Object.assign(row(p.durationS), { main: plotted(p), mp: p });
  for (const p of curve.compare?.points ?? []) Object.assign(row(p.durationS), { compare: plotted(p), cp: p });
  const fit = models?.fit;
  if (models && fit) {
    const { fromS, toS } = models.window;
    const metres = curve.kind === 'speed' ? METRES_PER[curve.units] : null;
    for (let i = 0; i <= MODEL_STEPS; i++) row(Math.round(fromS * (toS / fromS) ** (i / MODEL_STEPS)));
    // Every row inside the window has the model's value, so its line is unbroken there and absent outside.
    for (const r of rows.values()) if (r.d >= fromS && r.d <= toS) r.model = modelAt(fit, r.d, metres);
  }
  return [...rows.values()].sort((a, b) => a.d - b.d);
}

/** The span's name without its dates (the legend gives them): a narrow table keeps room for the values. */
const short = (label: string) => label.replace(/ \(.*\)$/, '');

function Cell({ p, curve }: { p: CurvePointView | undefined; curve: CurveView }) {
  if (!p) return <td className="num">—</td>;
  return (
    <td>
      <Link to={pointHref(p)} className="curve-value">
        {curveValue(curve.kind, curve.paceUnit, plotted(p))}
      </Link>
      <span className="curve-receipt">
        {day(p.date)} · {p.name || 'Untitled activity'}
      </span>
    </td>
  );
}

export function CurveCard({
  curve,
  models,
  labels,
  title,
}: {
  curve: CurveView;
  models: ModelsView | null;
  labels: { main: string; compare: string | null };
  title: string;
}) {
  const rows = curveRows(curve, models);
  const at = (pts: CurvePointView[] | undefined, d: number) => pts?.find((p) => p.durationS === d);
  const keys = KEY_DURATIONS.filter((d) => at(curve.curve.points, d) || at(curve.compare?.points, d));
  const summary = keys
    .filter((d) => at(curve.curve.points, d))
    .slice(0, 6)
    .map((d) => `${durationLabel(d)} ${curveValue(curve.kind, curve.paceUnit, plotted(at(curve.curve.points, d)!))}`)
    .join(', ');
  const hasModel = rows.some((r) => r.model !== undefined);
  return (
    <Card
      id="curve"
      title={title}
      description="Your best effort for every duration. Click a point, or a value in the table, to open the activity at that effort."
    >
      <ChartFrame
        label={`Line chart: ${title.toLowerCase()}, duration on a logarithmic axis`}
        size="tall"
        summary={summary ? `${labels.main}: ${summary}.` : `No points in ${labels.main.toLowerCase()}.`}
        legend={
          <ChartLegend
            items={[
              { label: labels.main, color: COLORS.main, shape: 'line' },
              ...(labels.compare ? [{ label: labels.compare, color: COLORS.compare, shape: 'dashed' as const }] : []),
              ...(hasModel ? [{ label: 'Model (inside its window)', color: COLORS.model, shape: 'dashed' as const }] : []),
            ]}
          />
        }
      >
        <CurveChart rows={rows} kind={curve.kind} paceUnit={curve.paceUnit} labels={labels} />
      </ChartFrame>
      <h3 className="section-title">Key durations</h3>
      <div className="table-scroll" tabIndex={0} role="group" aria-label="Best efforts at key durations">
        <table className="table curve-table">
          <thead>
            <tr>
              <th scope="col">Duration</th>
              <th scope="col">{short(labels.main)}</th>
              {labels.compare ? <th scope="col">{short(labels.compare)}</th> : null}
            </tr>
          </thead>
          <tbody>
            {keys.map((d) => (
              <tr key={d}>
                <th scope="row" className="nowrap">
                  {durationLabel(d)}
                </th>
                <Cell p={at(curve.curve.points, d)} curve={curve} />
                {labels.compare ? <Cell p={at(curve.compare?.points, d)} curve={curve} /> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
