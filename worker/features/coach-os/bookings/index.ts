export { createBookingsService, type BookingsService } from './bookings.service';
export { bookingRoutes } from './bookings.routes';
export { bookingsAutoCompleteJob } from './bookings.jobs';
export { presentBooking } from './bookings.present';
export { Booking } from './bookings.schema';
// SMS confirms a booking on the client's "Y" with the same one-statement transition the calendar uses.
export { createBookingsRepo } from './bookings.repo';
