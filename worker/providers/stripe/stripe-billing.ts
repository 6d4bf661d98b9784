// Stripe Billing (Cadence's own memberships) behind a small interface: what the membership feature asks
// of Stripe, in our words. The SDK implementation is stripe-billing.http.ts; tests reach it through the
// Stripe sandbox, which speaks Stripe's wire format.

/** One subscription as the mirror needs it (prices by lookup key: the entitlements table knows those). */
export interface SubscriptionSnapshot {
  id: string;
  customerId: string;
  status: string;
  priceLookupKey: string | null;
  currentPeriodEnd: Date | null;
  trialEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  hasPaymentMethod: boolean;
}

export interface InvoiceSummary {
  id: string;
  number: string | null;
  status: string | null;
  amountDueCents: number;
  amountPaidCents: number;
  currency: string;
  created: Date;
  periodStart: Date | null;
  periodEnd: Date | null;
  hostedInvoiceUrl: string | null;
}

export interface Billing {
  /** Makes the customer our payer is billed as; metadata carries our id (owner type and id). */
  createCustomer(req: { email: string | null; name: string; metadata: Record<string, string>; idempotencyKey: string }): Promise<string>;
  /** Every subscription of the customer, whatever its status (syncCustomer's one read). */
  listSubscriptions(customerId: string): Promise<SubscriptionSnapshot[]>;
  /** A hosted Checkout page in subscription mode for the price with this lookup key. */
  createSubscriptionCheckout(req: {
    customerId: string;
    lookupKey: string;
    metadata: Record<string, string>;
    successUrl: string;
    cancelUrl: string;
    idempotencyKey: string;
  }): Promise<{ id: string; url: string }>;
  /** The customer a Checkout Session belongs to (the success page checks it is the signed-in payer's). */
  checkoutCustomer(sessionId: string): Promise<string | null>;
  /** A trial without a card: it ends (cancels) unless a payment method is added before its end. */
  createCardlessTrial(req: {
    customerId: string;
    lookupKey: string;
    trialDays: number;
    metadata: Record<string, string>;
    idempotencyKey: string;
  }): Promise<SubscriptionSnapshot>;
  /** Stripe's Customer Portal: plan changes, payment method, cancellation. */
  createPortalSession(req: { customerId: string; returnUrl: string }): Promise<string>;
  listInvoices(customerId: string, limit: number): Promise<InvoiceSummary[]>;
  /** Ends a subscription at once (no proration, no final invoice): an account deletion's cancel. */
  cancelSubscriptionNow(subscriptionId: string): Promise<void>;
  /**
   * Strips the customer of everything that names the person (name, email, phone, description, metadata)
   * and keeps the object, so its invoices stay where tax law wants them.
   */
  anonymiseCustomer(customerId: string): Promise<void>;
  /** Our prices as Stripe has them, by lookup key (to check the catalog and show real amounts). */
  listPrices(lookupKeys: string[]): Promise<{ lookupKey: string; unitAmount: number | null; currency: string; interval: string | null }[]>;
}
