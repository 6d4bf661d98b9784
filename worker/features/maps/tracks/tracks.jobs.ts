import type { CronJob } from '../../../jobs/types';

/** Builds the tracks of athletes whose history moved on (an import, an upload, a deletion), 25 a minute. */
export const tracksSyncJob: CronJob = {
  name: 'maps.tracks_sync',
  async run(services) {
    return { count: await services.trackSync.drain(25) };
  },
};
