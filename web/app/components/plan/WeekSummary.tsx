import { type CalendarWeekView, SPORT_NAMES, weekForm, weekLoad, weekWorkouts } from '~/utils/calendar';
import { dayShort, hours } from '~/utils/analytics-format';
import { distanceText, type Units } from '~/utils/plans';
import { cx } from '../ui';

/**
 * A week's planned vs done: time (done of planned), distance and load, workouts done, missed and skipped,
 * each sport's share, and form at the week's end. Compact in a month row: the totals only.
 */
export function WeekSummary({ w, units, today, compact = false }: { w: CalendarWeekView; units: Units; today: string; compact?: boolean }) {
  const distance = w.done.distanceM > 0 ? distanceText(w.done.distanceM, units) : null;
  const workouts = weekWorkouts(w);
  const form = weekForm(w);
  const label = `Week of ${dayShort(w.startDate)}`;
  if (compact)
    return (
      <section className="cal-week-sum cal-week-sum-compact" aria-label={`${label}: summary`}>
        <p className="cal-sum-main">
          {w.done.count > 0 ? hours(w.done.durationSec) : w.planned.count > 0 ? `${hours(w.planned.durationSec)} planned` : 'No activity'}
        </p>
        {w.done.count > 0 && w.planned.count > 0 ? <p className="cal-sum-line">of {hours(w.planned.durationSec)} planned</p> : null}
        <p className="cal-sum-line">{[distance, weekLoad(w)].filter(Boolean).join(' · ')}</p>
        {w.workouts.planned > 0 ? (
          <p className="cal-sum-line">
            {w.workouts.completed}/{w.workouts.planned} done{w.workouts.missed ? ` · ${w.workouts.missed} missed` : ''}
          </p>
        ) : null}
        {w.form ? <p className="cal-sum-line">{form}</p> : null}
      </section>
    );
  return (
    <section className="cal-week-sum" aria-label={`${label}: summary`}>
      <h3 className="cal-sum-h">Week summary</h3>
      {w.done.count + w.planned.count === 0 ? (
        <p className="cal-sum-main">Nothing this week</p>
      ) : (
        <p className="cal-sum-main">
          <strong>{hours(w.done.durationSec)}</strong>
          {w.planned.count > 0 ? <span> of {hours(w.planned.durationSec)} planned</span> : <span> done</span>}
        </p>
      )}
      {distance || weekLoad(w) ? <p className="cal-sum-line">{[distance, weekLoad(w)].filter(Boolean).join(' · ')}</p> : null}
      {workouts ? <p className="cal-sum-line">{workouts}</p> : null}
      {w.unplanned > 0 ? (
        <p className="cal-sum-line">
          {w.unplanned} unplanned {w.unplanned === 1 ? 'activity' : 'activities'}
        </p>
      ) : null}
      {w.sports.length > 0 ? (
        <ul className="cal-sum-sports">
          {w.sports.map((s) => (
            <li key={s.sport} className={cx(s.done.count === 0 && 'is-planned-only')}>
              <span className="cal-sum-sport">{SPORT_NAMES[s.sport] ?? s.sport}</span>
              <span>
                {[
                  hours(s.done.durationSec),
                  s.done.distanceM > 0 ? distanceText(s.done.distanceM, units, s.sport) : null,
                  s.done.load > 0 ? `load ${s.done.load}` : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
                {s.planned.count > 0 ? <span className="cal-sum-planned"> of {hours(s.planned.durationSec)}</span> : null}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {form ? <p className="cal-sum-form">{form}</p> : null}
      {w.form ? (
        <p className="cal-sum-line">
          Fitness {Math.round(w.form.ctl)} · fatigue {Math.round(w.form.atl)}
          {w.form.date === today ? ' (today)' : ''}
        </p>
      ) : null}
      {w.withoutLoad > 0 ? <p className="cal-sum-note">Load still being worked out for {w.withoutLoad}.</p> : null}
    </section>
  );
}
