import { Link } from '@remix-run/react';
import { Card, EmptyState, Icon } from '~/components/ui';
import { curveValue, durationLabel, type ModelsView, modelAt, plotted, pointHref } from '~/utils/analysis';
import { day, dayRange, fixed, METRES_PER, pace, plusMinus } from '~/utils/analytics-format';

const WHAT = {
  ride: {
    title: 'Critical power and W′',
    model: 'Two-parameter critical power (Monod & Scherrer), linear work–time fit',
    critical: 'Critical power',
    reserve: 'W′',
    todo: 'Ride all-out efforts of about 3, 5 and 12 minutes (fresh, on separate days or with full recovery between); the fit appears once three durations from 2 to 20 minutes stand out.',
  },
  run: {
    title: 'Critical speed and D′',
    model: 'Two-parameter critical speed (Monod & Scherrer), linear distance–time fit',
    critical: 'Critical speed',
    reserve: 'D′',
    todo: 'Run all-out efforts of about 3, 5 and 12 minutes (a track session or a hard parkrun does), with full recovery between; the fit appears once three durations from 2 to 20 minutes stand out.',
  },
} as const;

/** The API's reason, first letter up: it is written to follow "the model". */
const sentence = (s: string) => `The model ${s}.`;

/** The rides (or runs) behind the model, each once with its date, then every duration's effort in a disclosure. */
function Efforts({ models, fitted }: { models: ModelsView; fitted: boolean }) {
  const unit = models.sport === 'ride' ? null : `/${models.units}`;
  const sessions = [...new Map(models.efforts.map((e) => [e.activityId, e])).values()];
  const what = models.sport === 'ride' ? 'ride' : 'run';
  return (
    <>
      <h3 className="section-title">{fitted ? 'The efforts behind it' : 'Efforts found so far'}</h3>
      <p className="section-text">
        {models.efforts.length} {models.efforts.length === 1 ? 'duration' : 'durations'} from {sessions.length}{' '}
        {sessions.length === 1 ? what : `${what}s`}:
      </p>
      <ul className="model-sessions" aria-label={fitted ? 'The model rests on' : 'Efforts found so far'}>
        {sessions.map((e) => (
          <li key={e.activityId}>
            <Link to={pointHref(e)}>{e.name || 'Untitled activity'}</Link> <span className="curve-receipt-inline">{day(e.date)}</span>
          </li>
        ))}
      </ul>
      <details className="disclosure">
        <summary>Each duration&rsquo;s effort</summary>
        <div className="table-scroll" tabIndex={0} role="group" aria-label={fitted ? 'Efforts the model rests on' : 'Efforts found so far'}>
          <table className="table curve-table">
            <thead>
              <tr>
                <th scope="col">Duration</th>
                <th scope="col" className="num">
                  {models.sport === 'ride' ? 'Power' : 'Pace'}
                </th>
                <th scope="col">Activity</th>
              </tr>
            </thead>
            <tbody>
              {models.efforts.map((e) => (
                <tr key={e.durationS}>
                  <th scope="row" className="nowrap">
                    {durationLabel(e.durationS)}
                  </th>
                  <td className="num">{curveValue(models.sport === 'ride' ? 'power' : 'speed', unit, plotted(e))}</td>
                  <td>
                    <Link to={pointHref(e)}>{e.name || 'Untitled activity'}</Link>
                    <span className="curve-receipt">{day(e.date)}</span>
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

const WHY = {
  longer: 'a longer effort seen over a shorter window',
  easier: 'a shorter effort with easier time around it',
} as const;

/**
 * The receipts of what the fit left out (issue 55): separate efforts under the line of the maximal ones, each with how
 * far under the model it is, then every other duration with why it is not an effort of its own.
 */
function LeftOut({ models, fit }: { models: ModelsView; fit: NonNullable<ModelsView['fit']> }) {
  const ride = models.sport === 'ride';
  const unit = ride ? null : `/${models.units}`;
  const show = (y: number) => curveValue(ride ? 'power' : 'speed', unit, y);
  const under = models.leftOut.filter((p) => p.reason === 'under');
  const rest = models.leftOut.filter((p) => p.reason !== 'under');
  return (
    <>
      <h3 className="section-title">Left out of the fit</h3>
      {under.length ? (
        <ul className="model-sessions" aria-label="Efforts left out">
          {under.map((p) => {
            const model = modelAt(fit, p.durationS, ride ? null : METRES_PER[models.units]);
            const short = Math.round((1 - p.value / (fit.critical + fit.reserve / p.durationS)) * 100);
            return (
              <li key={p.durationS}>
                <Link to={pointHref(p)}>{p.name || 'Untitled activity'}</Link> <span className="curve-receipt-inline">{day(p.date)}</span>
                {': '}
                {durationLabel(p.durationS)} at {show(plotted(p))}, {short} % {ride ? 'under' : 'slower than'} the model&rsquo;s{' '}
                {show(model)}: not all-out, so it does not pull the line down.
              </li>
            );
          })}
        </ul>
      ) : null}
      {rest.length ? (
        <details className="disclosure">
          <summary>
            {rest.length} more {rest.length === 1 ? 'duration' : 'durations'}: the same efforts over other windows
          </summary>
          <ul className="model-left-out">
            {rest.map((p) => (
              <li key={p.durationS}>
                {durationLabel(p.durationS)} at {show(plotted(p))} (<Link to={pointHref(p)}>{p.name || 'Untitled activity'}</Link>):{' '}
                {WHY[p.reason as keyof typeof WHY]}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

export function ModelCard({ models }: { models: ModelsView }) {
  const w = WHAT[models.sport];
  const f = models.fit;
  const unit = models.sport === 'ride' ? null : models.units;
  const window = `${durationLabel(models.window.fromS)}–${durationLabel(models.window.toS)}`;
  return (
    <Card
      id="model"
      title={w.title}
      description={`${w.model}, efforts of ${window}, last 90 days (${dayRange(models.span.from, models.span.to)}).`}
    >
      {f ? (
        <dl className="model-figures">
          <div>
            <dt>{w.critical}</dt>
            <dd>
              {models.sport === 'ride' ? (
                <>
                  <strong>{Math.round(f.critical)} W</strong>
                  {plusMinus(f.criticalSE, (x) => `${fixed(x, 1)} W`)}
                </>
              ) : (
                <>
                  <strong>{pace(f.criticalPace, unit ?? 'km')}</strong> ({fixed(f.critical, 2)}
                  {plusMinus(f.criticalSE, (x) => fixed(x, 2))} m/s)
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>{w.reserve}</dt>
            <dd>
              {models.sport === 'ride' ? (
                <>
                  <strong>{fixed(f.reserve / 1000, 1)} kJ</strong>
                  {plusMinus(f.reserveSE, (x) => `${fixed(x / 1000, 1)} kJ`)}
                </>
              ) : (
                <>
                  <strong>{Math.round(f.reserve)} m</strong>
                  {plusMinus(f.reserveSE, (x) => `${Math.round(x)} m`)}
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>Fit</dt>
            <dd>
              r² {fixed(f.r2, 3)} · {f.usedS.length} efforts
              {f.criticalSE === null ? ' · one session: no margin of error' : null}
            </dd>
          </div>
        </dl>
      ) : (
        <EmptyState icon={<Icon name="chart" />} title="Not enough hard efforts yet" level={3}>
          <p>{sentence(models.insufficient ?? 'needs more efforts')}</p>
          <p>{w.todo}</p>
        </EmptyState>
      )}
      {models.efforts.length ? <Efforts models={models} fitted={f !== null} /> : null}
      {f && models.leftOut.length ? <LeftOut models={models} fit={f} /> : null}
    </Card>
  );
}
