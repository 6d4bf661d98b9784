// The API fuzz test's targets for stripe-inbox's operations (worker/http/api-fuzz.test.ts collects every feature's):
// real rows made for each operation alone, so its valid request succeeds and its mutations reach as deep as they can.
import { stripeEvent } from './stripe.testing';
import type { TargetSpec } from '../../http/api-fuzz-kit.testing';

export const fuzzTargets: Record<string, TargetSpec> = {
  'POST /webhooks/stripe': {
    make: async () => {
      const d = await stripeEvent('customer.updated', { id: `cus_fuzz_${crypto.randomUUID().slice(0, 8)}`, object: 'customer' });
      return { body: d.payload, headers: { 'stripe-signature': d.signature, 'content-type': 'application/json; charset=utf-8' } };
    },
  },
};
