import type { CronJob } from '../../../jobs/types';

/**
 * The adaptive pass (issue 58): athletes with an active plan whose local day turned (a session missed, a morning's
 * readiness) or whose training data changed (a session done, an unplanned one) — up to 100 a minute, for at most
 * 10 s of the tick, so the passes never hold the isolate; midnight comes zone by zone, spreading a night's athletes.
 */
export const planAdaptJob: CronJob = {
  name: 'plans.adapt',
  async run(services) {
    return { count: (await services.adapt.drain(100, 10_000)).athletes };
  },
};
