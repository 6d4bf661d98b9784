// What Stripe's events mean for a coaching org: a paid checkout becomes a client package and an
// income, an invoice an income, a refund a refund. Called by the Stripe handlers (stripe-handlers/) inside the
// transaction that holds the stored event, so each write is keyed by a Stripe id and happens once.

import type { Executor } from '../../../db/executor';
import { addDays, localParts } from '../../../lib/dates';
import { isUuid } from '../../../lib/ids';
import type { AuditService } from '../../audit';
import { createCoachRepo, type OrgRow } from '../coach-os.repo';
import { createPaymentsRepo } from './payments.repo';

/** Ids set on the checkout session (and its payment intent) when the coach made the link. */
export interface TenantRef {
  orgId: string;
  clientId?: string | undefined;
  packageTypeId?: string | undefined;
}

export type RecordOutcome = 'processed' | 'duplicate' | 'unresolved' | 'retry';

export function createStripeRecords(tx: Executor, audit: AuditService) {
  const repo = createPaymentsRepo(tx);
  const coach = createCoachRepo(tx);

  /** The org, client and package type the metadata names, each checked to belong to that org. */
  async function resolve(ref: TenantRef) {
    if (!isUuid(ref.orgId) || (ref.clientId && !isUuid(ref.clientId)) || (ref.packageTypeId && !isUuid(ref.packageTypeId)))
      return undefined;
    const org = await coach.orgById(ref.orgId);
    if (!org) return undefined;
    const client = ref.clientId ? await coach.getClient(org.id, ref.clientId) : undefined;
    const type = ref.packageTypeId ? await coach.getPackageType(org.id, ref.packageTypeId) : undefined;
    if ((ref.clientId && !client) || (ref.packageTypeId && !type)) return undefined;
    return { org, client, type };
  }

  const localDate = (org: OrgRow, at: Date) => localParts(at, org.timeZone).date;

  return {
    resolve,

    /** A paid checkout: the package (source = session id) and the income (external id = session id). */
    async checkoutPaid(p: {
      sessionId: string;
      paymentIntentId: string | null;
      amountCents: number;
      currency: string;
      paidAt: Date;
      ref: TenantRef;
    }): Promise<RecordOutcome> {
      const t = await resolve(p.ref);
      if (!t || !t.client || !t.type) return 'unresolved';
      const purchasedOn = localDate(t.org, p.paidAt);
      const packageId = await repo.addPurchasedPackage({
        orgId: t.org.id,
        clientId: t.client.id,
        packageTypeId: t.type.id,
        name: t.type.name,
        sessionsTotal: t.type.sessions,
        sessionsRemaining: t.type.sessions,
        purchasedOn,
        expiresOn: t.type.validityDays ? addDays(purchasedOn, t.type.validityDays - 1) : null,
        source: p.sessionId,
      });
      const income =
        p.amountCents > 0
          ? await repo.insertMoneyEvent({
              orgId: t.org.id,
              kind: 'income',
              amountCents: p.amountCents,
              currency: p.currency,
              occurredAt: p.paidAt,
              occurredOn: purchasedOn,
              clientId: t.client.id,
              packageTypeId: t.type.id,
              source: 'stripe',
              externalId: p.sessionId,
              paymentRef: p.paymentIntentId,
              description: `Stripe Checkout: ${t.type.name}`,
            })
          : undefined;
      if (!packageId && !income) return 'duplicate';
      await audit.record(
        {
          actor: null,
          action: 'client_package.purchased',
          target: { type: 'client', id: t.client.id },
          payload: { packageId: packageId ?? null, checkoutSessionId: p.sessionId, amountCents: p.amountCents, currency: p.currency },
        },
        tx,
      );
      return 'processed';
    },

    /** A paid invoice: one income keyed by the invoice id. */
    async invoicePaid(p: {
      invoiceId: string;
      paymentRef: string | null;
      amountCents: number;
      currency: string;
      paidAt: Date;
      ref: TenantRef;
      description: string;
    }): Promise<RecordOutcome> {
      const t = await resolve(p.ref);
      if (!t) return 'unresolved';
      const row = await repo.insertMoneyEvent({
        orgId: t.org.id,
        kind: 'income',
        amountCents: p.amountCents,
        currency: p.currency,
        occurredAt: p.paidAt,
        occurredOn: localDate(t.org, p.paidAt),
        clientId: t.client?.id ?? null,
        packageTypeId: t.type?.id ?? null,
        source: 'stripe',
        externalId: p.invoiceId,
        paymentRef: p.paymentRef,
        description: p.description,
      });
      return row ? 'processed' : 'duplicate';
    },

    /**
     * A charge's refunds, from its running total `amount_refunded`: the new part since what we counted,
     * keyed by the charge and that total. A partial then a full refund count once each; a replay, or an
     * older total arriving after a newer one, adds nothing. The charge's lock makes this exact under races.
     */
    async chargeRefunded(p: {
      chargeId: string;
      paymentRef: string | null;
      amountRefunded: number;
      currency: string;
      refundedAt: Date;
      ref: TenantRef | null;
    }): Promise<RecordOutcome> {
      // The payment we recorded is the best source; the charge's own metadata serves when the refund comes first.
      const income = p.paymentRef ? await repo.incomeByPaymentRef(p.paymentRef) : undefined;
      const ref: TenantRef | null = income
        ? { orgId: income.orgId, clientId: income.clientId ?? undefined, packageTypeId: income.packageTypeId ?? undefined }
        : p.ref;
      if (!ref) return 'retry';
      const t = await resolve(ref);
      if (!t) return 'unresolved';
      await repo.lock(`stripe-refund:${p.chargeId}`);
      const delta = p.amountRefunded - (await repo.refundedSoFar(p.chargeId));
      if (delta <= 0) return 'duplicate';
      const row = await repo.insertMoneyEvent({
        orgId: t.org.id,
        kind: 'refund',
        amountCents: delta,
        currency: p.currency,
        occurredAt: p.refundedAt,
        occurredOn: localDate(t.org, p.refundedAt),
        clientId: t.client?.id ?? null,
        packageTypeId: t.type?.id ?? null,
        source: 'stripe',
        externalId: `${p.chargeId}:refunded:${p.amountRefunded}`,
        paymentRef: p.paymentRef,
        description: delta === p.amountRefunded ? 'Stripe refund' : 'Stripe refund (further part)',
      });
      return row ? 'processed' : 'duplicate';
    },
  };
}

export type StripeRecords = ReturnType<typeof createStripeRecords>;
