import type { RacePacing } from '../../../../worker/features/races';
import { fixed, formatPace, formatRaceTime } from '../../../../worker/lib/format';
import { Alert } from '../ui';

type Plan = NonNullable<RacePacing['plan']>;
const NBSP = '\u00a0';
/** "+36", "−25", and "0" without a sign when it rounds to nothing (not "−0"). */
const metres = (m: number, sign: string) => (Math.round(m) === 0 ? '0' : `${sign}${Math.round(m)}`);

/** The splits with the clock, the halves, the first-half check and what the plan assumed. */
export function PacingSplits({ plan, unit }: { plan: Plan; unit: 'km' | 'mi' }) {
  const caption = `Splits per ${unit === 'mi' ? 'mile' : 'kilometre'} for ${formatRaceTime(plan.targetS)}`;
  const per = unit === 'mi' ? 1609.344 : 1000;
  const check = plan.check;
  return (
    <>
      <p>
        Even pace would be {formatPace(plan.evenPaceS, unit, NBSP)}; at equal effort you start at{' '}
        {formatPace(plan.effortPaceS.start, unit, NBSP)} on the flat and finish at {formatPace(plan.effortPaceS.finish, unit, NBSP)}.
      </p>
      <dl className="pacing-halves">
        <div>
          <dt>First half</dt>
          <dd>{formatRaceTime(plan.firstHalfS)}</dd>
        </div>
        <div>
          <dt>Second half</dt>
          <dd>{formatRaceTime(plan.secondHalfS)}</dd>
        </div>
        <div>
          <dt>Climb / descent</dt>
          <dd>
            {Math.round(plan.gainM)} m / {Math.round(plan.lossM)} m
          </dd>
        </div>
      </dl>
      {check.state === 'warning' ? (
        <Alert tone="warning" title="The first half may be too fast">
          {check.message}
        </Alert>
      ) : (
        <p className="field-hint">{check.state === 'ok' ? check.message : `First half not checked: ${check.reason}.`}</p>
      )}
      <div className="table-scroll" tabIndex={0} role="group" aria-label={caption}>
        <table className="table pacing-table race-reflow">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{unit === 'mi' ? 'Mile' : 'Km'}</th>
              <th scope="col" className="num">
                Pace
              </th>
              <th scope="col" className="num">
                Split
              </th>
              <th scope="col" className="num">
                Clock
              </th>
              <th scope="col" className="num">
                Grade
              </th>
              <th scope="col" className="num">
                Up / down
              </th>
            </tr>
          </thead>
          <tbody>
            {plan.splits.map((s) => (
              <tr key={s.index}>
                <th scope="row">{s.distanceM < per - 1 ? `${s.index} (${fixed(s.distanceM / per, 2)})` : s.index}</th>
                <td className="num" data-label="Pace">
                  {formatPace(s.paceS, unit, NBSP)}
                </td>
                <td className="num" data-label="Split">
                  {formatRaceTime(s.timeS)}
                </td>
                <td className="num" data-label="Clock">
                  {formatRaceTime(s.clockS)}
                </td>
                <td className="num" data-label="Grade">{`${s.grade >= 0 ? '+' : '\u2212'}${fixed(Math.abs(s.grade * 100), 1)} %`}</td>
                <td className="num" data-label="Up / down">{`${metres(s.gainM, '+')} / ${metres(s.lossM, '\u2212')} m`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
