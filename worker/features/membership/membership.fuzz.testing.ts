// The API fuzz test's targets for membership's operations (worker/http/api-fuzz.test.ts collects every feature's):
// real rows made for each operation alone, so its valid request succeeds and its mutations reach as deep as they can.
import type { TargetSpec } from '../../http/api-fuzz-kit.testing';

export const fuzzTargets: Record<string, TargetSpec> = {
  // Once per athlete.
  'POST /api/v1/membership/trial': { consumes: true, make: async (k) => ({ cookie: (await k.person()).cookie }) },
};
