import { Link } from '@remix-run/react';
import { lazy } from 'react';
import { hrZonesFrom, sportColor, sportLabel, type EfficiencyView, type Units } from '~/utils/analytics';
import { counted, day, dayRange, fixed, pace, signed } from '~/utils/analytics-format';
import { Card } from '../ui';
import { ChartFrame, ChartLegend } from './ChartFrame';

const EfficiencyChart = lazy(() => import('./EfficiencyChart.client').then((m) => ({ default: m.EfficiencyChart })));

type Series = EfficiencyView['runs'];

const UNIT = { run: 'm per beat', ride: 'W per bpm' } as const;
const DECIMALS = { run: 3, ride: 2 } as const;

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function trendSentence(series: Series, kind: 'run' | 'ride'): string {
  const t = series.trend;
  const n = series.points.length;
  const what = kind === 'run' ? 'easy runs' : 'rides';
  if (!t) return `${n} ${n === 1 ? what.replace(/s$/, '') : what}: a trend needs at least 2.`;
  return `Trend over ${t.n} ${what}, ${dayRange(t.from, t.to)}: from ${fixed(t.start, DECIMALS[kind])} to ${fixed(t.end, DECIMALS[kind])} ${UNIT[kind]} (${signed(t.changePct, 1)} %).`;
}

function SeriesBlock({ series, kind, units, from, to }: { series: Series; kind: 'run' | 'ride'; units: Units; from: string; to: string }) {
  const summary = trendSentence(series, kind);
  return (
    <>
      <ChartFrame
        label={
          kind === 'run'
            ? 'Scatter chart of easy-run efficiency in metres per heartbeat, with trend line'
            : 'Scatter chart of ride efficiency in watts per heartbeat, with trend line'
        }
        size="short"
        summary={summary}
        legend={
          <ChartLegend
            items={[
              { label: kind === 'run' ? 'Easy run' : 'Ride', color: sportColor(kind), shape: 'dot' },
              { label: 'Trend', color: '#334155', shape: 'dashed' },
            ]}
          />
        }
      >
        <EfficiencyChart points={series.points} trend={series.trend} kind={kind} units={units} from={from} to={to} />
      </ChartFrame>
      <details className="disclosure">
        <summary>The {counted(series.points.length, kind === 'run' ? 'run' : 'ride')} behind this</summary>
        <div
          className="table-scroll"
          tabIndex={0}
          role="group"
          aria-label={kind === 'run' ? 'Easy runs used for efficiency' : 'Rides used for efficiency'}
        >
          {/* A run has four figures (two by two), a ride three (one line). */}
          <table className={kind === 'run' ? 'table table-stack' : 'table table-stack stack-3'}>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Activity</th>
                <th scope="col" className="num">
                  {kind === 'run' ? 'm per beat' : 'W per bpm'}
                </th>
                <th scope="col" className="num">
                  {kind === 'run' ? 'Pace' : 'Power'}
                </th>
                <th scope="col" className="num">
                  Avg HR
                </th>
                {kind === 'run' ? (
                  <th scope="col" className="num">
                    Pace at fixed HR
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {[...series.points].reverse().map((p) => (
                <tr key={p.activityId}>
                  <td className="nowrap stack-muted">{day(p.date)}</td>
                  <td>
                    <Link to={`/activities/${p.activityId}`}>{p.name || 'Untitled activity'}</Link>
                  </td>
                  <td className="num" data-label={UNIT[kind]}>
                    {fixed(p.efficiency, DECIMALS[kind])}
                  </td>
                  <td className="num" data-label={kind === 'run' ? 'Pace' : 'Power'}>
                    {kind === 'run' ? (pace(p.pace, units) ?? '—') : p.power ? `${Math.round(p.power)} W` : '—'}
                  </td>
                  <td className="num" data-label="Avg HR">
                    {Math.round(p.avgHr)} bpm
                  </td>
                  {kind === 'run' ? (
                    <td className="num" data-label="Pace at fixed HR">
                      {pace(p.paceAtFixedHr, units) ?? '—'}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

export function EfficiencyCard({ efficiency }: { efficiency: EfficiencyView }) {
  const { runs, rides, decoupling, units, easyHrCeiling, easyHrBasis, from, to } = efficiency;
  return (
    <Card id="efficiency" title="Aerobic efficiency" description={`Sessions of 20 minutes or more with heart rate, ${dayRange(from, to)}.`}>
      <h3 className="section-title">Easy runs</h3>
      <p className="section-text">
        Metres covered per heartbeat on runs averaging{' '}
        {easyHrCeiling && easyHrBasis ? (
          <>
            at most {easyHrCeiling} bpm: 89 % of {hrZonesFrom(easyHrBasis.kind, easyHrBasis.value)},{' '}
            {easyHrBasis.source === 'manual' ? 'your value' : 'estimated'} from {day(easyHrBasis.effectiveFrom)}. That is heart-rate zones
            1–2, as Trends counts them
          </>
        ) : (
          'at most 89 % of your threshold heart rate'
        )}
        . Higher means more distance for the same heart rate.
      </p>
      {runs.points.length === 0 ? (
        easyHrCeiling ? (
          <p className="note">No easy runs with heart rate in this period yet.</p>
        ) : (
          <p className="note">
            Easy runs are picked by heart rate, so they need a threshold or maximum heart rate:{' '}
            <Link to="/settings/training">set one in Training thresholds</Link>, or it is estimated once runs with heart rate arrive.
          </p>
        )
      ) : (
        <SeriesBlock series={runs} kind="run" units={units} from={from} to={to} />
      )}

      <h3 className="section-title">Rides</h3>
      {rides.points.length === 0 ? (
        <p className="note">No rides with power and heart rate in this period yet.</p>
      ) : (
        <>
          <p className="section-text">Watts (normalized power) per beat of average heart rate.</p>
          <SeriesBlock series={rides} kind="ride" units={units} from={from} to={to} />
        </>
      )}

      <h3 className="section-title">Decoupling on long steady sessions</h3>
      <p className="section-text">
        How much heart rate drifted against pace (runs) or power (rides) from the first half of the session to the second.
      </p>
      {decoupling.length === 0 ? (
        <p className="note">No long steady sessions with heart rate in this period yet.</p>
      ) : (
        <>
          <p className="section-text tabular">
            {decoupling.length} {decoupling.length === 1 ? 'session' : 'sessions'}, median{' '}
            {signed(median(decoupling.map((d) => d.decouplingPct)), 1)} %, range{' '}
            {signed(Math.min(...decoupling.map((d) => d.decouplingPct)), 1)} % to{' '}
            {signed(Math.max(...decoupling.map((d) => d.decouplingPct)), 1)} %.
          </p>
          <details className="disclosure">
            <summary>
              The {decoupling.length} {decoupling.length === 1 ? 'session' : 'sessions'}
            </summary>
            <div className="table-scroll" tabIndex={0} role="group" aria-label="Decoupling per session">
              <table className="table table-stack">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Activity</th>
                    <th scope="col">Sport</th>
                    <th scope="col" className="num">
                      Decoupling
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...decoupling].reverse().map((d) => (
                    <tr key={d.activityId}>
                      <td className="nowrap stack-muted">{day(d.date)}</td>
                      <td>
                        <Link to={`/activities/${d.activityId}`}>{d.name || 'Untitled activity'}</Link>
                      </td>
                      <td data-label="Sport">{sportLabel(d.sport)}</td>
                      <td className="num" data-label="Decoupling">
                        {signed(d.decouplingPct, 1)} %
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
