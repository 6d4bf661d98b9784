// A booking row as the API answers it; the calendar page shows the same shape.
import type { BookingRow } from './bookings.repo';

/** A booking as the API and the calendar page show it (ISO instants; the client's name when known). */
export const presentBooking = (b: BookingRow, clientName?: string) => ({
  id: b.id,
  clientId: b.clientId,
  ...(clientName !== undefined ? { clientName } : {}),
  coachId: b.coachId,
  startsAt: b.startsAt.toISOString(),
  endsAt: b.endsAt.toISOString(),
  location: b.location,
  notes: b.notes,
  status: b.status,
  confirmedAt: b.confirmedAt?.toISOString() ?? null,
  completedAt: b.completedAt?.toISOString() ?? null,
});
