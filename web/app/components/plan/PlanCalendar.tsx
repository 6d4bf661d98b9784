// The plan's week (default) or month: workouts as cards on their days, dragged to another day to move
// them (the drawer's "Move to…" does the same from the keyboard), "+" on an empty day to add one.
import { useState, type DragEvent } from 'react';
import { dayShort } from '~/utils/analytics-format';
import type { PlanWorkout } from '~/utils/plans.server';
import { WEEKDAYS, type PlanRange, type Units } from '~/utils/plans';
import type { PlanLocks } from '~/utils/plan-locks';
import { cx } from '../ui';
import { LockedButton } from './Locked';
import { DRAG_TYPE, WorkoutCard } from './WorkoutCard';

interface Props {
  range: PlanRange;
  today: string;
  plan: { startDate: string; endDate: string };
  workouts: PlanWorkout[];
  units: Units;
  busy: boolean;
  onOpen: (id: string) => void;
  onMove: (id: string, date: string) => void;
  onAdd: (date: string) => void;
  /** What the viewer's membership does not include: "+ Add" shows locked, cards do not drag. */
  locks?: PlanLocks;
}

const longDay = (date: string) => `${WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]} ${dayShort(date)}`;

function useDrop(onMove: Props['onMove'], inPlan: (d: string) => boolean) {
  const [over, setOver] = useState<string | null>(null);
  const handlers = (date: string) =>
    inPlan(date)
      ? {
          onDragOver: (e: DragEvent) => {
            if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = 'move';
            if (over !== date) setOver(date);
          },
          onDragLeave: () => setOver((o) => (o === date ? null : o)),
          onDrop: (e: DragEvent) => {
            e.preventDefault();
            setOver(null);
            const id = e.dataTransfer.getData(DRAG_TYPE);
            if (id) onMove(id, date);
          },
        }
      : {};
  return { over, handlers };
}

export function PlanCalendar({ range, today, plan, workouts, units, busy, onOpen, onMove, onAdd, locks = {} }: Props) {
  const inPlan = (d: string) => d >= plan.startDate && d <= plan.endDate;
  const { over, handlers } = useDrop(onMove, inPlan);
  const byDay = new Map<string, PlanWorkout[]>();
  for (const w of workouts) byDay.set(w.date, [...(byDay.get(w.date) ?? []), w]);
  const month = range.view === 'month';

  return (
    <div className={cx('plan-cal', month ? 'plan-cal-month' : 'plan-cal-week')} aria-busy={busy || undefined}>
      {month ? (
        <div className="plan-month-head" aria-hidden="true">
          {WEEKDAYS.map((w) => (
            <span key={w}>{w.slice(0, 3)}</span>
          ))}
        </div>
      ) : null}
      <ol className="plan-days">
        {range.days.map(({ date, inMonth }) => {
          const list = byDay.get(date) ?? [];
          const active = list.filter((w) => w.sport !== 'rest');
          return (
            <li
              key={date}
              className={cx(
                'plan-day',
                date === today && 'is-today',
                !inMonth && 'is-outside',
                !inPlan(date) && 'is-off-plan',
                over === date && 'is-drop-target',
              )}
              data-date={date}
              aria-label={`${longDay(date)}${date === today ? ' (today)' : ''}: ${active.length === 0 ? 'no workouts' : `${active.length} workout${active.length === 1 ? '' : 's'}`}`}
              {...handlers(date)}
            >
              <h3 className="plan-day-head">
                <span className="plan-day-name">{month ? Number(date.slice(8)) : longDay(date)}</span>
                {date === today ? <span className="cal-today-tag">Today</span> : null}
              </h3>
              {list.length > 0 ? (
                <ul className="plan-day-list">
                  {list.map((w) => (
                    <li key={w.id}>
                      <WorkoutCard w={w} units={units} compact={month} draggable={!busy && !locks.move} onOpen={onOpen} />
                    </li>
                  ))}
                </ul>
              ) : null}
              {inPlan(date) && active.length === 0 && locks.add ? (
                <LockedButton
                  control="add"
                  feature={locks.add}
                  label={month ? '' : 'Add'}
                  name={`Add a workout on ${longDay(date)}`}
                  className="plan-add"
                />
              ) : inPlan(date) && active.length === 0 ? (
                <button
                  type="button"
                  className="plan-add"
                  onClick={() => onAdd(date)}
                  aria-label={`Add a workout on ${longDay(date)}`}
                  disabled={busy}
                >
                  +{month ? null : <span className="plan-add-text"> Add</span>}
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
