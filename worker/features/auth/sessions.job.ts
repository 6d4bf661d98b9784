import type { CronJob } from '../../jobs/types';

/** Hourly: expired sessions are useless and only grow the table. */
export const cleanupSessionsJob: CronJob = {
  name: 'sessions.cleanup',
  async run(services) {
    return { count: await services.sessions.cleanupExpired() };
  },
};
