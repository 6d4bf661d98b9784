import { Link } from '@remix-run/react';
import { lazy } from 'react';
import { METRES_PER, day, dayRange, dayShort, hours, pace } from '~/utils/analytics-format';
import {
  TREND_WEEKS,
  WEEK_STATE_WORDS,
  ZONE_BASES,
  ZONE_COLORS,
  ZONE_SPORTS,
  hm,
  type ZoneTrendsView,
  type ZoneWeekView,
} from '~/utils/trends';
import { hrZonesFrom } from '~/utils/analytics';
import { Card, EmptyState, Icon } from '../ui';
import { ChartFrame, ChartLegend } from './ChartFrame';
import { Segmented } from './Segmented';

const ZoneWeeksChart = lazy(() => import('./ZoneWeeksChart.client').then((m) => ({ default: m.ZoneWeeksChart })));

const KIND_WORDS: Record<string, string> = {
  ftp: 'FTP',
  lthr: 'LTHR',
  max_hr: 'max HR',
  threshold_pace: 'threshold pace',
  css: 'CSS',
  resting_hr: 'resting HR',
};

type Threshold = ZoneWeekView['thresholds'][number];

/** "LTHR 170 bpm (yours, from 1 Jan 2020)": the value the zones came from, and where that value came from. */
export function thresholdText(t: Threshold, units: ZoneTrendsView['units']): string {
  const value =
    t.kind === 'ftp'
      ? `${Math.round(t.value)} W`
      : t.kind === 'threshold_pace' || t.kind === 'css'
        ? (pace(METRES_PER[units] / t.value, units) ?? '')
        : `${Math.round(t.value)} bpm`;
  const origin = t.raisedBy
    ? t.raisedBy === 'own_max_hr'
      ? 'the activity’s own maximum'
      : 'raised by the activity’s own effort'
    : t.source === 'activity'
      ? 'from the activity’s own effort: none was in effect'
      : `${t.source === 'manual' ? 'yours' : 'estimated'}, from ${day(t.effectiveFrom)}`;
  // Heart-rate zones are one model, Friel's of a threshold HR: from max HR, the one it implies is named too.
  if (t.kind === 'max_hr') return `${hrZonesFrom(t.kind, t.value)} (${origin})`;
  return `${KIND_WORDS[t.kind] ?? t.kind} ${value} (${origin})`;
}

function emptyWords(weeks: ZoneWeekView[]): { title: string; body: string; settings: boolean } {
  const has = (s: ZoneWeekView['state']) => weeks.some((w) => w.state === s);
  if (has('no_threshold'))
    return {
      title: 'No threshold for these zones',
      body: 'Zones are drawn from your threshold on each activity’s day. Enter it in your training settings and the weeks fill in.',
      settings: true,
    };
  if (has('pending'))
    return { title: 'Your activities are being analysed', body: 'Their zones appear here within a few minutes.', settings: false };
  if (has('no_stream'))
    return { title: 'No recordings with this channel', body: 'Time in zone needs activities recorded with this sensor.', settings: false };
  return { title: 'No activities in these weeks', body: 'Weekly time in zone appears here as activities arrive.', settings: false };
}

export function ZoneWeeksCard({ view }: { view: ZoneTrendsView }) {
  const { weeks, zones, units } = view;
  const counted = weeks.filter((w) => w.state === 'ok');
  const first = weeks[0]!;
  const last = weeks.at(-1)!;
  const thresholds = [...new Map(weeks.flatMap((w) => w.thresholds).map((t) => [thresholdText(t, units), t])).keys()];
  const totals = zones.map((_, i) => counted.reduce((s, w) => s + (w.seconds?.[i] ?? 0), 0));
  const all = totals.reduce((a, b) => a + b, 0);
  const without = weeks.length - counted.length;
  const empty = emptyWords(weeks);
  return (
    <Card
      id="zones"
      title="Time in zone per week"
      description={`The last ${weeks.length} weeks, Monday to Sunday. Each activity is zoned with the threshold in effect on its day.`}
      actions={
        <div className="trends-controls">
          <Segmented label="Zones by" param="basis" value={view.basis} options={ZONE_BASES} hash="zones" />
          {view.basis === 'hr' ? (
            <Segmented label="Sports counted" param="sport" value={view.sport} options={ZONE_SPORTS} hash="zones" />
          ) : null}
          <Segmented label="Weeks shown" param="weeks" value={String(weeks.length)} options={TREND_WEEKS} hash="zones" />
        </div>
      }
    >
      {counted.length === 0 ? (
        <EmptyState
          icon={<Icon name="chart" />}
          title={empty.title}
          level={3}
          actions={empty.settings ? <Link to="/settings/training">Training settings</Link> : undefined}
        >
          <p>{empty.body}</p>
        </EmptyState>
      ) : (
        <>
          <ChartFrame
            label={`Stacked bar chart of weekly time in ${view.basis === 'hr' ? 'heart-rate' : view.basis} zones, weeks of ${dayRange(first.weekStart, last.weekStart)}`}
            size="medium"
            summary={
              `${hours(all)} in zones over ${counted.length} of ${weeks.length} weeks` +
              (all > 0
                ? `; most in zone ${totals.indexOf(Math.max(...totals)) + 1} (${zones[totals.indexOf(Math.max(...totals))]!.name}, ${Math.round((100 * Math.max(...totals)) / all)} %).`
                : '.') +
              (without > 0 ? ` ${without} ${without === 1 ? 'week has' : 'weeks have'} no zone data (see the table for why).` : '')
            }
            legend={
              <ChartLegend
                items={zones.map((z, i) => ({ label: `Z${z.zone} ${z.name}`, color: ZONE_COLORS[i]!, shape: 'block' as const }))}
              />
            }
          >
            <ZoneWeeksChart view={view} />
          </ChartFrame>
          <p className="table-note" data-testid="zone-thresholds">
            Zones from {thresholds.join('; ')}.
          </p>
          <details className="disclosure">
            <summary>Week by week</summary>
            <div className="table-scroll" tabIndex={0} role="group" aria-label="Time in zone per week">
              <table className="table trends-table table-stack stack-3">
                <thead>
                  <tr>
                    <th scope="col">Week of</th>
                    {zones.map((z) => (
                      <th key={z.zone} scope="col" className="num" title={z.name}>
                        Z{z.zone}
                      </th>
                    ))}
                    <th scope="col" className="num">
                      Total
                    </th>
                    <th scope="col" className="num">
                      Counted
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...weeks].reverse().map((w) => (
                    <tr key={w.weekStart} data-state={w.state}>
                      <th scope="row">
                        <Link to={w.listUrl} aria-label={`Activities in the week of ${day(w.weekStart)}`}>
                          {dayShort(w.weekStart)}
                        </Link>
                      </th>
                      {w.seconds ? (
                        <>
                          {w.seconds.map((s, i) => (
                            <td key={zones[i]!.zone} className="num" data-label={`Z${zones[i]!.zone}`}>
                              {hm(s)}
                            </td>
                          ))}
                          <td className="num" data-label="Total">
                            {hm(w.totalS)}
                          </td>
                        </>
                      ) : (
                        <td colSpan={zones.length + 1} className="trends-none">
                          {WEEK_STATE_WORDS[w.state]}
                        </td>
                      )}
                      <td className="num" data-label="Counted">
                        {w.activities.length}
                        {uncounted(w) > 0 ? <span className="trends-uncounted"> +{uncounted(w)} not</span> : null}
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

const uncounted = (w: ZoneWeekView) => w.uncounted.no_stream + w.uncounted.no_threshold + w.uncounted.pending;
