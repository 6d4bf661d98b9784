import type { CronJob } from '../../jobs/types';

/**
 * Every minute (ADR 089): exports and deletions whose worker was killed mid-job (their lease lapsed) or whose
 * message was lost (a local queue does not survive a restart) go back on the privacy queue, to resume from their
 * saved progress.
 */
export const privacyLeaseSweepJob: CronJob = {
  name: 'privacy.lease_sweep',
  async run(services) {
    return { count: (await services.privacyExport.reclaimLapsed()) + (await services.deletion.reclaimLapsed()) };
  },
};
