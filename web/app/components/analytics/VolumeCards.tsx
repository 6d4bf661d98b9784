import { lazy } from 'react';
import {
  SPORT_ORDER,
  sportColor,
  sportLabel,
  VOLUME_METRICS,
  type SportDistributionView,
  type Units,
  type VolumeMetric,
  type WeeklyVolumeView,
} from '~/utils/analytics';
import { day, dayRange, distance, fixed, formatMetric, hours, percent } from '~/utils/analytics-format';
import { Card, EmptyState, Icon } from '../ui';
import { ChartFrame, ChartLegend } from './ChartFrame';
import { Segmented } from './Segmented';

const VolumeChart = lazy(() => import('./VolumeChart.client').then((m) => ({ default: m.VolumeChart })));

const METRIC_WORDS: Record<VolumeMetric, string> = { time: 'moving time', distance: 'distance', load: 'training load' };

export function VolumeCard({ volume, metric }: { volume: WeeklyVolumeView; metric: VolumeMetric }) {
  const { weeks, units } = volume;
  const present = new Set(weeks.flatMap((w) => Object.keys(w.bySport)));
  const sports = SPORT_ORDER.filter((s) => present.has(s));
  const pick = (t: { distance: number; movingS: number; load: number }) =>
    metric === 'distance' ? t.distance : metric === 'time' ? t.movingS / 3600 : t.load;
  const totals = weeks.reduce(
    (acc, w) => ({
      movingS: acc.movingS + w.total.movingS,
      distance: acc.distance + w.total.distance,
      load: acc.load + w.total.load,
      count: acc.count + w.total.count,
    }),
    { movingS: 0, distance: 0, load: 0, count: 0 },
  );
  const values = weeks.map((w) => pick(w.total));
  const first = weeks[0];
  const last = weeks.at(-1);
  return (
    <Card
      id="volume"
      title="Weekly volume"
      description={`The last ${weeks.length} weeks, Monday to Sunday, by sport. The current week is still in progress.`}
      actions={<Segmented label="Measure weekly volume by" param="volume" value={metric} options={VOLUME_METRICS} hash="volume" />}
    >
      {totals.count === 0 || !first || !last ? (
        <EmptyState icon={<Icon name="chart" />} title="No training in these weeks" level={3}>
          <p>Weekly totals appear here as activities from the last {weeks.length} weeks arrive.</p>
        </EmptyState>
      ) : (
        <>
          <ChartFrame
            label={`Bar chart of weekly ${METRIC_WORDS[metric]} by sport, weeks of ${dayRange(first.weekStart, last.weekStart)}`}
            size="medium"
            summary={
              `${totals.count} activities in ${weeks.length} weeks: ${hours(totals.movingS)}, ${distance(totals.distance, units, 0)}, load ${fixed(totals.load, 0)}. ` +
              `Weekly ${METRIC_WORDS[metric]} ranged from ${formatMetric(Math.min(...values), metric, units)} to ${formatMetric(Math.max(...values), metric, units)}.`
            }
            legend={<ChartLegend items={sports.map((s) => ({ label: sportLabel(s), color: sportColor(s), shape: 'block' as const }))} />}
          >
            <VolumeChart weeks={weeks} sports={sports} metric={metric} units={units} />
          </ChartFrame>
          <details className="disclosure">
            <summary>Week by week</summary>
            <div className="table-scroll" tabIndex={0} role="group" aria-label="Weekly totals">
              <table className="table table-stack">
                <thead>
                  <tr>
                    <th scope="col">Week of</th>
                    <th scope="col" className="num">
                      Time
                    </th>
                    <th scope="col" className="num">
                      Distance
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
                  {[...weeks].reverse().map((w) => (
                    <tr key={w.weekStart}>
                      <th scope="row">{day(w.weekStart)}</th>
                      <td className="num" data-label="Time">
                        {hours(w.total.movingS)}
                      </td>
                      <td className="num" data-label="Distance">
                        {distance(w.total.distance, units)}
                      </td>
                      <td className="num" data-label="Load">
                        {fixed(w.total.load, 0)}
                      </td>
                      <td className="num" data-label="Activities">
                        {w.total.count}
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

export function SportSplitCard({ sports: dist, units }: { sports: SportDistributionView; units: Units }) {
  const rows = dist.sports.filter((s) => s.movingS > 0);
  return (
    <Card id="sports" title="Sport split" description={`Share of moving time, ${dayRange(dist.from, dist.to)}.`}>
      {rows.length === 0 ? (
        <EmptyState icon={<Icon name="activity" />} title="No training in these weeks" level={3}>
          <p>The split appears once there are activities in the period.</p>
        </EmptyState>
      ) : (
        <ul className="split-list">
          {rows.map((s) => (
            <li key={s.sport} className="split">
              <p className="split-head">
                <span className="split-name">{sportLabel(s.sport)}</span>
                <strong className="split-share">{percent(s.share)}</strong>
              </p>
              <svg className="split-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect x="0" y="0" width="100" height="8" rx="2" className="split-track" />
                <rect x="0" y="0" width={Math.max(1, s.share * 100)} height="8" rx="2" fill={sportColor(s.sport)} />
              </svg>
              <p className="split-meta">
                {hours(s.movingS)}
                {s.distance > 0 ? ` · ${distance(s.distance, units)}` : ''} · {s.count} {s.count === 1 ? 'activity' : 'activities'}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
