// Pages meet the database down the way the API does (ADR 086): a loader's call that fails because the database is
// unreachable or restarting throws a 503 Response instead, so Remix renders the error boundary with status 503 on the
// server and after hydration alike (a thrown Error would be sanitized to a 500 "Unexpected Server Error").
import { ErrorCode, appErrorWithin } from '../lib/errors';

/** The Retry-After seconds when `err` means the database is unreachable or restarting, else null. */
export function databaseUnavailableSeconds(err: unknown): number | null {
  const appError = appErrorWithin(err);
  return appError?.code === ErrorCode.UNAVAILABLE ? (appError.details?.retryAfterSeconds ?? 5) : null;
}

/**
 * `root` (the services, the auth state) as loaders see it: every method reached through it rethrows a
 * database-unavailable failure as a 503 Response (and tells `onUnavailable`). Only native promises are caught:
 * drizzle's query builders are thenables that a `.catch` would run early, so they pass through untouched.
 */
export function unavailableAsResponse<T extends object>(root: T, onUnavailable: (retryAfterSeconds: number) => void): T {
  const proxies = new WeakMap<object, object>();
  const methods = new WeakMap<object, Map<PropertyKey, unknown>>();
  const rethrow = (err: unknown): never => {
    const seconds = databaseUnavailableSeconds(err);
    if (seconds === null) throw err;
    onUnavailable(seconds);
    throw new Response('The database is not answering; try again shortly.', {
      status: 503,
      statusText: 'Service Unavailable',
      headers: { 'Retry-After': String(seconds) },
    });
  };
  const wrapMethod = (target: object, prop: PropertyKey, fn: (...args: unknown[]) => unknown) => {
    const byProp = methods.get(target) ?? new Map<PropertyKey, unknown>();
    methods.set(target, byProp);
    const cached = byProp.get(prop) as { fn: unknown; wrapped: unknown } | undefined;
    if (cached?.fn === fn) return cached.wrapped;
    const wrapped = (...args: unknown[]) => {
      try {
        const result = Reflect.apply(fn, target, args);
        return result instanceof Promise ? result.catch(rethrow) : result;
      } catch (err) {
        return rethrow(err);
      }
    };
    byProp.set(prop, { fn, wrapped });
    return wrapped;
  };
  // Two levels: the root's methods and those of its direct members (services.plans.get); deeper objects (bindings,
  // RPC stubs) are handed out as they are.
  const wrap = <O extends object>(obj: O, depth: number): O => {
    const existing = proxies.get(obj);
    if (existing) return existing as O;
    // The proxy's own target is an empty object: the wiring's members are read-only, non-configurable properties, and
    // a proxy over them would have to hand each out unchanged (the Proxy invariant).
    const proxy = new Proxy(Object.create(null) as O, {
      get(_, prop) {
        const value: unknown = Reflect.get(obj, prop, obj);
        if (typeof value === 'function') return wrapMethod(obj, prop, value as (...args: unknown[]) => unknown);
        // Service objects only; data (dates, arrays) stays as it is.
        if (depth < 1 && value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date))
          return wrap(value, depth + 1);
        return value;
      },
      has: (_, prop) => Reflect.has(obj, prop),
      getPrototypeOf: () => Reflect.getPrototypeOf(obj),
    });
    proxies.set(obj, proxy);
    return proxy;
  };
  return wrap(root, 0);
}
