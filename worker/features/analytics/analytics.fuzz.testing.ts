// The API fuzz test's targets for analytics's operations (worker/http/api-fuzz.test.ts collects every feature's):
// real rows made for each operation alone, so its valid request succeeds and its mutations reach as deep as they can.
import { and, eq } from 'drizzle-orm';
import { athleteThresholds } from '../../db/schema';
import type { TargetSpec } from '../../http/api-fuzz-kit.testing';

export const fuzzTargets: Record<string, TargetSpec> = {
  'DELETE /api/v1/analytics/thresholds/{id}': {
    consumes: true,
    make: async (k) => {
      const effectiveFrom = `2024-0${1 + Math.floor(Math.random() * 9)}-${String(10 + Math.floor(Math.random() * 18))}`;
      await k.ok('/api/v1/analytics/thresholds', { cookie: k.w.athlete.cookie, body: { kind: 'max_hr', value: 190, effectiveFrom } });
      const [t] = await k.h.db
        .select({ id: athleteThresholds.id })
        .from(athleteThresholds)
        .where(and(eq(athleteThresholds.userId, k.w.athlete.id), eq(athleteThresholds.effectiveFrom, effectiveFrom)));
      return { params: { id: t!.id } };
    },
  },
};
