import type { Env } from '../env';
import { activityTrashPurgeJob, stravaCacheWindowJob } from '../features/activities/mount';
import { doorCatchUpJob, doorWellnessPollJob, importsLeaseSweep, stuckJobSweep, tokensReencryptJob } from '../features/ingest/mount';
import { analyticsRebuildsJob } from '../features/analytics/mount';
import { automationsRunDueJob, automationsScanJob, bookingsAutoCompleteJob, smsSendDueJob } from '../features/coach-os/mount';
import { stripeEventsSweepJob } from '../features/stripe-inbox/mount';
import { auditRetentionReportJob } from '../features/audit/mount';
import { notificationsDueJob, notificationsRemindersJob, notificationsWeeklyJob } from '../features/notifications/mount';
import { deletionsDueJob, orphanSweepJob, privacyLeaseSweepJob, retentionJob } from '../features/privacy/mount';
import { awardsReevaluateJob, leaderboardsCloseJob } from '../features/social/mount';
import { heatmapRepairJob, segmentsMatchJob, tracksSyncJob } from '../features/maps/mount';
import { planAdaptJob } from '../features/plans/mount';
import { ErrorCode, appErrorWithin } from '../lib/errors';
import { createLogger } from '../lib/logger';
import { createServices } from '../wiring';
import type { CronJob } from './types';

/** The schedules wrangler.toml declares (UTC). Keep the two lists identical; a test checks it. */
export const SCHEDULES = {
  everyMinute: '* * * * *',
  everyFiveMinutes: '*/5 * * * *',
  hourly: '0 * * * *',
  daily: '30 3 * * *',
} as const;

export const cronJobs: Record<string, CronJob[]> = {
  [SCHEDULES.everyMinute]: [
    analyticsRebuildsJob,
    smsSendDueJob,
    automationsRunDueJob,
    notificationsRemindersJob,
    notificationsDueJob,
    awardsReevaluateJob,
    tracksSyncJob,
    segmentsMatchJob,
    heatmapRepairJob,
    planAdaptJob,
    // Jobs whose worker was killed mid-way (a lapsed lease) or whose message was lost, queued again (ADR 089).
    importsLeaseSweep,
    privacyLeaseSweepJob,
  ],
  [SCHEDULES.everyFiveMinutes]: [stuckJobSweep, stripeEventsSweepJob, activityTrashPurgeJob, leaderboardsCloseJob],
  [SCHEDULES.hourly]: [
    bookingsAutoCompleteJob,
    automationsScanJob,
    notificationsWeeklyJob,
    deletionsDueJob,
    tokensReencryptJob,
    // Files whose provider notification never reached us, found by listing (ADR 091).
    doorCatchUpJob,
  ],
  [SCHEDULES.daily]: [auditRetentionReportJob, retentionJob, orphanSweepJob, stravaCacheWindowJob, doorWellnessPollJob],
};

export async function handleScheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
  const logger = createLogger(env.LOG_LEVEL, { cron: controller.cron });
  const jobs = cronJobs[controller.cron];
  if (!jobs) {
    logger.warn('no jobs for this cron expression');
    return;
  }
  const services = createServices(env, { requestId: null, logger, waitUntil: (p) => ctx.waitUntil(p) });
  try {
    for (const job of jobs) {
      const started = Date.now();
      try {
        const result = await job.run(services, new Date(controller.scheduledTime));
        logger.info('cron job done', { job: job.name, count: result.count, durationMs: Date.now() - started });
      } catch (err) {
        // The database down or restarting fails every job alike: one line, and the next tick does the work (ADR 086).
        if (appErrorWithin(err)?.code === ErrorCode.UNAVAILABLE) {
          logger.warn('cron tick skipped: database unavailable', { job: job.name });
          break;
        }
        // One failing job must not starve the others of the same tick.
        logger.error('cron job failed', { job: job.name, errorName: err instanceof Error ? err.name : 'unknown' });
      }
    }
  } finally {
    await services.close();
  }
}
