import type { BookingStatus } from '~/utils/coach-format';

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
export interface CalendarResult {
  intent: string;
  bookingId?: string | undefined;
  ok: boolean;
  message?: string | undefined;
  formError?: string | undefined;
  fieldErrors: Record<string, string>;
  values?: Record<string, string> | undefined;
}
