import { Badge } from '~/components/ui';
import { BOOKING_STATUS, type BookingStatus } from '~/utils/coach-format';

/** The booking's status as a badge; the text carries the meaning, colour only repeats it. */
export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  const s = BOOKING_STATUS[status];
  return (
    <Badge tone={s.tone} className={`booking-badge booking-badge-${status}`}>
      {s.label}
    </Badge>
  );
}
