// The training calendar, week (default) or month, for the athlete and for a coach's client alike: each
// day's planned workouts (one item with what completed them) and unplanned activities, and each week's
// planned vs done beside it. Arrow keys move between days; Enter opens what has focus. With a plan the
// athlete can drag a workout to another day (the drawer's "Move to…" does the same from the keyboard), drop
// a library workout on a day (the library panel's "Add to a day…" likewise) and add one on an empty day.
import { type DragEvent, type KeyboardEvent, type ReactNode, useId, useState } from 'react';
import { addDays, dayShort } from '~/utils/analytics-format';
import { type CalendarDayView, type CalendarView, dayLabel, workoutOf } from '~/utils/calendar';
import { WEEKDAYS, type PlanRange, type Units } from '~/utils/plans';
import type { PlanLocks } from '~/utils/plan-locks';
import { cx } from '../ui';
import { LockedButton } from './Locked';
import { ActivityCard } from './ActivityCard';
import { LIBRARY_DRAG_TYPE } from './LibraryPanel';
import { DRAG_TYPE, WorkoutCard } from './WorkoutCard';
import { WeekSummary } from './WeekSummary';

interface Props {
  range: Pick<PlanRange, 'view' | 'days'>;
  calendar: CalendarView;
  units: Units;
  /** Whose calendar, for screen readers ("Your training", "Casey's training"). */
  label: string;
  busy?: boolean;
  /** Opens a workout's drawer; without it workouts are plain items (a coach's view). */
  onOpenWorkout?: (id: string) => void;
  /** A done activity's page; without it activities are plain items. */
  activityHref?: (id: string) => string;
  /** Moving and adding, on the athlete's own plan. */
  onMove?: (id: string, date: string) => void;
  onAdd?: (date: string) => void;
  /** A library workout dropped on a day of the plan (LibraryPanel's drag). */
  onAddFromLibrary?: (libraryId: string, date: string) => void;
  /** What the viewer's membership does not include: "+ Add" shows locked, cards do not drag. */
  locks?: PlanLocks;
  /** A line under a week (the athlete's "1 plan change proposed — review"), by the week's first day. */
  weekNotice?: (start: string) => ReactNode;
}

/** A day takes a planned workout (moved there) or a library workout (added there), each when the page allows it. */
function useDrop(onMove: Props['onMove'], onAddFromLibrary: Props['onAddFromLibrary'], inPlan: (d: string) => boolean) {
  const [over, setOver] = useState<string | null>(null);
  const what = (types: readonly string[]) =>
    onMove && types.includes(DRAG_TYPE) ? 'move' : onAddFromLibrary && types.includes(LIBRARY_DRAG_TYPE) ? 'copy' : null;
  const handlers = (date: string) =>
    (onMove || onAddFromLibrary) && inPlan(date)
      ? {
          onDragOver: (e: DragEvent) => {
            const effect = what(e.dataTransfer.types);
            if (!effect) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = effect;
            if (over !== date) setOver(date);
          },
          onDragLeave: () => setOver((o) => (o === date ? null : o)),
          onDrop: (e: DragEvent) => {
            e.preventDefault();
            setOver(null);
            const effect = what(e.dataTransfer.types);
            const id = e.dataTransfer.getData(effect === 'move' ? DRAG_TYPE : LIBRARY_DRAG_TYPE);
            if (!id) return;
            if (effect === 'move') onMove?.(id, date);
            else if (effect === 'copy') onAddFromLibrary?.(id, date);
          },
        }
      : {};
  return { over, handlers };
}

/** Arrow keys between days (up and down a week in the month grid), focusing the day's first control or the day itself. */
function moveFocus(e: KeyboardEvent<HTMLElement>, month: boolean) {
  const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: month ? -7 : -1, ArrowDown: month ? 7 : 1 }[e.key];
  if (!step || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const day = (e.target as HTMLElement).closest<HTMLElement>('[data-date]');
  const date = day?.dataset.date;
  if (!date) return;
  const next = e.currentTarget.querySelector<HTMLElement>(`[data-date="${addDays(date, step)}"]`);
  if (!next) return;
  e.preventDefault();
  (next.querySelector<HTMLElement>('button, a[href]') ?? next).focus();
}

export function PlanCalendar({
  range,
  calendar,
  units,
  label,
  busy = false,
  onOpenWorkout,
  activityHref,
  onMove,
  onAdd,
  onAddFromLibrary,
  locks = {},
  weekNotice,
}: Props) {
  const plan = calendar.plan;
  const inPlan = (d: string) => !!plan && d >= plan.startDate && d <= plan.endDate;
  const { over, handlers } = useDrop(onMove, onAddFromLibrary, inPlan);
  const month = range.view === 'month';
  const today = calendar.today;
  const hintId = useId();
  const byDate = new Map(calendar.days.map((d) => [d.date, d]));
  const weeks: { start: string; days: typeof range.days }[] = [];
  for (const d of range.days) {
    const last = weeks.at(-1);
    if (last && last.days.length < 7) last.days.push(d);
    else weeks.push({ start: d.date, days: [d] });
  }
  const summaries = new Map(calendar.weeks.map((w) => [w.startDate, w]));

  const dayCell = ({ date, inMonth }: { date: string; inMonth: boolean }) => {
    const day: CalendarDayView = byDate.get(date) ?? { date, items: [] };
    const active = day.items.filter((i) => i.kind === 'activity' || i.workout.sport !== 'rest');
    return (
      <li
        key={date}
        className={cx(
          'plan-day',
          date === today && 'is-today',
          !inMonth && 'is-outside',
          plan && !inPlan(date) && 'is-off-plan',
          over === date && 'is-drop-target',
        )}
        data-date={date}
        tabIndex={-1}
        aria-labelledby={`${hintId}-${date}`}
        {...handlers(date)}
      >
        <h3 className="plan-day-head" id={`${hintId}-${date}`}>
          <span className="visually-hidden">{dayLabel(day, today)}</span>
          <span className="plan-day-name" aria-hidden="true">
            {month ? Number(date.slice(8)) : <DayName date={date} />}
          </span>
          {date === today ? (
            <span className="cal-today-tag" aria-hidden="true">
              Today
            </span>
          ) : null}
        </h3>
        {day.items.length > 0 ? (
          <ul className="plan-day-list">
            {day.items.map((item) =>
              item.kind === 'workout' ? (
                <li key={item.workout.id}>
                  <WorkoutCard
                    w={workoutOf(item)}
                    units={units}
                    compact={month}
                    draggable={!busy && !!onMove && !locks.move}
                    onOpen={onOpenWorkout}
                  />
                </li>
              ) : (
                <li key={item.activity.id}>
                  <ActivityCard a={item.activity} units={units} compact={month} href={activityHref?.(item.activity.id)} />
                </li>
              ),
            )}
          </ul>
        ) : null}
        {onAdd && inPlan(date) && active.length === 0 && locks.add ? (
          <LockedButton
            control="add"
            feature={locks.add}
            label={month ? '' : 'Add'}
            name={`Add a workout on ${dayShort(date)}`}
            className="plan-add"
          />
        ) : onAdd && inPlan(date) && active.length === 0 ? (
          <button
            type="button"
            className="plan-add"
            onClick={() => onAdd(date)}
            aria-label={`Add a workout on ${dayShort(date)}`}
            disabled={busy}
          >
            +{month ? null : <span className="plan-add-text"> Add</span>}
          </button>
        ) : null}
      </li>
    );
  };

  return (
    <section
      className={cx('plan-cal', month ? 'plan-cal-month' : 'plan-cal-week')}
      aria-label={label}
      aria-describedby={hintId}
      aria-busy={busy || undefined}
      onKeyDown={(e) => moveFocus(e, month)}
    >
      <p id={hintId} className="visually-hidden">
        Arrow keys move between days{month ? ', up and down by a week' : ''}; Enter opens a workout or an activity.
      </p>
      {month ? (
        <div className="plan-month-head" aria-hidden="true">
          {WEEKDAYS.map((w) => (
            <span key={w}>{w.slice(0, 3)}</span>
          ))}
          <span className="plan-month-head-week">Week</span>
        </div>
      ) : null}
      <ol className="plan-weeks">
        {weeks.map((w) => {
          const summary = summaries.get(w.start);
          return (
            <li key={w.start} className="plan-week">
              <ol className="plan-days" aria-label={`Week of ${dayShort(w.start)}`}>
                {w.days.map(dayCell)}
              </ol>
              {weekNotice?.(w.start)}
              {summary ? <WeekSummary w={summary} units={units} today={today} compact={month} /> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** "Wed 25 Nov": the weekday and the date on one line each when the column is narrow. */
function DayName({ date }: { date: string }) {
  const weekday = WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]!;
  return (
    <>
      <span className="plan-day-weekday">{weekday.slice(0, 3)}</span> <span className="plan-day-date">{dayShort(date)}</span>
    </>
  );
}
