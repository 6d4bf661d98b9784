import type { CronJob } from '../../jobs/types';

/**
 * Recomputes loads for athletes whose estimated thresholds moved during ingestion (debounced to one run a
 * minute). Their load warnings are looked at again on the rebuilt numbers; a rebuild an operator asked for
 * after a change to the load rules is not training news and tells nobody anything.
 */
export const analyticsRebuildsJob: CronJob = {
  name: 'analytics.rebuilds',
  async run(services) {
    const count = await services.trainingLoad.drainRebuilds(20, (userId, reason) =>
      reason === 'estimate' ? services.analysisNotices.loadWarnings(userId) : Promise.resolve(),
    );
    return { count };
  },
};
