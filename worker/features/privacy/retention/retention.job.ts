import type { CronJob } from '../../../jobs/types';

/**
 * Daily: every rule of the retention table this folder enforces, in bounded batches, one audit row per run.
 * RETENTION_DRY_RUN=1 makes it count only (a new rule's first days in production, or an investigation).
 */
export const retentionJob: CronJob = {
  name: 'privacy.retention',
  async run(services) {
    const run = await services.privacyRetention.run({ dryRun: services.env.RETENTION_DRY_RUN === '1' });
    return { count: Object.values(run.rules).reduce((n, r) => n + (run.dryRun ? r.matched : r.deleted), 0) };
  },
};
