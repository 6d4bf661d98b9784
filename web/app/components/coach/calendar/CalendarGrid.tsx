import { Link } from '@remix-run/react';
import { cx } from '~/components/ui';
import { dayLabel, localDateOf, localTimeOf, longDayLabel, type CalendarDay, type CalendarView } from '~/utils/coach-calendar';
import { BOOKING_STATUS, timeRange } from '~/utils/coach-format';
import { BookingStatusBadge } from '../BookingStatus';
import type { CalendarBooking } from './types';

interface GridProps {
  view: CalendarView;
  days: CalendarDay[];
  today: string;
  timeZone: string;
  bookings: CalendarBooking[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

const MONTH_CHIPS = 3;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const STATUS_MARK = { scheduled: '', confirmed: '✓', completed: '●', cancelled: '✕', no_show: '!' } as const;

function byDay(bookings: CalendarBooking[], tz: string): Map<string, CalendarBooking[]> {
  const map = new Map<string, CalendarBooking[]>();
  for (const b of bookings) {
    const day = localDateOf(b.startsAt, tz);
    const list = map.get(day) ?? [];
    list.push(b);
    map.set(day, list);
  }
  return map;
}

const dayHref = (date: string) => `/coach/calendar?view=day&date=${date}`;

/** One booking as a button: selecting it opens its panel (details and actions). */
function BookingButton({
  b,
  tz,
  selected,
  onSelect,
  compact,
}: {
  b: CalendarBooking;
  tz: string;
  selected: boolean;
  onSelect: (id: string) => void;
  compact?: boolean;
}) {
  const status = BOOKING_STATUS[b.status];
  return (
    <button
      type="button"
      className={cx('cal-booking', `cal-booking-${b.status}`, compact && 'cal-booking-compact', selected && 'is-selected')}
      aria-pressed={selected}
      onClick={() => onSelect(b.id)}
    >
      <span className="cal-booking-time">{compact ? localTimeOf(b.startsAt, tz) : timeRange(b.startsAt, b.endsAt, tz)}</span>
      <span className="cal-booking-name">{b.clientName ?? 'Client'}</span>
      {compact ? (
        <>
          {STATUS_MARK[b.status] ? (
            <span className="cal-booking-mark" aria-hidden="true">
              {STATUS_MARK[b.status]}
            </span>
          ) : null}
          <span className="visually-hidden">, {status.label.replace(' ✓', '')}</span>
        </>
      ) : (
        <BookingStatusBadge status={b.status} />
      )}
      {!compact && b.location ? <span className="cal-booking-where">{b.location}</span> : null}
    </button>
  );
}

function DayColumn({
  day,
  list,
  today,
  tz,
  selectedId,
  onSelect,
  headingLevel,
}: {
  day: CalendarDay;
  list: CalendarBooking[];
  today: string;
  tz: string;
  selectedId: string | null;
  onSelect: (id: string) => void;
  headingLevel: 'h2' | 'h3';
}) {
  const H = headingLevel;
  return (
    <li
      className={cx('cal-day', day.date === today && 'is-today')}
      aria-label={`${longDayLabel(day.date)}${day.date === today ? ' (today)' : ''}, ${list.length} ${list.length === 1 ? 'booking' : 'bookings'}`}
    >
      <H className="cal-day-head">
        <Link to={dayHref(day.date)} className="cal-day-link">
          {dayLabel(day.date)}
        </Link>
        {day.date === today ? <span className="cal-today-tag">Today</span> : null}
      </H>
      {list.length > 0 ? (
        <ul className="cal-bookings">
          {list.map((b) => (
            <li key={b.id}>
              <BookingButton b={b} tz={tz} selected={selectedId === b.id} onSelect={onSelect} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="cal-none">No bookings</p>
      )}
    </li>
  );
}

export function CalendarGrid({ view, days, today, timeZone, bookings, selectedId, onSelect }: GridProps) {
  const grouped = byDay(bookings, timeZone);
  if (view !== 'month') {
    return (
      <ol className={cx('cal-grid', view === 'week' ? 'cal-week' : 'cal-dayview')}>
        {days.map((d) => (
          <DayColumn
            key={d.date}
            day={d}
            list={grouped.get(d.date) ?? []}
            today={today}
            tz={timeZone}
            selectedId={selectedId}
            onSelect={onSelect}
            headingLevel="h3"
          />
        ))}
      </ol>
    );
  }
  return (
    <div className="cal-month">
      <div className="cal-month-head" aria-hidden="true">
        {WEEKDAYS.map((w) => (
          <span key={w}>{w}</span>
        ))}
      </div>
      <ol className="cal-month-grid">
        {days.map((d) => {
          const list = d.inRange ? (grouped.get(d.date) ?? []) : [];
          const more = list.length - MONTH_CHIPS;
          return (
            <li
              key={d.date}
              className={cx('cal-cell', !d.inRange && 'is-outside', d.date === today && 'is-today')}
              aria-hidden={d.inRange ? undefined : true}
            >
              {d.inRange ? (
                <>
                  <Link
                    to={dayHref(d.date)}
                    className="cal-cell-date"
                    aria-label={`${longDayLabel(d.date)}${d.date === today ? ' (today)' : ''}: ${list.length} ${list.length === 1 ? 'booking' : 'bookings'}`}
                  >
                    {Number(d.date.slice(8, 10))}
                  </Link>
                  {list.length > 0 ? (
                    <ul className="cal-bookings">
                      {list.slice(0, MONTH_CHIPS).map((b) => (
                        <li key={b.id}>
                          <BookingButton b={b} tz={timeZone} selected={selectedId === b.id} onSelect={onSelect} compact />
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {more > 0 ? (
                    <Link to={dayHref(d.date)} className="cal-more">
                      +{more} more
                    </Link>
                  ) : null}
                  {list.length > 0 ? (
                    <span className="cal-count" aria-hidden="true">
                      {list.length}
                    </span>
                  ) : null}
                </>
              ) : (
                <span className="cal-cell-date">{Number(d.date.slice(8, 10))}</span>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
