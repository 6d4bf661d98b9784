// What every billing route shares: the public form of a stored object (fields starting with `_` are
// the sandbox's bookkeeping and never leave it), `expand[]`, Stripe's list envelope and pagination,
// and events whose snapshot is the public object.
import type { FormValue } from './form.ts';
import { StripeParamError } from './params.ts';
import type { Params } from './params.ts';
import type { StripeObject, StripeState } from './state.ts';

/** A deep copy without the sandbox's `_` fields (top level, and in embedded lists). */
export function present(o: StripeObject): StripeObject {
  const out = structuredClone(o) as Record<string, unknown>;
  for (const k of Object.keys(out)) if (k.startsWith('_')) delete out[k];
  return out as StripeObject;
}

/** Replaces ids by their objects along each dotted path (`data.items.data.price.product`, `latest_invoice`). */
export function expand(state: StripeState, root: Record<string, unknown>, paths: string[]): Record<string, unknown> {
  const walk = (node: unknown, segs: string[], path: string): void => {
    if (Array.isArray(node)) {
      for (const el of node) walk(el, segs, path);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const rec = node as Record<string, unknown>;
    const [key, ...rest] = segs as [string, ...string[]];
    if (!(key in rec)) throw new StripeParamError(`This property cannot be expanded (${path}).`, 'expand');
    let v = rec[key];
    if (typeof v === 'string') {
      const found = state.get(v);
      if (found) v = rec[key] = present(found);
    }
    if (rest.length) walk(v, rest, path);
  };
  for (const p of paths) if (p) walk(root, p.split('.'), p);
  return root;
}

/** Stripe's list envelope over `items` (newest first), with limit, starting_after and ending_before. */
export function listOf(items: StripeObject[], p: Params, url: string, map: (o: StripeObject) => StripeObject = present) {
  const limitRaw = p.limit;
  const limit = limitRaw === undefined ? 10 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new StripeParamError('Invalid limit: must be an integer between 1 and 100.', 'limit');
  let start = 0;
  let end = items.length;
  if (typeof p.starting_after === 'string') start = items.findIndex((o) => o.id === p.starting_after) + 1;
  if (typeof p.ending_before === 'string') {
    end = Math.max(
      0,
      items.findIndex((o) => o.id === p.ending_before),
    );
    start = Math.max(0, end - limit);
  }
  const page = items.slice(start, Math.min(end, start + limit));
  return { object: 'list', data: page.map(map), has_more: start + limit < end, url };
}

/** Objects of one kind, newest first (the store keeps insertion order). */
export const newestFirst = (state: StripeState, object: string, keep: (o: StripeObject) => boolean = () => true) =>
  state.all(object).filter(keep).reverse();

/** Which customer an event's object belongs to, for the per-customer delivery queue. */
export function customerOf(o: Record<string, unknown> | undefined): string | null {
  if (!o) return null;
  if (o.object === 'customer') return o.id as string;
  const c = o.customer;
  if (typeof c === 'string') return c;
  if (c && typeof c === 'object' && typeof (c as { id?: unknown }).id === 'string') return (c as { id: string }).id;
  return null;
}

/** An event whose snapshot is the public object, dated at `at` (a test clock's time for clock-driven ones). */
export function emit(state: StripeState, type: string, o: StripeObject, at: number, previous?: Record<string, unknown>): StripeObject {
  return state.createEvent(type, present(o), previous, at);
}

/** `previous_attributes`: the listed fields' values before a change. */
export function before(o: StripeObject, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, structuredClone(o[k])]));
}

export const listFilter = (p: Params, key: string): string | undefined => (typeof p[key] === 'string' ? (p[key] as string) : undefined);

export const asArray = (v: FormValue | undefined): string[] =>
  v === undefined ? [] : typeof v === 'string' ? [v] : Object.values(v).filter((x): x is string => typeof x === 'string');
