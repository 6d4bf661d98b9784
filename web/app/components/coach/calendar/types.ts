import type { BookingStatus } from '~/utils/coach-format';
import type { FormOutcome } from '~/utils/form-outcome';

/** A booking as GET /api/v1/coach/bookings answers it (and the calendar's loader mirrors it). */
export interface CalendarBooking {
  id: string;
  clientId: string;
  clientName?: string | undefined;
  startsAt: string;
  endsAt: string;
  location: string;
  notes: string;
  status: BookingStatus;
  confirmedAt: string | null;
  completedAt: string | null;
}

/** What the calendar's action answers, for the form or booking panel that sent it. */
export interface CalendarResult extends FormOutcome {
  intent: string;
  bookingId?: string | undefined;
}
