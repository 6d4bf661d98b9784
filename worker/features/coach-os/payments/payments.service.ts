import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import { localParts, zonedToUtc } from '../../../lib/dates';
import type { CheckoutSession, Payments } from '../../../providers/stripe/stripe';
import type { AuditService } from '../../audit';
import type { Member } from '../coach-os.service';
import { createCoachRepo } from '../coach-os.repo';
import { createPaymentsRepo } from './payments.repo';
import { presentMoneyEvent } from './payments.present';
import type { CreateMoneyEventInput, Pnl } from './payments.schema';
import { summarise } from './pnl';

/** What a coach's client is told to wait when Stripe is down (membership billing says the same). */
const CHECKOUT_RETRY_AFTER_S = 30;

/** [start, end) of an org-local calendar month as instants (DST-aware through lib/dates). */
export function monthRange(month: string, timeZone: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: zonedToUtc(`${month}-01`, '00:00', timeZone), to: zonedToUtc(`${next}-01`, '00:00', timeZone) };
}

export function createPaymentsService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  stripe: Payments;
  appOrigin: string;
  logger: Logger;
}) {
  const repo = () => createPaymentsRepo(deps.db);
  const coach = () => createCoachRepo(deps.db);

  async function clientOf(m: Member, clientId: string) {
    const c = await coach().getClient(m.org.id, clientId);
    if (!c) throw notFound('Client');
    return c;
  }

  async function pnl(m: Member, month: string, currency?: string): Promise<Pnl> {
    const { from, to } = monthRange(month, m.org.timeZone);
    const currencies = await repo().currenciesBetween(m.org.id, from, to);
    // One currency per report: amounts are never converted or added across currencies.
    const chosen = currency ?? currencies[0] ?? (await repo().firstPackageCurrency(m.org.id)) ?? 'usd';
    const events = await repo().between(m.org.id, from, to, chosen);
    return {
      month,
      timeZone: m.org.timeZone,
      currency: chosen,
      currencies,
      ...summarise(events),
      events: events.map((e) => presentMoneyEvent(e, m.org.timeZone)),
    };
  }

  return {
    pnl,

    /**
     * A Stripe Checkout link for one package type, for one client. The org, client and package type ride
     * along as metadata: the webhook trusts nothing else to know whose money it is.
     */
    async createCheckoutLink(m: Member, clientId: string, packageTypeId: string) {
      const client = await clientOf(m, clientId);
      const type = await coach().getPackageType(m.org.id, packageTypeId);
      if (!type) throw notFound('Package type');
      if (!type.active)
        throw new AppError(ErrorCode.CONFLICT, 'This package type is no longer sold.', {
          fields: [{ path: 'packageTypeId', message: 'Inactive package type' }],
        });
      const metadata = { orgId: m.org.id, clientId: client.id, packageTypeId: type.id };
      let session: CheckoutSession;
      try {
        session = await deps.stripe.createCheckoutSession({
          amountCents: type.priceCents,
          currency: type.currency,
          productName: `${type.name} · ${type.sessions} sessions of ${type.sessionMinutes} min`,
          metadata,
          clientReferenceId: client.id,
          successUrl: `${deps.appOrigin}/pay/done?session_id={CHECKOUT_SESSION_ID}`,
          cancelUrl: `${deps.appOrigin}/pay/done?cancelled=1`,
          customerEmail: client.email,
          idempotencyKey: crypto.randomUUID(),
        });
      } catch (err) {
        // Stripe's own message may quote what we sent (an invalid email, say): its code and status only.
        deps.logger.warn('stripe checkout create failed', {
          orgId: m.org.id,
          clientId: client.id,
          errorName: err instanceof Error ? err.name : 'unknown',
          code: (err as { code?: string }).code,
          status: (err as { statusCode?: number }).statusCode,
        });
        // Nothing was stored before the call, so there is nothing half-made to undo: the coach just asks again.
        throw new AppError(ErrorCode.UNAVAILABLE, 'Stripe could not create the checkout link just now. Please try again.', {
          retryAfterSeconds: CHECKOUT_RETRY_AFTER_S,
        });
      }
      await deps.audit.record({
        actor: m.actor,
        action: 'checkout_link.created',
        target: { type: 'client', id: client.id },
        payload: { checkoutSessionId: session.id, packageTypeId: type.id, amountCents: type.priceCents, currency: type.currency },
      });
      return { url: session.url, checkoutSessionId: session.id, expiresAt: session.expiresAt.toISOString() };
    },

    /** Cash income or an expense the coach enters; dated on an org-local day (stored at local noon). */
    async addManual(m: Member, input: CreateMoneyEventInput) {
      if (input.clientId) await clientOf(m, input.clientId);
      if (input.packageTypeId && !(await coach().getPackageType(m.org.id, input.packageTypeId))) throw notFound('Package type');
      const row = await repo().insertMoneyEvent({
        orgId: m.org.id,
        kind: input.kind,
        amountCents: input.amountCents,
        currency: input.currency,
        occurredAt: zonedToUtc(input.occurredOn, '12:00', m.org.timeZone),
        occurredOn: input.occurredOn,
        clientId: input.clientId ?? null,
        packageTypeId: input.packageTypeId ?? null,
        source: 'manual',
        externalId: null,
        description: input.description,
        category: input.category ?? null,
        createdBy: m.actor.id,
      });
      if (!row) throw new AppError(ErrorCode.CONFLICT, 'That entry could not be saved.');
      await deps.audit.record({
        actor: m.actor,
        action: 'money_event.created',
        target: { type: 'money_event', id: row.id },
        payload: { kind: row.kind, amountCents: row.amountCents, currency: row.currency },
      });
      const [view] = (await repo().between(m.org.id, row.occurredAt, new Date(row.occurredAt.getTime() + 1), row.currency)).filter(
        (e) => e.id === row.id,
      );
      return presentMoneyEvent(view ?? { ...row, clientName: null, packageTypeName: null }, m.org.timeZone);
    },

    /** Deletes a manual entry (audited with what it was). Stripe money is changed by refunding in Stripe. */
    async deleteManual(m: Member, id: string) {
      const existing = await repo().getMoneyEvent(m.org.id, id);
      if (!existing) throw notFound('Money event');
      if (existing.source !== 'manual')
        throw new AppError(ErrorCode.CONFLICT, 'Stripe payments and refunds cannot be deleted here; refund the payment in Stripe instead.');
      const row = await repo().deleteManual(m.org.id, id);
      if (!row) throw notFound('Money event');
      await deps.audit.record({
        actor: m.actor,
        action: 'money_event.deleted',
        target: { type: 'money_event', id },
        payload: { kind: row.kind, amountCents: row.amountCents, currency: row.currency, occurredOn: row.occurredOn },
      });
      return { deleted: true as const, id };
    },

    async clientPayments(m: Member, clientId: string) {
      await clientOf(m, clientId);
      return (await repo().clientPayments(m.org.id, clientId)).map((e) => presentMoneyEvent(e, m.org.timeZone));
    },

    /** This month in the org's zone, for the money page's default. */
    currentMonth: (m: Member) => localParts(deps.clock.now(), m.org.timeZone).date.slice(0, 7),
  };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
