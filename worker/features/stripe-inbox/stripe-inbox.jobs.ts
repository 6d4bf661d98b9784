import type { CronJob } from '../../jobs/types';

/** Every 5 minutes: Stripe events stored but never finished (their queue message was lost) are queued again. */
export const stripeEventsSweepJob: CronJob = {
  name: 'billing.stripe_events_sweep',
  async run(services, scheduledTime) {
    return { count: await services.stripeEvents.requeueStale(scheduledTime) };
  },
};
