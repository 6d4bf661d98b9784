import { Link } from '@remix-run/react';
import { lazy } from 'react';
import { fixed, monthName } from '~/utils/analytics-format';
import { EFFICIENCY_SPORTS, TREND_MONTHS, type EfficiencyMonthView, type EfficiencyTrendsView } from '~/utils/trends';
import { Card, EmptyState, Icon } from '../ui';
import { ChartFrame, ChartLegend } from './ChartFrame';
import { Segmented } from './Segmented';
import { monthEnd, WhyLink } from '../wellness/WhyLink';

const EfficiencyMonthsChart = lazy(() => import('./EfficiencyMonthsChart.client').then((m) => ({ default: m.EfficiencyMonthsChart })));
// The chart's colours, repeated here so the server-drawn legend needs no chart code.
const EF_COLOR = '#0f766e';
const DECOUPLING_COLOR = '#cbd5e1';

const monthLabel = (month: string) => `${monthName(Number(month.slice(5, 7)) - 1)} ${month.slice(0, 4)}`;

function Stat({ s, minSample, text }: { s: EfficiencyMonthView['efficiency']; minSample: number; text: (v: number) => string }) {
  if (s.median !== null) return <>{text(s.median)}</>;
  return <span className="trends-none">{s.n === 0 ? '—' : `not enough data (${s.n} of ${minSample})`}</span>;
}

export function EfficiencyMonthsCard({ view }: { view: EfficiencyTrendsView }) {
  const { months, minSample } = view;
  const kind = view.sport === 'run' ? 'easy runs' : 'steady rides';
  const withValue = months.filter((m) => m.efficiency.median !== null);
  const n = months.reduce((s, m) => s + m.efficiency.n, 0);
  const firstV = withValue[0];
  const lastV = withValue.at(-1);
  return (
    <Card
      id="efficiency-trend"
      title="Efficiency and decoupling by month"
      description={`Monthly medians of the efficiency factor (${view.efficiencyUnit}) and of aerobic decoupling on ${kind} with heart rate; a month needs ${minSample} activities for a median.`}
      actions={
        <div className="trends-controls">
          <Segmented label="Sport" param="eff" value={view.sport} options={EFFICIENCY_SPORTS} hash="efficiency-trend" />
          <Segmented label="Months shown" param="months" value={String(months.length)} options={TREND_MONTHS} hash="efficiency-trend" />
        </div>
      }
    >
      {n === 0 ? (
        <EmptyState icon={<Icon name="chart" />} title={`No ${kind} with heart rate in these months`} level={3}>
          <p>
            {view.sport === 'run'
              ? 'Runs of 20 minutes or more below 89 % of your threshold heart rate count here.'
              : 'Rides of 20 minutes or more with power and heart rate count here.'}
          </p>
        </EmptyState>
      ) : (
        <>
          <ChartFrame
            label={`Monthly efficiency factor and decoupling of ${kind}, ${monthLabel(months[0]!.month)} to ${monthLabel(months.at(-1)!.month)}`}
            size="medium"
            summary={
              `${n} ${kind} in ${months.length} months; ${withValue.length} ${withValue.length === 1 ? 'month has' : 'months have'} enough for a median.` +
              (firstV && lastV && firstV !== lastV
                ? ` Efficiency went from ${fixed(firstV.efficiency.median!, 3)} (${monthLabel(firstV.month)}) to ${fixed(lastV.efficiency.median!, 3)} (${monthLabel(lastV.month)}).`
                : '')
            }
            legend={
              <ChartLegend
                items={[
                  { label: `Efficiency factor (${view.efficiencyUnit})`, color: EF_COLOR, shape: 'line' },
                  { label: 'Decoupling (%)', color: DECOUPLING_COLOR, shape: 'block' },
                ]}
              />
            }
          >
            <EfficiencyMonthsChart view={view} />
          </ChartFrame>
          <WhyLink chart="efficiency" from={`${months[0]!.month}-01`} to={monthEnd(months.at(-1)!.month)} />
          <details className="disclosure">
            <summary>Month by month</summary>
            <div className="table-scroll" tabIndex={0} role="group" aria-label="Efficiency and decoupling per month">
              <table className="table trends-table table-stack stack-3">
                <thead>
                  <tr>
                    <th scope="col">Month</th>
                    <th scope="col" className="num">
                      EF
                    </th>
                    <th scope="col" className="num">
                      Decoupling
                    </th>
                    <th scope="col" className="num">
                      Activities
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...months].reverse().map((m) => (
                    <tr key={m.month}>
                      <th scope="row">
                        <Link to={m.listUrl} aria-label={`Activities in ${monthLabel(m.month)}`}>
                          {monthLabel(m.month)}
                        </Link>
                      </th>
                      <td className="num" data-label="EF">
                        <Stat s={m.efficiency} minSample={minSample} text={(v) => fixed(v, 3)} />
                      </td>
                      <td className="num" data-label="Decoupling">
                        <Stat s={m.decoupling} minSample={minSample} text={(v) => `${fixed(v, 1)} %`} />
                      </td>
                      <td className="num" data-label="Activities">
                        {m.efficiency.n}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </Card>
  );
}
