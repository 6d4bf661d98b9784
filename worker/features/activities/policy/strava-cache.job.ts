import type { CronJob } from '../../../jobs/types';

/** Nightly: strict mode's 7-day cache window over Strava API rows (does nothing in the default mode). */
export const stravaCacheWindowJob: CronJob = {
  name: 'strava.cache_window',
  async run(services) {
    return { count: (await services.stravaCache.run()).reduced };
  },
};
