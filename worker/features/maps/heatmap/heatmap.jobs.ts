import type { CronJob } from '../../../jobs/types';

/**
 * The heatmap's repair pass (ADR 100): athletes whose tracks were synced since their buckets were last compared —
 * a listener that failed or ran out of its time, or history from before the heatmap — up to five a minute within 5 s.
 */
export const heatmapRepairJob: CronJob = {
  name: 'maps.heatmap_repair',
  async run(services) {
    return { count: await services.heatmap.repair(5) };
  },
};
