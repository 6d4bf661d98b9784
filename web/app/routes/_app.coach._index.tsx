import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useLoaderData } from '@remix-run/react';
import { BookingStatusBadge } from '~/components/coach/BookingStatus';
import { AthleteDashboard } from '~/components/coach/dashboard/AthleteDashboard';
import { TasksCard } from '~/components/coach/TasksCard';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Badge, ButtonLink, Card, EmptyState, Icon, PageHeader } from '~/components/ui';
import { dayLabel, localDateOf } from '~/utils/coach-calendar';
import { coachViewer } from '~/utils/coach.server';
import { isOpen, sessionsText, timeRange, type BookingStatus } from '~/utils/coach-format';
import { LOW_SESSIONS } from '../../../worker/features/coach-os';
import { addDays, localDayRange } from '../../../worker/lib/dates';

// /coach (a coach with an org): the athletes who share their training, who needs the coach first; then
// today's and the next bookings in the org's zone, clients low on sessions, open tasks (fetched by the
// browser) and quick links. Athletes and coaches without an org are handled by the layout, so this
// loader returns nothing for them.
export const meta: MetaFunction = () => [{ title: 'Overview · Coach · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

const NEXT_DAYS = 7;

export async function loader(args: LoaderFunctionArgs) {
  const { member: m } = await coachViewer(args);
  if (!m) return null;
  const { services } = args.context;
  const tz = m.org.timeZone;
  const today = services.coach.today(m);
  const from = localDayRange(today, tz).start;
  const to = localDayRange(addDays(today, NEXT_DAYS), tz).end;
  const [rows, clients, left, dashboard] = await Promise.all([
    services.bookings.between(m, from, to),
    services.coach.listClients(m),
    services.console.sessionsLeft(m),
    services.coachDashboard.forMember(m),
  ]);
  const bookings = rows.map(({ booking: b, clientName }) => ({
    id: b.id,
    clientId: b.clientId,
    clientName,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    status: b.status,
    location: b.location,
  }));
  const low = clients
    .map((c) => ({ id: c.id, name: c.name, ...(left.get(c.id) ?? { remaining: 0, packages: 0 }) }))
    .filter((c) => c.remaining <= LOW_SESSIONS)
    .sort((a, b) => a.remaining - b.remaining || a.name.localeCompare(b.name));
  return {
    dashboard,
    timeZone: tz,
    today,
    lowThreshold: LOW_SESSIONS,
    todays: bookings.filter((b) => localDateOf(b.startsAt, tz) === today),
    next: bookings.filter((b) => localDateOf(b.startsAt, tz) > today && isOpen(b.status)).slice(0, 8),
    low,
    clientCount: clients.length,
    clientNames: Object.fromEntries(clients.map((c) => [c.id, c.name])),
  };
}

type Data = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>>;
type Row = Data['todays'][number];

function BookingRows({ rows, tz, withDay }: { rows: Row[]; tz: string; withDay?: boolean }) {
  return (
    <ul className="coach-list">
      {rows.map((b) => (
        <li key={b.id} className={`coach-list-item booking-row booking-${b.status}`}>
          <div className="coach-list-main">
            <p className="coach-list-title">
              <Link to={`/coach/clients/${b.clientId}`}>{b.clientName}</Link>
            </p>
            <p className="coach-list-meta">
              {withDay ? `${dayLabel(localDateOf(b.startsAt, tz))}, ` : null}
              {timeRange(b.startsAt, b.endsAt, tz)}
              {b.location ? ` · ${b.location}` : null}
            </p>
          </div>
          <BookingStatusBadge status={b.status as BookingStatus} />
        </li>
      ))}
    </ul>
  );
}

export default function CoachOverview() {
  const d = useLoaderData<typeof loader>();
  if (!d) return null;
  const calendarToday = `/coach/calendar?view=day&date=${d.today}`;
  return (
    <>
      <PageHeader
        title="Overview"
        description={`Today is ${dayLabel(d.today)} in ${d.timeZone.replace(/_/g, ' ')}, your organisation’s time zone.`}
        actions={
          <>
            <ButtonLink to="/coach/calendar" variant="primary">
              Open calendar
            </ButtonLink>
            <ButtonLink to="/coach/clients" variant="secondary">
              Clients
            </ButtonLink>
          </>
        }
      />
      <AthleteDashboard data={d.dashboard} clientCount={d.clientCount} timeZone={d.timeZone} />
      <div className="coach-overview">
        <Card id="today" title="Today" description={<Link to={calendarToday}>See today in the calendar</Link>}>
          {d.todays.length > 0 ? (
            <BookingRows rows={d.todays} tz={d.timeZone} />
          ) : (
            <EmptyState
              icon={<Icon name="calendar" />}
              title="No sessions today"
              level={3}
              actions={
                <ButtonLink to="/coach/calendar" variant="secondary" size="sm">
                  Book a session
                </ButtonLink>
              }
            />
          )}
        </Card>
        <Card id="next" title="Coming up" description={`Open bookings in the next ${NEXT_DAYS} days.`}>
          {d.next.length > 0 ? (
            <BookingRows rows={d.next} tz={d.timeZone} withDay />
          ) : (
            <EmptyState icon={<Icon name="calendar" />} title="Nothing booked yet" level={3}>
              <p>Bookings for the coming week will show here.</p>
            </EmptyState>
          )}
        </Card>
        <Card id="low" title="Low on sessions" description={`Clients with ${d.lowThreshold} or fewer sessions left.`}>
          {d.clientCount === 0 ? (
            <EmptyState
              icon={<Icon name="users" />}
              title="No clients yet"
              level={3}
              actions={
                <ButtonLink to="/coach/clients" variant="secondary" size="sm">
                  Add a client
                </ButtonLink>
              }
            />
          ) : d.low.length > 0 ? (
            <ul className="coach-list">
              {d.low.map((c) => (
                <li key={c.id} className="coach-list-item">
                  <div className="coach-list-main">
                    <p className="coach-list-title">
                      <Link to={`/coach/clients/${c.id}`}>{c.name}</Link>
                    </p>
                    <p className="coach-list-meta">{c.packages === 0 ? 'No active package' : `${sessionsText(c.remaining)} left`}</p>
                  </div>
                  <Badge tone={c.remaining === 0 ? 'danger' : 'warning'}>{c.remaining} left</Badge>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState icon={<Icon name="ticket" />} title="Everyone has sessions left" level={3} />
          )}
        </Card>
        <TasksCard timeZone={d.timeZone} clientNames={d.clientNames} />
      </div>
      <nav className="coach-quick" aria-label="Quick links">
        <ul className="coach-quick-list">
          <li>
            <Link to={calendarToday}>
              <Icon name="calendar" className="icon icon-sm" /> Today’s calendar
            </Link>
          </li>
          <li>
            <Link to="/coach/clients#add-client">
              <Icon name="users" className="icon icon-sm" /> Add a client
            </Link>
          </li>
          <li>
            <Link to="/coach/clients#package-types">
              <Icon name="ticket" className="icon icon-sm" /> Package types
            </Link>
          </li>
          <li>
            <Link to="/coach/money">
              <Icon name="receipt" className="icon icon-sm" /> This month’s money
            </Link>
          </li>
        </ul>
      </nav>
    </>
  );
}
