import type { CronJob } from '../../../jobs/types';

/**
 * Re-evaluates the achievements and open board week of athletes whose training data changed (their analytics
 * version moved on since the last evaluation: an import, a late import, a deletion), 25 a minute.
 */
export const awardsReevaluateJob: CronJob = {
  name: 'social.awards_reevaluate',
  async run(services) {
    return { count: await services.awardsEvaluation.drain(25) };
  },
};

/** Makes final every board week that has ended in its athlete's zone: one statement per zone with open weeks. */
export const leaderboardsCloseJob: CronJob = {
  name: 'social.leaderboards_close',
  async run(services, scheduledTime) {
    return { count: (await services.awardsEvaluation.closeWeeks(scheduledTime)).closed };
  },
};
