import type { CronJob } from '../../jobs/types';

/** Deletes for good the activities deleted longer ago than the undo window (ADR 064). */
export const activityTrashPurgeJob: CronJob = {
  name: 'activities.trash_purge',
  async run(services) {
    return { count: await services.activities.listing.purgeDue() };
  },
};
