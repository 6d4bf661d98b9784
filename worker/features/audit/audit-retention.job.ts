import type { CronJob } from '../../jobs/types';
import { MIN_RETENTION_DAYS } from './audit-viewer.service';

/**
 * On the 1st of each month (UTC), a dry run of the retention purge: the count lands in the audit log
 * (audit.retention_run, dryRun) for an operator to act on. It never deletes: a real run is a person's decision.
 */
export const auditRetentionReportJob: CronJob = {
  name: 'audit.retention_report',
  async run(services, scheduledTime) {
    if (scheduledTime.getUTCDate() !== 1) return { count: 0 };
    const r = await services.auditViewer.retention(null, { retentionDays: MIN_RETENTION_DAYS, dryRun: true });
    return { count: r.matched };
  },
};
