import { formatRaceTime } from '../../../../worker/lib/format';
import type { RaceResultComparison as Comparison } from '../../../../worker/features/races';
import { Card } from '../ui';
import { errorWords, finishTime } from './RaceCard';

// A race's result read against its plan (ADR 096, "After the race"): the splits planned and run, the halves, the fuel
// as logged and the prediction's error. Each part whose data is missing says why, and shows no figure.

const signedS = (s: number) => `${s > 0 ? '+' : s < 0 ? '−' : '±'}${formatRaceTime(Math.abs(s))}`;
const pct1 = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(1)} %`;

function Missing({ reason }: { reason: string }) {
  return <p className="muted">{reason}</p>;
}

export function SplitsCard({ splits }: { splits: Comparison['splits'] }) {
  // Without a prediction before the race there is no plan: the run's splits alone, not two columns of dashes.
  const planned = splits.ok && splits.rows.some((r) => r.plannedS !== null);
  return (
    <Card title={planned || !splits.ok ? 'Splits: planned against run' : 'Splits as run'} id="result-splits">
      {!splits.ok ? (
        <Missing reason={splits.reason} />
      ) : (
        <>
          <div className="race-table-wrap">
            <table className="table race-splits-table">
              <caption className="visually-hidden">
                {planned
                  ? `Each ${splits.unit === 'mile' ? 'mile' : 'kilometre'}: the planned time, the time run and the difference`
                  : `Each ${splits.unit === 'mile' ? 'mile' : 'kilometre'}: the time run`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{splits.unit === 'mile' ? 'Mile' : 'Km'}</th>
                  {planned ? (
                    <th scope="col" className="num">
                      Planned
                    </th>
                  ) : null}
                  <th scope="col" className="num">
                    Run
                  </th>
                  {planned ? (
                    <th scope="col" className="num">
                      Difference
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {splits.rows.map((r) => (
                  <tr key={r.index}>
                    <th scope="row">{r.index}</th>
                    {planned ? <td className="num">{r.plannedS === null ? '—' : formatRaceTime(r.plannedS)}</td> : null}
                    <td className="num">{formatRaceTime(r.actualS)}</td>
                    {planned ? <td className="num">{r.deltaS === null ? '—' : signedS(r.deltaS)}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {planned ? (
            <p className="muted">
              Planned: the prediction’s middle paced at even effort over the course as you ran it (its own distance and elevation), the
              second half 1 % quicker. A plus is slower than planned.
            </p>
          ) : null}
          {splits.notes.map((n) => (
            <p key={n} className="muted">
              {n}
            </p>
          ))}
        </>
      )}
    </Card>
  );
}

export function DisciplineCard({ halves }: { halves: Comparison['halves'] }) {
  return (
    <Card title="Pacing discipline" id="result-discipline">
      {!halves.ok ? (
        <Missing reason={halves.reason} />
      ) : (
        <>
          <p>
            <strong>{halves.verdict}</strong>
          </p>
          <p>
            First half {formatRaceTime(halves.firstS)}, second half {formatRaceTime(halves.secondS)}
            {halves.planned ? ` (planned ${formatRaceTime(halves.planned.firstS)} and ${formatRaceTime(halves.planned.secondS)})` : ''}.
            {halves.gradeAdjusted
              ? ` On the flat at the same effort: ${formatRaceTime(halves.gradeAdjusted.firstS)} and ${formatRaceTime(halves.gradeAdjusted.secondS)}.`
              : ''}
          </p>
          {halves.heart.ok ? (
            <>
              <p>
                Heart rate {Math.round(halves.heart.firstBpm)} bpm in the first half, {Math.round(halves.heart.secondBpm)} in the second (
                {pct1(halves.heart.driftPct)}); aerobic decoupling {halves.heart.decouplingPct.toFixed(1)} %.
              </p>
              <p className="muted">{halves.heart.how} Racing hard, some drift is expected; under 5 % is steady.</p>
            </>
          ) : (
            <Missing reason={halves.heart.reason} />
          )}
        </>
      )}
    </Card>
  );
}

export function FuelCard({ fuel }: { fuel: Comparison['fuel'] }) {
  return (
    <Card title="Fuelling, as you logged it" id="result-fuel">
      <ul>
        <li>
          {'missing' in fuel.carbs
            ? fuel.carbs.missing
            : `Carbohydrate: ${Math.round(fuel.carbs.grams)} g in all, ${Math.round(fuel.carbs.perHour)} g per hour of your finish.`}
        </li>
        <li>
          {'missing' in fuel.fluid
            ? fuel.fluid.missing
            : `Fluid: ${fuel.fluid.litres.toFixed(2)} L in all, ${fuel.fluid.perHour.toFixed(2)} L per hour.`}
        </li>
      </ul>
      {fuel.context.map((c) => (
        <p key={c} className="muted">
          {c}
        </p>
      ))}
    </Card>
  );
}

export function ErrorCard({ error, finishS }: { error: Comparison['error']; finishS: number }) {
  return (
    <Card title="The prediction’s error" id="result-error">
      <p>{`Finish (the activity’s elapsed time): ${finishTime(finishS)}.`}</p>
      {!error.ok ? (
        <Missing reason={error.reason} />
      ) : (
        <>
          <p>
            <strong>
              {errorWords({
                actualS: finishS,
                predictedMidS: error.predicted.mid,
                predictedLowS: error.predicted.low,
                predictedHighS: error.predicted.high,
                errorPct: error.errorPct,
                inRange: error.inRange,
              })}
            </strong>{' '}
            ({signedS(error.errorS)} against the middle).
          </p>
          <p className="muted">
            Against the prediction stored before the race day began ({error.predicted.madeAt.slice(0, 10)}); it shows beside your next
            prediction at this distance.
          </p>
        </>
      )}
    </Card>
  );
}
