import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { useLoaderData, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { BookingPanel } from '~/components/coach/calendar/BookingPanel';
import { CalendarGrid } from '~/components/coach/calendar/CalendarGrid';
import { NewBookingForm } from '~/components/coach/calendar/NewBookingForm';
import type { CalendarBooking } from '~/components/coach/calendar/types';
import { useBookingsPoll } from '~/components/coach/calendar/useBookingsPoll';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, CalendarToolbar, Card, LiveRegion, PageHeader, cx } from '~/components/ui';
import { CALENDAR_VIEWS, calendarRange, parseCalendarParams, type CalendarView } from '~/utils/coach-calendar';
import { calendarAction } from '~/utils/coach-calendar.server';
import { requireMember } from '~/utils/coach.server';
import { formValues } from '~/utils/forms.server';
import { presentBooking } from '../../../worker/features/coach-os';
import { zoneAbbreviation } from '../../../worker/lib/dates';

// /coach/calendar?view=day|week|month&date=YYYY-MM-DD — bookings in the org's time zone. The loader
// computes the visible range (org-local midnights as instants) and its bookings; the page then polls
// exactly that range every 15 s, and at once after moving, so a client's SMS "Y" shows within a poll.
export const meta: MetaFunction = () => [{ title: 'Calendar · Coach · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const m = await requireMember(args);
  const { services } = args.context;
  const tz = m.org.timeZone;
  const today = services.coach.today(m);
  const { view, date } = parseCalendarParams(new URL(args.request.url).searchParams, today);
  const range = calendarRange(view, date, tz);
  const [rows, clients] = await Promise.all([
    services.bookings.between(m, new Date(range.from), new Date(range.to)),
    services.coach.listClients(m),
  ]);
  const bookings: CalendarBooking[] = rows.map(({ booking, clientName }) => presentBooking(booking, clientName));
  return {
    timeZone: tz,
    // A range across a DST change names both ("MDT → MST").
    zoneName: [...new Set([zoneAbbreviation(new Date(range.from), tz), zoneAbbreviation(new Date(Date.parse(range.to) - 1), tz)])].join(
      ' → ',
    ),
    today,
    range,
    bookings,
    clients: clients.map((c) => ({ id: c.id, name: c.name })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const m = await requireMember(args);
  const result = await calendarAction(args.context, m, formValues(await args.request.formData()));
  return data(result, { status: result.ok ? 200 : 400 });
}

const VIEW_LABEL: Record<CalendarView, string> = { day: 'Day', week: 'Week', month: 'Month' };
const href = (view: CalendarView, date: string) => `/coach/calendar?view=${view}&date=${date}`;

export default function CoachCalendar() {
  const d = useLoaderData<typeof loader>();
  const { range } = d;
  const navigation = useNavigation();
  const moving = navigation.state === 'loading' && navigation.location.pathname === '/coach/calendar';
  const { bookings, failed, polling } = useBookingsPoll(range, d.bookings);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = bookings.find((b) => b.id === selectedId) ?? null;
  const count = bookings.length;

  return (
    <>
      <PageHeader
        title="Calendar"
        description={`Times in ${d.timeZone.replace(/_/g, ' ')} (${d.zoneName}), your organisation’s time zone.`}
      />
      <CalendarToolbar
        view={range.view}
        views={CALENDAR_VIEWS}
        viewLabel={(v) => VIEW_LABEL[v]}
        href={href}
        date={range.date}
        prev={range.prev}
        next={range.next}
        today={d.today}
        title={range.title}
        datesLabel="Calendar dates"
      />
      <p className="cal-status" role="status">
        {moving ? 'Loading…' : `${count} ${count === 1 ? 'booking' : 'bookings'}`}
        {polling && !moving ? <span className="cal-sync"> · checking for changes</span> : null}
      </p>
      <LiveRegion>
        {failed ? (
          <Alert tone="warning" announce={false} className="cal-poll-error">
            Couldn’t refresh the calendar: {failed.replace(/\.$/, '')}. Showing what was last loaded; trying again in 15 seconds.
          </Alert>
        ) : null}
      </LiveRegion>
      {selected ? <BookingPanel booking={selected} timeZone={d.timeZone} onClose={() => setSelectedId(null)} /> : null}
      <div className={cx('cal-frame', moving && 'is-loading')} aria-busy={moving || undefined}>
        <CalendarGrid
          view={range.view}
          days={range.days}
          today={d.today}
          timeZone={d.timeZone}
          bookings={bookings}
          selectedId={selectedId}
          onSelect={setSelectedId}
        />
      </div>
      <Card id="new-booking" title="New booking" description="Pick a client, an org-local date and time, and how long." className="cal-new">
        <NewBookingForm
          key={range.from}
          clients={d.clients}
          defaultDate={range.view === 'day' ? range.date : d.today}
          timeZone={d.timeZone}
        />
      </Card>
    </>
  );
}
