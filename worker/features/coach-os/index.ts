export { ClientLedger } from './client-ledger.do';
export { createCoachService } from './coach-os.service';
export type { CoachService, Member } from './coach-os.service';
export { coachRoutes, bookingRoutes } from './coach-os.routes';
export { createBookingsService } from './bookings.service';
export type { BookingsService } from './bookings.service';
export { bookingsAutoCompleteJob } from './coach-os.jobs';
export { createCoachEvents } from './coach-events';
export type { CoachEvent, CoachEvents } from './coach-events';
