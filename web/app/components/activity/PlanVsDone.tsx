import { Badge } from '~/components/ui';
import type { Units } from '~/utils/analytics';
import type { ActivityReview } from '~/utils/activity-review.server';
import { clock, doneText, heldText, plannedText, type Rep, repSentence, targetText, verdictText } from '~/utils/intervals';
import { BAND_LABELS } from '~/utils/plans';
import { type Show, ShowButton } from './LapsSplitsCard';
import { ThresholdsLink, useActivityReader } from './activity-reader';

type Intervals = NonNullable<ActivityReview['intervals']>;

export const TONE = { green: 'success', yellow: 'warning', red: 'danger' } as const;

function RepRow({ rep, total, units, sport, onShow }: { rep: Rep; total: number; units: Units; sport: string; onShow: Show }) {
  const range = rep.planned.range;
  const held = rep.done ? heldText(rep.done, units, sport) : null;
  return (
    <tr className={rep.done ? undefined : 'reps-missed'} data-rep={rep.rep} title={repSentence(rep, total, units, sport)}>
      <th scope="row">
        {rep.done && onShow ? (
          <ShowButton
            label={`Rep ${rep.rep} of ${total}`}
            name={`rep ${rep.rep}`}
            onShow={onShow}
            from={rep.done.startS}
            to={rep.done.endS}
          />
        ) : (
          <>
            Rep {rep.rep} <span className="muted">of {total}</span>
          </>
        )}
      </th>
      <td data-label="Planned">{plannedText(rep.planned, units)}</td>
      <td data-label="Done" className="num">
        {doneText(rep, units)}
      </td>
      <td data-label={sport === 'ride' ? 'Power' : 'Pace'} className="num">
        {held ?? '—'}
      </td>
      <td data-label="Target" className="num">
        {range ? targetText(range, rep.planned, units, sport) : rep.planned.target ? `Z${rep.planned.target.zone}` : '—'}
        {rep.target ? (
          <span className={rep.target.verdict === 'within' ? 'reps-ok' : 'reps-off'}>
            {rep.target.verdict === 'within' ? '\u00a0✓' : ` ${verdictText(rep.target, range!.metric)}`}
          </span>
        ) : null}
      </td>
      <td data-label="HR" className="num">
        {rep.done?.avgHr ? `${Math.round(rep.done.avgHr)} bpm` : '—'}
      </td>
      <td data-label="Recovery" className="num">
        {rep.recovery ? clock(rep.recovery.durationS) : '—'}
      </td>
      <td data-label="Result">
        <Badge tone={TONE[rep.band]}>{rep.done ? BAND_LABELS[rep.band] : 'Not found'}</Badge>
      </td>
    </tr>
  );
}

export function PlanVsDone({
  plan,
  units,
  sport,
  onShow,
}: {
  plan: NonNullable<Intervals['planVsDone']>;
  units: Units;
  sport: string;
  onShow: Show;
}) {
  const reader = useActivityReader();
  const total = plan.reps.length;
  const onTarget = plan.reps.filter((r) => r.done && r.band === 'green').length;
  return (
    <>
      <p className="intervals-summary">
        {/* No second verdict beside the workout's: the set is counted, the workout line judges it (issue 55). */}
        The set: {plan.found} of {total} planned reps found in the recording ({onTarget} on target)
        {plan.extra.length ? `, and ${plan.extra.length} more effort${plan.extra.length === 1 ? '' : 's'} the plan did not ask for` : ''}.
      </p>
      <table className="table reps-table">
        <caption className="visually-hidden">Each planned rep against what was done</caption>
        <thead>
          <tr>
            <th scope="col">Rep</th>
            <th scope="col">Planned</th>
            <th scope="col" className="num">
              Done
            </th>
            <th scope="col" className="num">
              {sport === 'ride' ? 'Power' : 'Pace'}
            </th>
            <th scope="col" className="num">
              Target
            </th>
            <th scope="col" className="num">
              HR
            </th>
            <th scope="col" className="num">
              Recovery
            </th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {plan.reps.map((rep) => (
            <RepRow key={rep.rep} rep={rep} total={total} units={units} sport={sport} onShow={onShow} />
          ))}
        </tbody>
      </table>
      {plan.reps.some((r) => r.planned.target && !r.planned.range && r.planned.target.metric !== 'rpe') ? (
        <p className="note">
          Targets are shown as zones:{' '}
          <ThresholdsLink coach="the athlete has not set the thresholds that would read them as paces, powers or heart rates.">
            set your thresholds
          </ThresholdsLink>
          {reader.kind === 'coach' ? null : ' to read them as paces, powers or heart rates.'}
        </p>
      ) : null}
    </>
  );
}
