import type { CronJob } from '../../jobs/types';

/** Recomputes loads for athletes whose estimated thresholds moved during ingestion (debounced to one run a minute). */
export const analyticsRebuildsJob: CronJob = {
  name: 'analytics.rebuilds',
  async run(services) {
    return { count: await services.trainingLoad.drainRebuilds() };
  },
};
