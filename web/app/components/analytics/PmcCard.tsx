import { lazy } from 'react';
import { PMC_COLORS, PMC_RANGES, type FitnessView, type PmcRange, type Units } from '~/utils/analytics';
import { addDays, day, dayRange, fixed, weekdayMon0 } from '~/utils/analytics-format';
import { Card, EmptyState, Icon } from '../ui';
import { ChartFrame, ChartLegend } from './ChartFrame';
import { Segmented } from './Segmented';
import { WhyLink } from '../wellness/WhyLink';

const PmcChart = lazy(() => import('./PmcChart.client').then((m) => ({ default: m.PmcChart })));

type Day = FitnessView['days'][number];

/** One row per Monday–Sunday week: the values on its last day shown, and the week's load. */
function weeklyRows(days: Day[]) {
  const rows: { from: string; to: string; ctl: number; atl: number; tsb: number; load: number; count: number }[] = [];
  for (const d of days) {
    const last = rows.at(-1);
    if (last && weekdayMon0(d.date) !== 0 && d.date <= addDays(last.from, 6)) {
      Object.assign(last, {
        to: d.date,
        ctl: d.ctl,
        atl: d.atl,
        tsb: d.tsb,
        load: last.load + d.load,
        count: last.count + d.activities.length,
      });
    } else rows.push({ from: d.date, to: d.date, ctl: d.ctl, atl: d.atl, tsb: d.tsb, load: d.load, count: d.activities.length });
  }
  return rows.reverse();
}

function summaryOf(days: Day[]): string {
  const first = days[0]!;
  const last = days.at(-1)!;
  const peak = days.reduce((m, d) => (d.ctl > m.ctl ? d : m), first);
  const lowTsb = days.reduce((m, d) => (d.tsb < m.tsb ? d : m), first);
  const highTsb = days.reduce((m, d) => (d.tsb > m.tsb ? d : m), first);
  const active = days.filter((d) => d.activities.length > 0).length;
  return (
    `${dayRange(first.date, last.date)}: fitness (CTL) went from ${fixed(first.ctl, 1)} to ${fixed(last.ctl, 1)}, highest ${fixed(peak.ctl, 1)} on ${day(peak.date)}. ` +
    `Form (TSB) ranged from ${fixed(lowTsb.tsb, 1)} (${day(lowTsb.date)}) to ${fixed(highTsb.tsb, 1)} (${day(highTsb.date)}). ${active} of ${days.length} days had training.`
  );
}

export function PmcCard({ fitness, range, units }: { fitness: FitnessView; range: PmcRange; units: Units }) {
  const { days } = fitness;
  const label = PMC_RANGES.find((r) => r.value === range)?.label ?? '';
  return (
    <Card
      id="fitness"
      title="Fitness, fatigue & form"
      description={`Daily values over the last ${label}. Hover or focus the chart for a day's activities.`}
      actions={<Segmented label="Chart range" param="range" value={range} options={PMC_RANGES} hash="fitness" />}
    >
      {days.length === 0 ? (
        <EmptyState icon={<Icon name="chart" />} title="Not calculated yet" level={3}>
          <p>Fitness, fatigue and form appear once your activities' loads are computed.</p>
        </EmptyState>
      ) : (
        <>
          <ChartFrame
            label={`Chart of fitness, fatigue and form, ${dayRange(days[0]!.date, days.at(-1)!.date)}`}
            size="tall"
            summary={summaryOf(days)}
            legend={
              <ChartLegend
                items={[
                  { label: 'Fitness (CTL)', color: PMC_COLORS.ctl, shape: 'line' },
                  { label: 'Fatigue (ATL)', color: PMC_COLORS.atl, shape: 'dashed' },
                  { label: 'Form (TSB)', color: PMC_COLORS.tsb, fill: PMC_COLORS.tsbFill, shape: 'block' },
                ]}
              />
            }
          >
            <PmcChart days={days} units={units} />
          </ChartFrame>
          <WhyLink chart="fitness" from={days[0]!.date} to={days.at(-1)!.date} />
          <details className="disclosure">
            <summary>Week by week</summary>
            <div className="table-scroll" tabIndex={0} role="group" aria-label="Fitness, fatigue and form by week">
              <table className="table table-stack stack-3">
                <thead>
                  <tr>
                    <th scope="col">Week</th>
                    <th scope="col" className="num">
                      Fitness
                    </th>
                    <th scope="col" className="num">
                      Fatigue
                    </th>
                    <th scope="col" className="num">
                      Form
                    </th>
                    <th scope="col" className="num">
                      Load
                    </th>
                    <th scope="col" className="num">
                      Activities
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {weeklyRows(days).map((w) => (
                    <tr key={w.from}>
                      <th scope="row">{dayRange(w.from, w.to)}</th>
                      <td className="num" data-label="Fitness">
                        {fixed(w.ctl, 1)}
                      </td>
                      <td className="num" data-label="Fatigue">
                        {fixed(w.atl, 1)}
                      </td>
                      <td className="num" data-label="Form">
                        {fixed(w.tsb, 1)}
                      </td>
                      <td className="num" data-label="Load">
                        {fixed(w.load, 0)}
                      </td>
                      <td className="num" data-label="Activities">
                        {w.count}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="table-note">Fitness, fatigue and form as of the week's last day.</p>
          </details>
        </>
      )}
    </Card>
  );
}
