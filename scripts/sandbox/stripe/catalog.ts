// Products and recurring prices. The catalog in the config (default: Cadence Pro / Elite / Team,
// monthly and yearly) is seeded at start and after reset, so the app can find its prices by
// `lookup_key` as it would in a real Stripe account; ids are random, as Stripe's are.
import { emit, expand, listOf, newestFirst, present, asArray, listFilter } from './objects.ts';
import type { Route } from './routes.ts';
import { StripeParamError, bool, int, isObj, mergeMetadata, metadata, missing, obj, oneOf, str } from './params.ts';
import { newId, now } from './state.ts';
import type { CatalogEntry, StripeObject, StripeState } from './state.ts';

const INTERVALS = ['day', 'week', 'month', 'year'] as const;

function makeProduct(state: StripeState, name: string, md: Record<string, string>, active = true): StripeObject {
  const t = now();
  return state.put({
    id: newId('prod'),
    object: 'product',
    active,
    created: t,
    default_price: null,
    description: null,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: md,
    name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    type: 'service',
    unit_label: null,
    updated: t,
    url: null,
  });
}

function makePrice(
  state: StripeState,
  o: { product: string; currency: string; unitAmount: number; interval?: string; count?: number; lookupKey?: string | null },
  md: Record<string, string>,
): StripeObject {
  // A lookup key belongs to one price at a time: creating it again moves it (Stripe's transfer_lookup_key).
  if (o.lookupKey) for (const p of state.all('price')) if (p.lookup_key === o.lookupKey) p.lookup_key = null;
  return state.put({
    id: newId('price'),
    object: 'price',
    active: true,
    billing_scheme: 'per_unit',
    created: now(),
    currency: o.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: o.lookupKey ?? null,
    metadata: md,
    nickname: null,
    product: o.product,
    recurring: o.interval
      ? { interval: o.interval, interval_count: o.count ?? 1, meter: null, trial_period_days: null, usage_type: 'licensed' }
      : null,
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: o.interval ? 'recurring' : 'one_time',
    unit_amount: o.unitAmount,
    unit_amount_decimal: String(o.unitAmount),
  });
}

/** Makes the config's catalog exist: reuses a product of the same name and tier, and a price already matching. */
export function seedCatalog(state: StripeState, entries: CatalogEntry[] = state.config.catalog): void {
  for (const e of entries) {
    const currency = (e.currency ?? 'usd').toLowerCase();
    const product =
      state.all('product').find((p) => p.name === e.product && (p.metadata as Record<string, string>).tier === e.tier) ??
      makeProduct(state, e.product, { tier: e.tier });
    const current = state.all('price').find((p) => p.lookup_key === e.lookupKey);
    const rec = current?.recurring as { interval?: string } | null | undefined;
    const same =
      current?.active === true &&
      current.product === product.id &&
      current.unit_amount === e.unitAmount &&
      current.currency === currency &&
      rec?.interval === e.interval;
    if (!same)
      makePrice(
        state,
        { product: product.id, currency, unitAmount: e.unitAmount, interval: e.interval, lookupKey: e.lookupKey },
        { tier: e.tier },
      );
  }
}

export function priceById(state: StripeState, id: string, param = 'price'): StripeObject {
  const p = state.get(id, 'price');
  if (!p) throw missing('price', id, param);
  return p;
}

/** A recurring, active price a subscription can use. */
export function recurringPrice(state: StripeState, id: string, param: string): StripeObject {
  const p = priceById(state, id, param);
  if (!p.recurring) throw new StripeParamError(`The price specified (${id}) is not recurring.`, param);
  if (!p.active) throw new StripeParamError(`The price specified (${id}) is inactive.`, param);
  return p;
}

/** The legacy `plan` that Stripe still puts beside `price` on subscription items. */
export function planOf(price: StripeObject) {
  const r = price.recurring as { interval: string; interval_count: number; usage_type: string };
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: 'per_unit',
    created: price.created,
    currency: price.currency,
    interval: r.interval,
    interval_count: r.interval_count,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: r.usage_type,
  };
}

export const catalogRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/prices$/,
    run: ({ state, p, expand: ex }) => {
      const keys = asArray(p.lookup_keys);
      const active = bool(p.active, 'active');
      const product = listFilter(p, 'product');
      const type = listFilter(p, 'type');
      const interval = isObj(p.recurring) ? p.recurring.interval : undefined;
      const prices = newestFirst(
        state,
        'price',
        (x) =>
          (!keys.length || keys.includes(String(x.lookup_key))) &&
          (active === undefined || x.active === active) &&
          (!product || x.product === product) &&
          (!type || x.type === type) &&
          (!interval || (x.recurring as { interval?: string } | null)?.interval === interval),
      );
      return expand(state, listOf(prices, p, '/v1/prices'), ex);
    },
  },
  {
    method: 'POST',
    path: /^\/prices$/,
    run: ({ state, p, expand: ex }) => {
      const currency = str(p.currency, 'currency', true)!.toLowerCase();
      const unitAmount = int(p.unit_amount, 'unit_amount');
      let product = str(p.product, 'product');
      if (product) {
        if (!state.get(product, 'product')) throw missing('product', product, 'product');
      } else {
        const pd = obj(p.product_data, 'product_data');
        const prod = makeProduct(state, str(pd.name, 'product_data[name]', true)!, metadata(pd.metadata, 'product_data[metadata]'));
        emit(state, 'product.created', prod, now());
        product = prod.id;
      }
      const rec = obj(p.recurring, 'recurring');
      const interval = oneOf(rec.interval, 'recurring[interval]', INTERVALS);
      const lookupKey = str(p.lookup_key, 'lookup_key');
      if (lookupKey && p.transfer_lookup_key !== 'true' && state.all('price').some((x) => x.lookup_key === lookupKey))
        throw new StripeParamError(`A price (\`${lookupKey}\`) already uses that lookup key.`, 'lookup_key');
      const price = makePrice(
        state,
        {
          product,
          currency,
          unitAmount,
          interval,
          count: rec.interval_count ? int(rec.interval_count, 'recurring[interval_count]') : 1,
          lookupKey,
        },
        metadata(p.metadata, 'metadata'),
      );
      if (p.nickname) price.nickname = str(p.nickname, 'nickname');
      emit(state, 'price.created', price, now());
      return expand(state, present(price), ex);
    },
  },
  {
    method: 'GET',
    path: /^\/prices\/([^/]+)$/,
    run: ({ state, id, expand: ex }) => expand(state, present(priceById(state, id, 'id')), ex),
  },
  {
    method: 'POST',
    path: /^\/prices\/([^/]+)$/,
    run: ({ state, id, p, expand: ex }) => {
      const price = priceById(state, id, 'id');
      const prev = { active: price.active, metadata: price.metadata, lookup_key: price.lookup_key, nickname: price.nickname };
      price.metadata = mergeMetadata(price.metadata, p.metadata, 'metadata');
      const active = bool(p.active, 'active');
      if (active !== undefined) price.active = active;
      if (p.lookup_key !== undefined) {
        const key = str(p.lookup_key, 'lookup_key') ?? null;
        if (key) for (const x of state.all('price')) if (x.lookup_key === key && x.id !== price.id) x.lookup_key = null;
        price.lookup_key = key;
      }
      if (p.nickname !== undefined) price.nickname = str(p.nickname, 'nickname') ?? null;
      emit(state, 'price.updated', price, now(), prev);
      return expand(state, present(price), ex);
    },
  },
  {
    method: 'GET',
    path: /^\/products$/,
    run: ({ state, p }) => {
      const ids = asArray(p.ids);
      const active = bool(p.active, 'active');
      return listOf(
        newestFirst(state, 'product', (x) => (!ids.length || ids.includes(x.id)) && (active === undefined || x.active === active)),
        p,
        '/v1/products',
      );
    },
  },
  {
    method: 'POST',
    path: /^\/products$/,
    run: ({ state, p }) => {
      const prod = makeProduct(state, str(p.name, 'name', true)!, metadata(p.metadata, 'metadata'), bool(p.active, 'active') ?? true);
      if (p.description) prod.description = str(p.description, 'description');
      emit(state, 'product.created', prod, now());
      return present(prod);
    },
  },
  {
    method: 'GET',
    path: /^\/products\/([^/]+)$/,
    run: ({ state, id }) => {
      const prod = state.get(id, 'product');
      if (!prod) throw missing('product', id, 'id');
      return present(prod);
    },
  },
  {
    method: 'POST',
    path: /^\/products\/([^/]+)$/,
    run: ({ state, id, p }) => {
      const prod = state.get(id, 'product');
      if (!prod) throw missing('product', id, 'id');
      const prev = { active: prod.active, metadata: prod.metadata, name: prod.name };
      prod.metadata = mergeMetadata(prod.metadata, p.metadata, 'metadata');
      if (p.name !== undefined) prod.name = str(p.name, 'name', true);
      const active = bool(p.active, 'active');
      if (active !== undefined) prod.active = active;
      prod.updated = now();
      emit(state, 'product.updated', prod, now(), prev);
      return present(prod);
    },
  },
];
