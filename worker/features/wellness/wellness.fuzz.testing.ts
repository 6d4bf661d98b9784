// The API fuzz test's targets for wellness (worker/http/api-fuzz.test.ts collects every feature's): a check-in
// is for a real day, today in the athlete's zone (UTC in the fuzz world), never a day ahead.
import { todayIn } from '../../lib/dates';
import type { TargetSpec } from '../../http/api-fuzz-kit.testing';

export const fuzzTargets: Record<string, TargetSpec> = {
  'PUT /api/v1/wellness/days/{day}/check-in': {
    make: async () => ({ params: { day: todayIn('UTC', new Date()) }, body: { sleepHours: 7, mood: 3 } }),
  },
  // A question every athlete is asked (the family is the same list for all): its days, possibly none.
  'GET /api/v1/wellness/findings/{key}': { make: async () => ({ params: { key: 'sleep~easy_run_ef' } }) },
};
