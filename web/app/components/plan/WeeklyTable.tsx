import { dayShort } from '~/utils/analytics-format';
import { hoursText } from '~/utils/plans';
import type { Feature } from '~/utils/membership';
import { Card } from '../ui';
import { AdjustLoadButton } from './AdjustLoad';
import { LockedButton } from './Locked';

interface Totals {
  durationSec: number;
  load: number;
}
interface Week {
  week: number;
  startDate: string;
  endDate: string;
  planned: Totals;
  actual: Totals;
}

/**
 * Planned vs actual hours and load per plan week, up to the one on screen; weeks not over yet can be
 * adjusted, or show "Adjust load" locked when `adjustLocked` names the feature it needs.
 */
export function WeeklyTable({
  weeks,
  today,
  onAdjust,
  adjustLocked,
}: {
  weeks: Week[];
  today: string;
  onAdjust?: (w: Week) => void;
  adjustLocked?: Feature | null;
}) {
  if (weeks.length === 0) return null;
  return (
    <Card
      id="weekly"
      title="Planned vs actual"
      description="Hours and training load per plan week, from the activities matched to its workouts."
    >
      <div className="table-scroll" tabIndex={0} role="group" aria-label="Planned and actual by week">
        <table className="table plan-weekly">
          <thead>
            <tr>
              <th scope="col">Week</th>
              <th scope="col" className="num">
                Hours
              </th>
              <th scope="col" className="num">
                Load
              </th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.week}>
                <th scope="row">
                  Week {w.week}{' '}
                  <span className="plan-weekly-dates">
                    {dayShort(w.startDate)} – {dayShort(w.endDate)}
                  </span>
                  {onAdjust && w.endDate >= today ? (
                    <>
                      <br />
                      {adjustLocked ? (
                        <LockedButton
                          control="adjust"
                          feature={adjustLocked}
                          name={`Adjust week ${w.week}'s load`}
                          className="plan-adjust-locked"
                        />
                      ) : (
                        <AdjustLoadButton week={w.week} onOpen={() => onAdjust(w)} />
                      )}
                    </>
                  ) : null}
                </th>
                <td className="num">
                  {w.startDate > today ? '—' : hoursText(w.actual.durationSec)} / {hoursText(w.planned.durationSec)}
                </td>
                <td className="num">
                  {w.startDate > today ? '—' : Math.round(w.actual.load)} / {Math.round(w.planned.load)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="table-note">Actual / planned. Skipped workouts don't count toward the plan.</p>
    </Card>
  );
}
