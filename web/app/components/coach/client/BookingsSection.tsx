import { Link } from '@remix-run/react';
import { whenText, type BookingStatus } from '~/utils/coach-format';
import { localDateOf } from '~/utils/coach-calendar';
import { useResource } from '../api';
import { BookingStatusBadge } from '../BookingStatus';
import { SectionCard } from '../SectionCard';

interface Row {
  id: string;
  startsAt: string;
  endsAt: string;
  location: string;
  status: BookingStatus;
}

function Rows({ rows, tz, empty }: { rows: Row[]; tz: string; empty: string }) {
  if (rows.length === 0) return <p className="coach-muted">{empty}</p>;
  return (
    <ul className="coach-list">
      {rows.map((b) => (
        <li key={b.id} className={`coach-list-item booking-row booking-${b.status}`}>
          <div className="coach-list-main">
            <p className="coach-list-title">
              <Link to={`/coach/calendar?view=day&date=${localDateOf(b.startsAt, tz)}`}>{whenText(b.startsAt, b.endsAt, tz)}</Link>
            </p>
            {b.location ? <p className="coach-list-meta">{b.location}</p> : null}
          </div>
          <BookingStatusBadge status={b.status} />
        </li>
      ))}
    </ul>
  );
}

/** This client's next and latest bookings, in the org's zone. */
export function BookingsSection({ clientId, timeZone }: { clientId: string; timeZone: string }) {
  const bookings = useResource<{ upcoming: Row[]; past: Row[] }>(`/api/v1/coach/clients/${clientId}/bookings`);
  return (
    <SectionCard
      id="bookings"
      title="Bookings"
      noun="bookings"
      resource={bookings}
      actions={<Link to="/coach/calendar">Book in the calendar</Link>}
      isEmpty={(d) => d.upcoming.length === 0 && d.past.length === 0}
      empty={{ icon: 'calendar', title: 'No bookings yet', text: 'Book a session for this client in the calendar.' }}
    >
      {(d) =>
        d.upcoming.length === 0 && d.past.length === 0 ? null : (
          <>
            <h3 className="coach-subtitle">Upcoming</h3>
            <Rows rows={d.upcoming} tz={timeZone} empty="Nothing booked ahead." />
            <h3 className="coach-subtitle">Past</h3>
            <Rows rows={d.past} tz={timeZone} empty="No past sessions." />
          </>
        )
      }
    </SectionCard>
  );
}
