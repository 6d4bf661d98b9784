// /v1/subscriptions: create (one item), list (Stripe's default hides ended ones), retrieve, update
// (cancel at period end or undo, plan switch with proration, metadata, default card, end a trial
// now), cancel now (DELETE) and resume a paused one. `expand[]` everywhere.
import { applyResult, change, endTrial, itemOf, periodEnd, periodLine, setPeriod } from './billing-cycle.ts';
import { recurringPrice } from './catalog.ts';
import { customerById, paymentMethodFor, testCard, attachCard } from './customers.ts';
import { attemptPayment, createInvoice, finalizeInvoice } from './invoices.ts';
import { expand, listFilter, listOf, newestFirst, present } from './objects.ts';
import { StripeParamError, bool, int, mergeMetadata, metadata, missing, obj, oneOf, optInt, str } from './params.ts';
import { applyPlanChange } from './proration.ts';
import type { Route } from './routes.ts';
import type { StripeObject, StripeState } from './state.ts';
import { cancelNow, makeSubscription, setCancelAtPeriodEnd, startSubscription } from './subscriptions.ts';
import type { MissingPaymentMethod } from './subscriptions.ts';
import { DAY, nowFor } from './time.ts';

const MISSING_PM = ['cancel', 'pause', 'create_invoice'] as const;
const BEHAVIORS = ['allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete'] as const;
const PRORATION = ['create_prorations', 'always_invoice', 'none'] as const;
const ENDED = new Set(['canceled', 'incomplete_expired']);

function subscriptionById(state: StripeState, id: string): StripeObject {
  const s = state.get(id, 'subscription');
  if (!s) throw missing('subscription', id, 'id');
  return s;
}

/** A payment method of this customer, or a test token (`pm_card_visa`) attached on the spot. */
function ownPaymentMethod(state: StripeState, customer: StripeObject, id: string, at: number): string {
  const pm = state.get(id, 'payment_method');
  if (pm && pm.customer === customer.id) return pm.id;
  const card = pm ? null : testCard(id);
  if (card) return attachCard(state, card, customer.id, at).id;
  throw new StripeParamError(`The payment method ${id} is not attached to customer ${customer.id}.`, 'default_payment_method');
}

const cardDeclined = () => new StripeParamError('Your card was declined.', 'payment_method', 'card_declined', 402, 'card_error');

export const subscriptionRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/subscriptions$/,
    run: ({ state, p, expand: ex }) => {
      const customer = customerById(state, str(p.customer, 'customer', true)!);
      const at = nowFor(state, customer.id);
      if (!Array.isArray(p.items) || p.items.length === 0)
        throw new StripeParamError('Missing required param: items.', 'items', 'parameter_missing');
      if (p.items.length > 1) throw new StripeParamError('The sandbox supports one subscription item.', 'items[1]');
      const item = obj(p.items[0], 'items[0]');
      const price = recurringPrice(state, str(item.price, 'items[0][price]', true)!, 'items[0][price]');
      const quantity = optInt(item.quantity, 'items[0][quantity]') ?? 1;
      const days = optInt(p.trial_period_days, 'trial_period_days');
      const trialEnd = p.trial_end === 'now' ? null : optInt(p.trial_end, 'trial_end');
      if (trialEnd !== undefined && trialEnd !== null && trialEnd <= at)
        throw new StripeParamError('Invalid timestamp: must be in the future.', 'trial_end');
      const ts = obj(obj(p.trial_settings, 'trial_settings').end_behavior, 'trial_settings[end_behavior]');
      const behavior = oneOf(p.payment_behavior, 'payment_behavior', BEHAVIORS) ?? 'allow_incomplete';
      if (p.collection_method !== undefined && p.collection_method !== 'charge_automatically')
        throw new StripeParamError(
          'The sandbox bills subscriptions with collection_method=charge_automatically only.',
          'collection_method',
        );
      const dpm = str(p.default_payment_method, 'default_payment_method');
      const sub = makeSubscription(state, {
        customer,
        price,
        quantity,
        trialEnd: trialEnd ?? (days ? at + days * DAY : null),
        missingPaymentMethod: (oneOf(ts.missing_payment_method, 'trial_settings[end_behavior][missing_payment_method]', MISSING_PM) ??
          'create_invoice') as MissingPaymentMethod,
        metadata: metadata(p.metadata, 'metadata'),
        defaultPaymentMethod: dpm ? ownPaymentMethod(state, customer, dpm, at) : null,
        cancelAtPeriodEnd: bool(p.cancel_at_period_end, 'cancel_at_period_end') ?? false,
        at,
      });
      if (sub.status !== 'trialing' && behavior === 'error_if_incomplete') {
        const pm = paymentMethodFor(state, sub);
        const forced = state.failPayments.get(customer.id) ?? 0;
        if (!pm || forced > 0 || (pm.card as { last4: string }).last4 === '0341') {
          if (forced > 0) state.failPayments.set(customer.id, forced - 1);
          state.objects.delete(sub.id);
          throw cardDeclined();
        }
      }
      startSubscription(state, sub, behavior);
      return expand(state, present(sub), ex);
    },
  },
  {
    method: 'GET',
    path: /^\/subscriptions$/,
    run: ({ state, p, expand: ex }) => {
      const customer = listFilter(p, 'customer');
      const price = listFilter(p, 'price');
      const clock = listFilter(p, 'test_clock');
      const status = listFilter(p, 'status');
      const subs = newestFirst(
        state,
        'subscription',
        (s) =>
          (!customer || s.customer === customer) &&
          (!clock || s.test_clock === clock) &&
          (!price || itemOf(s).price.id === price) &&
          (status === 'all' ||
            (status === 'ended' ? ENDED.has(String(s.status)) : status ? s.status === status : !ENDED.has(String(s.status)))),
      );
      return expand(state, listOf(subs, p, '/v1/subscriptions'), ex);
    },
  },
  {
    method: 'GET',
    path: /^\/subscriptions\/([^/]+)$/,
    run: ({ state, id, expand: ex }) => expand(state, present(subscriptionById(state, id)), ex),
  },
  {
    method: 'POST',
    path: /^\/subscriptions\/([^/]+)$/,
    run: ({ state, id, p, expand: ex }) => {
      const sub = subscriptionById(state, id);
      const customer = customerById(state, String(sub.customer));
      const at = nowFor(state, customer.id);
      const ended = ENDED.has(String(sub.status));
      const allowedWhenEnded = new Set(['metadata', 'expand', 'cancellation_details']);
      if (ended && Object.keys(p).some((k) => !allowedWhenEnded.has(k)))
        throw new StripeParamError('A canceled subscription can only update its cancellation_details and metadata.', 'subscription');
      const flag = bool(p.cancel_at_period_end, 'cancel_at_period_end');
      const dpm = p.default_payment_method === undefined ? undefined : str(p.default_payment_method, 'default_payment_method');
      change(state, sub, at, () => {
        if (p.metadata !== undefined) sub.metadata = mergeMetadata(sub.metadata, p.metadata, 'metadata');
        if (dpm !== undefined) sub.default_payment_method = dpm ? ownPaymentMethod(state, customer, dpm, at) : null;
      });
      if (flag !== undefined && flag !== sub.cancel_at_period_end) setCancelAtPeriodEnd(state, sub, flag, at);
      if (Array.isArray(p.items) && p.items.length) {
        const it = obj(p.items[0], 'items[0]');
        const current = itemOf(sub);
        if (it.id !== undefined && it.id !== current.id) throw missing('subscription_item', String(it.id), 'items[0][id]');
        if (it.id === undefined && it.price) throw new StripeParamError('Pass items[0][id] to change the existing item.', 'items[0][id]');
        const quantity = optInt(it.quantity, 'items[0][quantity]');
        if (quantity !== undefined && quantity !== current.quantity) change(state, sub, at, () => (current.quantity = quantity));
        const priceId = str(it.price, 'items[0][price]');
        if (priceId && priceId !== current.price.id) {
          const behavior = oneOf(p.proration_behavior, 'proration_behavior', PRORATION) ?? 'create_prorations';
          applyPlanChange(state, sub, recurringPrice(state, priceId, 'items[0][price]'), behavior, at);
        }
      }
      if (p.trial_end === 'now' && sub.status === 'trialing') endTrial(state, sub, at);
      else if (p.trial_end !== undefined && p.trial_end !== 'now') {
        const t = int(p.trial_end, 'trial_end');
        if (sub.status !== 'trialing' || t <= at)
          throw new StripeParamError('trial_end can move an ongoing trial to a later time only.', 'trial_end');
        change(state, sub, at, () => {
          sub.trial_end = t;
          sub.billing_cycle_anchor = t;
          setPeriod(sub, itemOf(sub).current_period_start, t);
        });
      }
      return expand(state, present(sub), ex);
    },
  },
  {
    method: 'DELETE',
    path: /^\/subscriptions\/([^/]+)$/,
    run: ({ state, id, expand: ex }) => {
      const sub = subscriptionById(state, id);
      cancelNow(state, sub, nowFor(state, String(sub.customer)));
      return expand(state, present(sub), ex);
    },
  },
  {
    method: 'POST',
    path: /^\/subscriptions\/([^/]+)\/resume$/,
    run: ({ state, id, expand: ex }) => {
      const sub = subscriptionById(state, id);
      if (sub.status !== 'paused') throw new StripeParamError('Only a paused subscription can be resumed.', 'subscription');
      const at = nowFor(state, String(sub.customer));
      // A resumed subscription starts a new period now and pays for it (billing_cycle_anchor=now).
      change(state, sub, at, () => {
        const end = periodEnd(at, itemOf(sub).price, at);
        setPeriod(sub, at, end);
        sub.billing_cycle_anchor = at;
        sub.status = 'active';
        const inv = createInvoice(state, { sub, lines: [periodLine(state, sub, at, end)], at, reason: 'subscription_update' });
        sub.latest_invoice = inv.id;
        finalizeInvoice(state, inv, at);
        applyResult(state, sub, inv, attemptPayment(state, inv, at), at);
      });
      return expand(state, present(sub), ex);
    },
  },
];
