import type { CronJob } from '../../jobs/types';

/** Every minute: deferred emails (do-not-disturb, send time, digest windows) that are now due go to the notify queue. */
export const notificationsDueJob: CronJob = {
  name: 'notifications.due',
  async run(services, scheduledTime) {
    return { count: await services.notifications.sweepDue(scheduledTime) };
  },
};

/** Hourly: the Monday summaries whose send time falls in the next hour, as outbox rows (the due sweep sends them). */
export const notificationsWeeklyJob: CronJob = {
  name: 'notifications.weekly',
  async run(services, scheduledTime) {
    return { count: (await services.notifications.prepareWeekly(scheduledTime)).prepared };
  },
};

/** Every minute: today's workout reminders whose local time has come since the last ticks (ADR 079). */
export const notificationsRemindersJob: CronJob = {
  name: 'notifications.reminders',
  async run(services, scheduledTime) {
    return { count: (await services.notifications.remindWorkouts(scheduledTime)).due };
  },
};
