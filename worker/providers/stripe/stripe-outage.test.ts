// Stripe down while a checkout link is made: the adapter fails in bounded time with a PaymentsError, whatever
// shape the outage's answer has (a 5xx without Stripe's error body, a hang, a 429).
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../env';
import { StripeBilling } from './stripe-billing.http';
import { STRIPE_TRY_MS, StripePayments } from './stripe.http';
import { PaymentsError } from './stripe';

const e = () => parseEnv(env);

async function faulted(mode: 'error' | 'ratelimit' | 'timeout', seconds = 10) {
  // A path of this test's own: the sandbox faults its requests (the fault matches it) and no one else's.
  const lane = `down-${crypto.randomUUID()}`;
  const origin = new URL(e().STRIPE_API_URL).origin;
  await fetch(`${origin}/_faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prefix: 'stripe', mode, seconds, retryAfter: 1, match: lane }),
  });
  const apiUrl = `${origin}/stripe/${lane}/`;
  return {
    payments: new StripePayments({ secretKey: e().STRIPE_SECRET_KEY, webhookSecret: e().STRIPE_WEBHOOK_SECRET, apiUrl }),
    billing: new StripeBilling({ secretKey: e().STRIPE_SECRET_KEY, apiUrl }),
  };
}

const checkout = {
  amountCents: 5_000,
  currency: 'usd',
  productName: 'Test',
  metadata: { orgId: 'o' },
  clientReferenceId: 'c',
  successUrl: 'https://app.example/done',
  cancelUrl: 'https://app.example/cancel',
  idempotencyKey: crypto.randomUUID(),
};

describe('StripePayments while Stripe is down', () => {
  for (const mode of ['error', 'ratelimit'] as const) {
    it(`${mode}: a PaymentsError, not a crash`, async () => {
      const stripe = await faulted(mode);
      const failure = (p: Promise<unknown>) =>
        p.then(
          () => null,
          (e: unknown) => e,
        );
      expect(await failure(stripe.payments.createCheckoutSession(checkout))).toBeInstanceOf(PaymentsError);
      // Membership billing shares the client: a customer is never "made" with no id.
      expect(
        await failure(stripe.billing.createCustomer({ email: null, name: 'A', metadata: {}, idempotencyKey: crypto.randomUUID() })),
      ).toBeInstanceOf(PaymentsError);
    });
  }

  it('timeout: a hang ends in two tries, so a checkout (customer, then session) answers within 30 s', { timeout: 60_000 }, async () => {
    const stripe = await faulted('timeout', 60);
    const started = Date.now();
    const err = await stripe.payments.createCheckoutSession(checkout).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PaymentsError);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(2 * STRIPE_TRY_MS);
    expect(took).toBeLessThan(15_000);
  });
});
