import { useState } from 'react';
import { addDays } from '../../../../../worker/lib/dates';
import { DRAG_TYPE, type Dragged, type OnChange, type Plan, type Workout, weekday } from './plan-types';
import { PlanWorkoutRow } from './PlanWorkoutRow';

/**
 * A week of the client's plan as seven days, Monday first. With the athlete's "may edit" and Team each day
 * takes a drop: a library workout is added there, a planned one moved there (the menus and the "Add to a
 * day…" form do the same from the keyboard).
 */
export function PlanWeek({
  title,
  start,
  workouts,
  clientId,
  today,
  plan,
  canEdit,
  onChange,
  onEdit,
}: {
  title: string;
  start: string;
  workouts: Workout[];
  clientId: string;
  today: string;
  plan: Plan;
  canEdit: boolean;
  onChange: OnChange;
  onEdit: (w: Workout) => void;
}) {
  const [over, setOver] = useState<string | null>(null);
  const days = Array.from({ length: 7 }, (_, i) => addDays(start, i));
  const drop = (date: string, raw: string) => {
    setOver(null);
    let d: Dragged;
    try {
      d = JSON.parse(raw) as Dragged;
    } catch {
      return;
    }
    if (d.kind === 'library') void onChange('/workouts', { libraryWorkoutId: d.id, date }, `${d.title} added on ${weekday(date)}.`);
    else if (d.date !== date) void onChange(`/workouts/${d.id}/move`, { date }, `Moved ${d.title} to ${weekday(date)}.`);
  };
  return (
    <section aria-label={title} className="client-week">
      <h3 className="coach-subtitle">{title}</h3>
      <ol className="client-week-days">
        {days.map((day) => {
          const own = workouts.filter((w) => w.date === day);
          return (
            <li
              key={day}
              data-date={day}
              className={`client-week-day${day === today ? ' is-today' : ''}${over === day ? ' is-over' : ''}`}
              onDragOver={
                canEdit
                  ? (e) => {
                      if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
                      e.preventDefault();
                      setOver(day);
                    }
                  : undefined
              }
              onDragLeave={canEdit ? () => setOver((o) => (o === day ? null : o)) : undefined}
              onDrop={
                canEdit
                  ? (e) => {
                      e.preventDefault();
                      drop(day, e.dataTransfer.getData(DRAG_TYPE));
                    }
                  : undefined
              }
            >
              {own.length === 0 ? (
                <p className="client-week-empty">
                  <span className="client-plan-date">{weekday(day)}</span>
                  <span className="coach-muted">
                    {day < plan.startDate
                      ? 'Before the plan'
                      : day > plan.endDate
                        ? 'After the plan'
                        : canEdit
                          ? 'Drop a workout here'
                          : 'Rest'}
                  </span>
                </p>
              ) : (
                <ul className="client-plan-days">
                  {own.map((w) => (
                    <PlanWorkoutRow
                      key={w.id}
                      w={w}
                      clientId={clientId}
                      today={today}
                      plan={plan}
                      canEdit={canEdit}
                      onChange={onChange}
                      onEdit={onEdit}
                    />
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
