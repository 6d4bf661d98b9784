import type { CronJob } from '../../../../jobs/types';

/** Matches new segments (and ones a failed match sent back) over every history they may meet, 5 a minute. */
export const segmentsMatchJob: CronJob = {
  name: 'maps.segments_match',
  async run(services) {
    return { count: await services.segmentMatching.drain(5) };
  },
};
