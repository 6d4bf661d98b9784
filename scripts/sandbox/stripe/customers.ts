// Customers and card payment methods. The two test cards the sandbox knows are Stripe's own:
// 4242 4242 4242 4242 (`pm_card_visa`: every charge succeeds) and 4000 0000 0000 0341
// (`pm_card_chargeCustomerFail`: attaching succeeds, every charge fails) — so a trial with a card
// that later fails can be played end to end.
import { before, emit, expand, listFilter, listOf, newestFirst, present } from './objects.ts';
import { StripeParamError, mergeMetadata, missing, obj, str } from './params.ts';
import type { Params } from './params.ts';
import type { Route } from './routes.ts';
import { newId } from './state.ts';
import type { StripeObject, StripeState } from './state.ts';
import { nowFor } from './time.ts';

export type TestCard = '4242' | '0341';

/** A card number from a form (spaces allowed) or one of Stripe's test payment method tokens. */
export function testCard(input: string): TestCard | null {
  const v = input.replace(/[\s-]/g, '');
  if (v === '4242424242424242' || v === 'pm_card_visa' || v === '4242') return '4242';
  if (v === '4000000000000341' || v === 'pm_card_chargeCustomerFail' || v === '0341') return '0341';
  return null;
}

/** A customer as Stripe first shows it (the API's create and Checkout's own customer start the same). */
export function newCustomer(state: StripeState, init: { created: number; email?: string | null; testClock?: string | null }): StripeObject {
  return state.put({
    id: newId('cus'),
    object: 'customer',
    address: null,
    balance: 0,
    created: init.created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: init.email ?? null,
    invoice_prefix: newId('x').slice(2, 10).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: {},
    name: null,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: init.testClock ?? null,
  });
}

export function customerById(state: StripeState, id: string, param = 'customer'): StripeObject {
  const c = state.get(id, 'customer');
  if (!c) throw missing('customer', id, param);
  return c;
}

/** A card payment method attached to `customer` (payment_method.attached). */
export function attachCard(state: StripeState, card: TestCard, customer: string, at: number): StripeObject {
  const pm = state.put({
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: null,
      name: null,
      phone: null,
      tax_id: null,
    },
    card: {
      brand: 'visa',
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      display_brand: 'visa',
      exp_month: 12,
      exp_year: new Date(at * 1000).getUTCFullYear() + 3,
      fingerprint: card === '4242' ? 'sandbox4242fp' : 'sandbox0341fp',
      funding: 'credit',
      generated_from: null,
      last4: card,
      networks: { available: ['visa'], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: at,
    customer,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  });
  emit(state, 'payment_method.attached', pm, at);
  return pm;
}

/** The customer's invoice default (customer.updated with the previous value). */
export function setDefaultPaymentMethod(state: StripeState, customer: StripeObject, pmId: string | null, at: number): void {
  const settings = customer.invoice_settings as Record<string, unknown>;
  if (settings.default_payment_method === pmId) return;
  const prev = { invoice_settings: { default_payment_method: settings.default_payment_method } };
  settings.default_payment_method = pmId;
  emit(state, 'customer.updated', customer, at, prev);
}

/** What a subscription charges: its own default payment method, else the customer's invoice default. */
export function paymentMethodFor(state: StripeState, sub: StripeObject): StripeObject | undefined {
  const id =
    (sub.default_payment_method as string | null) ??
    ((state.get(String(sub.customer), 'customer')?.invoice_settings as Record<string, unknown> | undefined)?.default_payment_method as
      | string
      | null);
  return id ? state.get(id, 'payment_method') : undefined;
}

/** An existing payment method of the customer, or a test token attached now (Stripe's `pm_card_visa` trick). */
function resolvePaymentMethod(state: StripeState, customer: StripeObject, id: string, param: string, at: number): string {
  const existing = state.get(id, 'payment_method');
  if (existing) {
    if (existing.customer && existing.customer !== customer.id)
      throw new StripeParamError('The payment method belongs to another customer.', param);
    if (!existing.customer) {
      existing.customer = customer.id;
      emit(state, 'payment_method.attached', existing, at);
    }
    return existing.id;
  }
  const card = testCard(id);
  if (!card) throw missing('payment_method', id, param);
  return attachCard(state, card, customer.id, at).id;
}

function applyFields(c: StripeObject, p: Params): void {
  // An empty string unsets the field, as on Stripe (it reads back null).
  for (const k of ['email', 'name', 'description', 'phone'] as const) if (p[k] !== undefined) c[k] = str(p[k], k) || null;
  if (p.metadata !== undefined) c.metadata = mergeMetadata(c.metadata, p.metadata, 'metadata');
}

function applyPaymentMethods(state: StripeState, c: StripeObject, p: Params, at: number): void {
  // `payment_method` and `invoice_settings[default_payment_method]` may name the same test token: one card.
  const tokens = new Map<string, string>();
  const resolve = (id: string, param: string) => {
    const known = tokens.get(id) ?? resolvePaymentMethod(state, c, id, param, at);
    tokens.set(id, known);
    return known;
  };
  const pm = str(p.payment_method, 'payment_method');
  if (pm) resolve(pm, 'payment_method');
  const settings = obj(p.invoice_settings, 'invoice_settings');
  if (settings.default_payment_method !== undefined) {
    const id = str(settings.default_payment_method, 'invoice_settings[default_payment_method]');
    (c.invoice_settings as Record<string, unknown>).default_payment_method = id
      ? resolve(id, 'invoice_settings[default_payment_method]')
      : null;
  }
}

export const customerRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/customers$/,
    run: ({ state, p, expand: ex }) => {
      const clock = str(p.test_clock, 'test_clock');
      if (clock && !state.get(clock, 'test_helpers.test_clock')) throw missing('test_clock', clock, 'test_clock');
      const at = clock ? (state.get(clock)!.frozen_time as number) : nowFor(state, null);
      const c = newCustomer(state, { created: at, testClock: clock ?? null });
      applyFields(c, p);
      // customer.created comes before the attached card's event, as on Stripe; its snapshot has the default card.
      const created = emit(state, 'customer.created', c, at);
      applyPaymentMethods(state, c, p, at);
      (created.data as { object: unknown }).object = present(c);
      return expand(state, present(c), ex);
    },
  },
  {
    method: 'GET',
    path: /^\/customers$/,
    run: ({ state, p }) => {
      const email = listFilter(p, 'email');
      const clock = listFilter(p, 'test_clock');
      return listOf(
        newestFirst(state, 'customer', (c) => (!email || c.email === email) && (!clock || c.test_clock === clock)),
        p,
        '/v1/customers',
      );
    },
  },
  {
    method: 'GET',
    path: /^\/customers\/([^/]+)$/,
    run: ({ state, id, expand: ex }) => expand(state, present(customerById(state, id, 'id')), ex),
  },
  {
    method: 'POST',
    path: /^\/customers\/([^/]+)$/,
    run: ({ state, id, p, expand: ex }) => {
      const c = customerById(state, id, 'id');
      const at = nowFor(state, c.id);
      const old = present(c);
      applyFields(c, p);
      applyPaymentMethods(state, c, p, at);
      const changed = Object.keys(old).filter((k) => JSON.stringify(old[k]) !== JSON.stringify(c[k]));
      if (changed.length) emit(state, 'customer.updated', c, at, before(old, changed));
      return expand(state, present(c), ex);
    },
  },
  {
    method: 'GET',
    path: /^\/customers\/([^/]+)\/payment_methods$/,
    run: ({ state, id, p }) => {
      customerById(state, id, 'customer');
      return listOf(
        newestFirst(state, 'payment_method', (x) => x.customer === id),
        p,
        `/v1/customers/${id}/payment_methods`,
      );
    },
  },
  {
    method: 'GET',
    path: /^\/payment_methods$/,
    run: ({ state, p }) => {
      const customer = listFilter(p, 'customer');
      return listOf(
        newestFirst(state, 'payment_method', (x) => !customer || x.customer === customer),
        p,
        '/v1/payment_methods',
      );
    },
  },
  {
    method: 'GET',
    path: /^\/payment_methods\/([^/]+)$/,
    run: ({ state, id }) => {
      const pm = state.get(id, 'payment_method');
      if (!pm) throw missing('payment_method', id, 'id');
      return present(pm);
    },
  },
  {
    method: 'POST',
    path: /^\/payment_methods\/([^/]+)\/attach$/,
    run: ({ state, id, p }) => {
      const c = customerById(state, str(p.customer, 'customer', true)!);
      return present(state.get(resolvePaymentMethod(state, c, id, 'payment_method', nowFor(state, c.id)))!);
    },
  },
  {
    method: 'POST',
    path: /^\/payment_methods\/([^/]+)\/detach$/,
    run: ({ state, id }) => {
      const pm = state.get(id, 'payment_method');
      if (!pm) throw missing('payment_method', id, 'id');
      const at = nowFor(state, pm.customer as string);
      const c = state.get(String(pm.customer), 'customer');
      if (c && (c.invoice_settings as Record<string, unknown>).default_payment_method === pm.id)
        setDefaultPaymentMethod(state, c, null, at);
      const prev = { customer: pm.customer };
      pm.customer = null;
      emit(state, 'payment_method.detached', pm, at, prev);
      return present(pm);
    },
  },
];
