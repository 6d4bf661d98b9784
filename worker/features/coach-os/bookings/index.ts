export { createBookingsService, type BookingsService } from './bookings.service';
export { presentBooking } from './bookings.present';
export { Booking } from './bookings.schema';
// SMS confirms a booking on the client's "Y" with the same one-statement transition the calendar uses.
export { createBookingsRepo } from './bookings.repo';
