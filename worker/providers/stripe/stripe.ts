/** One Checkout Session in payment mode for one line item (a package type). */
export interface CheckoutRequest {
  amountCents: number;
  /** ISO 4217, lower case. */
  currency: string;
  productName: string;
  /** Carried on the session and its payment intent (and so its charge): how an event finds its org. */
  metadata: Record<string, string>;
  clientReferenceId: string;
  successUrl: string;
  cancelUrl: string;
  customerEmail?: string | null;
  /** Stripe's Idempotency-Key: a retried create returns the same session. */
  idempotencyKey: string;
}

export interface CheckoutSession {
  id: string;
  url: string;
  expiresAt: Date;
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  amountTotal: number | null;
  currency: string | null;
  productName: string | null;
}

/** A verified Stripe event as Stripe sent it (raw JSON; handlers validate the object they need). */
export interface StripeEventEnvelope {
  id: string;
  type: string;
  created: number;
  livemode: boolean;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
}

export interface Payments {
  /** Creates a hosted Checkout page; resolves with its id, URL and expiry. */
  createCheckoutSession(req: CheckoutRequest): Promise<CheckoutSession>;
  retrieveCheckoutSession(id: string): Promise<CheckoutSession>;
  /** Verifies `Stripe-Signature` over the raw body, its timestamp within 300 s of now either way; throws WebhookSignatureError. */
  verifyWebhook(rawBody: string, signature: string): Promise<StripeEventEnvelope>;
}

/** How far a Stripe-Signature timestamp may be from our clock, in the past or the future (Stripe's default). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export class WebhookSignatureError extends Error {
  override name = 'WebhookSignatureError';
}

/** Stripe refused a request (its error type and code, never the request's data). */
export class PaymentsError extends Error {
  override name = 'PaymentsError';
  constructor(
    message: string,
    readonly type: string,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}
