import type { CronJob } from '../../../jobs/types';

/** Every minute: fire due schedules (once per slot, whatever overlaps) and retry failed runs past their backoff. */
export const automationsRunDueJob: CronJob = {
  name: 'automations.run_due',
  async run(services, scheduledTime) {
    const r = await services.automations.firing.runDue(scheduledTime);
    return { count: r.fired + r.retried };
  },
};

/** Hourly: packages expiring within N days and clients inactive N days, by each org's local date; once per occasion. */
export const automationsScanJob: CronJob = {
  name: 'automations.scan',
  async run(services, scheduledTime) {
    return { count: await services.automations.firing.scan(scheduledTime) };
  },
};
