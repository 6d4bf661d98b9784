import { Link as RouterLink } from '@remix-run/react';
import { useCallback } from 'react';
import { dayRange, dayShort, fixed, pace, plusMinus, powerDuration } from '~/utils/analytics-format';
import { type ApiError, type Resource, useResource } from '../api';
import { SectionCard } from '../SectionCard';

type Units = 'km' | 'mi';
interface Point {
  durationS: number;
  value: number;
  pace: number | null;
  activityId: string;
  date: string;
  name: string;
}
interface Curve {
  units: Units;
  curve: { span: { from: string; to: string }; points: Point[] };
  notShown: string | null;
}
interface Models {
  units: Units;
  span: { from: string; to: string };
  window: { fromS: number; toS: number };
  fit: { critical: number; criticalSE: number | null; criticalPace: number | null; reserve: number; reserveSE: number | null } | null;
  insufficient: string | null;
  notShown: string | null;
}
type Sport = 'ride' | 'run';
type Data = Record<Sport, { models: Models; curve: Curve }>;

/** The season bests a coach reads first (WKO's and intervals.icu's usual marks). */
const MARKS = [5, 60, 300, 1200, 3600];

/** Several sections' worth of reads as one resource: loading until all answer, the first error otherwise. */
function useAll(paths: Record<`${Sport}${'Models' | 'Curve'}`, string>): Resource<Data> & { reload: () => void; refreshing: boolean } {
  const rideModels = useResource<Models>(paths.rideModels);
  const rideCurve = useResource<Curve>(paths.rideCurve);
  const runModels = useResource<Models>(paths.runModels);
  const runCurve = useResource<Curve>(paths.runCurve);
  const all = [rideModels, rideCurve, runModels, runCurve];
  const reload = useCallback(() => {
    for (const r of [rideModels, rideCurve, runModels, runCurve]) r.reload();
  }, [rideModels, rideCurve, runModels, runCurve]);
  const refreshing = all.some((r) => r.refreshing);
  const failed = all.find((r) => r.state === 'error');
  if (failed) return { state: 'error', error: failed.error as ApiError, reload, refreshing };
  if (rideModels.state !== 'ready' || rideCurve.state !== 'ready' || runModels.state !== 'ready' || runCurve.state !== 'ready')
    return { state: 'loading', reload, refreshing };
  return {
    state: 'ready',
    data: { ride: { models: rideModels.data, curve: rideCurve.data }, run: { models: runModels.data, curve: runCurve.data } },
    reload,
    refreshing,
  };
}

const hasData = (d: Data[Sport]) => d.models.fit !== null || d.curve.curve.points.length > 0;

/**
 * The client's critical power and W′ (rides) or critical speed and D′ (runs) with their error and the days they rest
 * on, and this season's bests at the usual marks, each opening the coach's read-only activity page. Read with the
 * coach's data use, so Strava's activities never count; the card says so when there were some.
 */
export function PowerPaceSection({ clientId }: { clientId: string }) {
  const base = `/api/v1/coach/clients/${clientId}`;
  const resource = useAll({
    rideModels: `${base}/models?sport=ride`,
    rideCurve: `${base}/curves?kind=power&sport=ride&range=season`,
    runModels: `${base}/models?sport=run`,
    runCurve: `${base}/curves?kind=speed&sport=run&range=season`,
  });
  return (
    <SectionCard
      id="power-pace"
      title="Power & pace"
      description="Critical power and pace from the last 90 days, and this season's bests."
      resource={resource}
      noun="power and pace figures"
      skeletonRows={4}
      isEmpty={(d) => !hasData(d.ride) && !hasData(d.run)}
      empty={{
        icon: 'chart',
        title: 'Not enough data yet',
        text: 'This appears once they have recorded rides with power or runs with GPS that coaches may see.',
      }}
    >
      {(d) => {
        const notShown = [...new Set([d.ride, d.run].flatMap((s) => [s.models.notShown, s.curve.notShown]).filter(Boolean))];
        return (
          <div className="power-pace">
            {(['ride', 'run'] as const).map((sport) =>
              hasData(d[sport]) ? <SportBlock key={sport} clientId={clientId} sport={sport} data={d[sport]} /> : null,
            )}
            {notShown.map((n) => (
              <p key={n} className="table-note power-pace-notice">
                {n}
              </p>
            ))}
          </div>
        );
      }}
    </SectionCard>
  );
}

function SportBlock({ clientId, sport, data }: { clientId: string; sport: Sport; data: Data[Sport] }) {
  const { models, curve } = data;
  const units = curve.units;
  const value = (p: Point) => (sport === 'ride' ? `${Math.round(p.value)} W` : (pace(p.pace, units) ?? '—'));
  const marks = MARKS.map((s) => ({ s, p: curve.curve.points.find((x) => x.durationS === s) ?? null }));
  return (
    <section className="power-pace-sport" aria-labelledby={`pp-${sport}`}>
      <h3 id={`pp-${sport}`} className="power-pace-title">
        {sport === 'ride' ? 'Rides' : 'Runs'}
      </h3>
      <Model sport={sport} models={models} />
      <table className="table power-pace-bests">
        <caption className="visually-hidden">{sport === 'ride' ? 'Season best power' : 'Season best pace'}</caption>
        <thead>
          <tr>
            <th scope="col">Best for</th>
            <th scope="col" className="num">
              {sport === 'ride' ? 'Power' : 'Pace'}
            </th>
            <th scope="col">Activity</th>
          </tr>
        </thead>
        <tbody>
          {marks.map(({ s, p }) => (
            <tr key={s}>
              <th scope="row">{powerDuration(s)}</th>
              <td className="num">{p ? value(p) : '—'}</td>
              <td>
                {p ? (
                  <>
                    <RouterLink to={`/coach/clients/${clientId}/activities/${p.activityId}`} className="power-pace-activity">
                      {p.name || 'Activity'}
                    </RouterLink>{' '}
                    <span className="card-text-muted">{dayShort(p.date)}</span>
                  </>
                ) : (
                  <span className="card-text-muted">None this season</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Model({ sport, models }: { sport: Sport; models: Models }) {
  const f = models.fit;
  if (!f)
    return <p className="card-text-muted power-pace-model">Not enough data yet for a model: {models.insufficient ?? 'too few efforts'}.</p>;
  const span = `${dayRange(models.span.from, models.span.to)}, efforts of ${powerDuration(models.window.fromS)} to ${powerDuration(models.window.toS)}`;
  if (sport === 'ride')
    return (
      <p className="power-pace-model">
        <strong>CP {Math.round(f.critical)} W</strong>
        {plusMinus(f.criticalSE, (x) => `${Math.round(x)}`)} · <strong>W′ {fixed(f.reserve / 1000, 1)} kJ</strong>
        {plusMinus(f.reserveSE, (x) => fixed(x / 1000, 1))} <span className="card-text-muted">({span})</span>
      </p>
    );
  return (
    <p className="power-pace-model">
      <strong>CS {pace(f.criticalPace, models.units) ?? `${fixed(f.critical, 2)} m/s`}</strong>
      {plusMinus(f.criticalSE, (x) => `${fixed(x, 2)} m/s`)} · <strong>D′ {Math.round(f.reserve)} m</strong>
      {plusMinus(f.reserveSE, (x) => `${Math.round(x)}`)} <span className="card-text-muted">({span})</span>
    </p>
  );
}
