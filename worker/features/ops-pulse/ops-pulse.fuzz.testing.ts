// The API fuzz test's targets for ops-pulse's operations (worker/http/api-fuzz.test.ts collects every feature's):
// real rows made for each operation alone, so its valid request succeeds and its mutations reach as deep as they can.
import { ingestJobs, ingestionState, smsMessages, stripeEvents } from '../../db/schema';
import { type TargetSpec, ago } from '../../http/api-fuzz-kit.testing';

export const fuzzTargets: Record<string, TargetSpec> = {
  // Ops Pulse fixes, each on a row of its own that needs the fix.
  'POST /api/v1/admin/ops/jobs/{id}/retry': { consumes: true, make: async (k) => ({ params: { id: (await k.failedJob()).jobId } }) },
  'POST /api/v1/admin/ops/imports/{id}/retry': {
    consumes: true,
    make: async (k) => ({ params: { id: (await k.failedImport()).importId } }),
  },
  'POST /api/v1/admin/ops/athletes/{id}/resume': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      const resumeAt = new Date(Date.now() + 20 * 60_000);
      await k.h.db.insert(ingestionState).values({ userId: p.id, source: 'strava', status: 'deferred', resumeAt });
      await k.h.db.insert(ingestJobs).values({
        userId: p.id,
        kind: 'fuzz.test',
        dedupeKey: `fuzz:${crypto.randomUUID()}`,
        status: 'deferred',
        runAfter: resumeAt,
        lastError: 'window_spent',
      });
      return { params: { id: p.id } };
    },
  },
  'POST /api/v1/admin/ops/stripe-events/{id}/reprocess': {
    consumes: true,
    make: async (k) => {
      const stripeEventId = `evt_fuzz_${crypto.randomUUID().replaceAll('-', '')}`;
      const [e] = await k.h.db
        .insert(stripeEvents)
        .values({
          stripeEventId,
          type: 'customer.subscription.updated',
          created: ago(60),
          payload: {
            id: stripeEventId,
            type: 'customer.subscription.updated',
            created: 0,
            data: { object: { id: 'sub_fuzz', customer: 'cus_fuzz' } },
          },
          processedAt: ago(50),
          outcome: 'unresolved',
          attempts: 8,
        })
        .returning({ id: stripeEvents.id });
      return { params: { id: e!.id } };
    },
  },
  'POST /api/v1/admin/ops/sms/{id}/retry': {
    consumes: true,
    make: async (k) => {
      const [s] = await k.h.db
        .insert(smsMessages)
        .values({
          orgId: k.w.orgId,
          clientId: k.w.clientId,
          direction: 'outbound',
          kind: 'manual',
          state: 'failed',
          key: `fuzz:${crypto.randomUUID()}`,
          body: 'See you Tuesday',
          dueAt: ago(5),
          attempts: 3,
          errorCode: '30003',
          errorMessage: 'Unreachable destination handset',
          updatedAt: ago(5),
        })
        .returning({ id: smsMessages.id });
      return { params: { id: s!.id } };
    },
  },
  'POST /api/v1/admin/ops/automation-runs/{id}/retry': {
    consumes: true,
    make: async (k) => ({ params: { id: await k.failedAutomationRun() } }),
  },
};
