import { Link, useNavigate } from '@remix-run/react';
import { lazy, useMemo } from 'react';
import { type CurveRow, type CurveView, CURVE_TITLE, curveRows, curveValue, durationLabel, momentHref } from '~/utils/activity-curve';
import type { Units } from '~/utils/analytics';
import { day, raceTime } from '~/utils/analytics-format';
import { ChartFrame, ChartLegend } from '../analytics/ChartFrame';
import { Segmented } from '../analytics/Segmented';
import { Card } from '../ui';
import { useActivityReader } from './activity-reader';

const ActivityCurveChart = lazy(() => import('./ActivityCurveChart.client').then((m) => ({ default: m.ActivityCurveChart })));

/** The durations the table lists, as athletes quote their bests. */
const LISTED = [5, 15, 60, 300, 1200, 3600];
const KIND_LABEL = { power: 'Power', speed: 'Pace', hr: 'Heart rate' } as const;

/**
 * The activity's mean-maximal curve against the best of its season, on a log-time axis; a point of this activity
 * selects its window on the charts, a season best opens the activity that holds it at that moment.
 */
export function ActivityCurveCard({
  curve,
  units,
  onSelect,
}: {
  curve: CurveView;
  units: Units;
  onSelect: (from: number, to: number) => void;
}) {
  const rows = useMemo(() => curveRows(curve), [curve]);
  const navigate = useNavigate();
  const reader = useActivityReader();
  const listed = rows.filter((r) => LISTED.includes(r.d) && r.mine !== null);
  const pick = (r: CurveRow) => {
    if (r.best && r.best.activityId !== curve.activityId && r.mine === null)
      navigate(momentHref(r.best.activityId, r.best.startS, r.d, reader.activityHref));
    else if (r.mineStartS !== null) onSelect(r.mineStartS, r.mineStartS + r.d);
  };
  const seasonLabel = curve.season?.span.label ?? 'season';
  const tabs = curve.kinds.length > 1 ? curve.kinds.map((k) => ({ value: k, label: KIND_LABEL[k] })) : null;
  return (
    <Card
      id="curve"
      title={CURVE_TITLE[curve.kind]}
      description={`The best this activity held for every duration, against the best of its ${seasonLabel}${curve.sport ? ` (${curve.sport}s)` : ''}. Click a duration to select it on the charts.`}
      actions={tabs ? <Segmented label="Curve" param="curve" options={tabs} value={curve.kind} hash="curve" /> : null}
    >
      {curve.reason ? (
        <p className="muted" data-testid="curve-reason">
          {curve.reason}
        </p>
      ) : (
        <>
          <ChartFrame
            label={`${CURVE_TITLE[curve.kind]} of this activity against the ${seasonLabel}, by duration on a logarithmic axis`}
            size="medium"
            summary={summaryOf(curve, rows, units)}
            legend={
              <ChartLegend
                items={[
                  { label: 'This activity', color: '#2563eb', shape: 'line' },
                  ...(curve.season ? [{ label: `${seasonLabel} best`, color: '#94a3b8', shape: 'line' as const }] : []),
                ]}
              />
            }
          >
            <ActivityCurveChart rows={rows} curve={curve} units={units} onPick={pick} />
          </ChartFrame>
          {curve.seasonReason ? <p className="muted">{curve.seasonReason}</p> : null}
          <div className="table-scroll" tabIndex={0} role="group" aria-label={`${CURVE_TITLE[curve.kind]}: bests of this activity`}>
            <table className="table curve-table" data-testid="curve-table">
              <thead>
                <tr>
                  <th scope="col">Duration</th>
                  <th scope="col">This activity</th>
                  {curve.season ? <th scope="col">Season best</th> : null}
                </tr>
              </thead>
              <tbody>
                {listed.map((r) => (
                  <tr key={r.d}>
                    <th scope="row">{durationLabel(r.d)}</th>
                    <td>
                      <button type="button" className="link-button" onClick={() => onSelect(r.mineStartS!, r.mineStartS! + r.d)}>
                        {curveValue(curve, r.mine, units)}
                      </button>{' '}
                      <span className="muted">at {raceTime(r.mineStartS!)}</span>
                    </td>
                    {curve.season ? (
                      <td>
                        {r.best ? (
                          r.best.activityId === curve.activityId ? (
                            <>
                              {curveValue(curve, r.season, units)} <span className="muted">this activity</span>
                            </>
                          ) : (
                            <>
                              {curveValue(curve, r.season, units)}{' '}
                              <Link to={momentHref(r.best.activityId, r.best.startS, r.d, reader.activityHref)}>
                                {r.best.name || 'Untitled activity'}, {day(r.best.date)}
                              </Link>
                            </>
                          )
                        ) : (
                          '—'
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  );
}

function summaryOf(curve: CurveView, rows: CurveRow[], units: Units): string {
  const held = rows.filter((r) => r.best?.activityId === curve.activityId).map((r) => durationLabel(r.d));
  const first = rows.find((r) => r.mine !== null);
  const last = [...rows].reverse().find((r) => r.mine !== null);
  const span =
    first && last
      ? `From ${curveValue(curve, first.mine, units)} over ${durationLabel(first.d)} to ${curveValue(curve, last.mine, units)} over ${durationLabel(last.d)}.`
      : '';
  const seasonBit = curve.season
    ? held.length
      ? ` It holds the season's best for ${held.length} duration${held.length === 1 ? '' : 's'} (${held.slice(0, 4).join(', ')}${held.length > 4 ? ', …' : ''}).`
      : ' It holds none of the season’s bests.'
    : '';
  return `${span}${seasonBit}`;
}
