import type { CronJob } from '../../../jobs/types';

/** Hourly: ended bookings still open are completed and their sessions deducted (once, by booking). */
export const bookingsAutoCompleteJob: CronJob = {
  name: 'bookings.auto_complete',
  async run(services, scheduledTime) {
    return { count: await services.bookings.autoComplete(scheduledTime) };
  },
};
