import type { CronJob } from '../../jobs/types';

/** Every 5 minutes: jobs whose worker died or whose delayed message was lost go back on the queue. */
export const stuckJobSweep: CronJob = {
  name: 'ingest.stuck_sweep',
  async run(services, now) {
    // Provider jobs and file imports whose worker died are both picked up again here.
    return { count: (await services.ingestion.sweepStuck()) + (await services.imports.reclaimStale(now)) };
  },
};
