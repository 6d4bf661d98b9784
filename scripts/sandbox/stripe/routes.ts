// A tiny route table for /v1: each billing module lists `{ method, path, run }`; `run` is synchronous
// (so the events it creates are exactly this request's) and answers the Stripe object or list.
import type { Params } from './params.ts';
import type { StripeObject, StripeState } from './state.ts';

export interface RouteContext {
  state: StripeState;
  /** Form params: the body of a POST, the query of a GET or DELETE. */
  p: Params;
  /** The path's first id (`/subscriptions/{id}`), decoded. */
  id: string;
  /** `expand[]` values. */
  expand: string[];
  /** `http://host:port` the sandbox was reached at, for hosted page URLs. */
  base: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  path: RegExp;
  run: (c: RouteContext) => Record<string, unknown>;
}

/** Runs the matching route; `null` when none matches. */
export function dispatch(
  routes: Route[],
  method: string,
  path: string,
  c: Omit<RouteContext, 'id'>,
): { body: Record<string, unknown>; events: StripeObject[] } | null {
  for (const r of routes) {
    if (r.method !== method) continue;
    const m = r.path.exec(path);
    if (!m) continue;
    const { value, events } = c.state.collect(() => r.run({ ...c, id: decodeURIComponent(m[1] ?? '') }));
    return { body: value, events };
  }
  return null;
}
