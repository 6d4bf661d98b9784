// Reading Stripe's form parameters with Stripe's error codes, shared by every /v1 route
// (a wrong param answers 400 `{ error: { code, param } }` exactly where Stripe would).
import type { FormValue } from './form.ts';

export type Params = Record<string, FormValue>;

export class StripeParamError extends Error {
  readonly param: string;
  readonly code: string;
  /** HTTP status: 400 for bad params, 404 for unknown ids, 402 for declined cards. */
  readonly status: number;
  readonly type: string;
  constructor(message: string, param: string, code = 'parameter_invalid', status?: number, type = 'invalid_request_error') {
    super(message);
    this.param = param;
    this.code = code;
    this.status = status ?? (code === 'resource_missing' ? 404 : 400);
    this.type = type;
  }
}

export const missing = (kind: string, id: string, param: string) =>
  new StripeParamError(`No such ${kind}: '${id}'`, param, 'resource_missing');

export const isObj = (v: FormValue | undefined): v is Record<string, FormValue> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A nested object param (`items[0][price]` → obj(p.items[0])), or {} when absent. */
export const obj = (v: FormValue | undefined, param: string): Record<string, FormValue> => {
  if (v === undefined || v === '') return {};
  if (!isObj(v)) throw new StripeParamError(`Invalid object: ${param}.`, param);
  return v;
};

export const str = (v: FormValue | undefined, param: string, required = false): string | undefined => {
  if (v === undefined || v === '') {
    if (required) throw new StripeParamError(`Missing required param: ${param}.`, param, 'parameter_missing');
    return undefined;
  }
  if (typeof v !== 'string') throw new StripeParamError(`Invalid string: ${param}.`, param);
  return v;
};

export const int = (v: FormValue | undefined, param: string): number => {
  const s = str(v, param, true)!;
  if (!/^\d+$/.test(s)) throw new StripeParamError(`Invalid integer: ${s}`, param, 'parameter_invalid_integer');
  return Number(s);
};

export const optInt = (v: FormValue | undefined, param: string): number | undefined =>
  v === undefined || v === '' ? undefined : int(v, param);

/** Stripe takes `true`/`false` as strings in forms. */
export const bool = (v: FormValue | undefined, param: string): boolean | undefined => {
  if (v === undefined || v === '') return undefined;
  if (v !== 'true' && v !== 'false') throw new StripeParamError(`Invalid boolean: ${String(v)}`, param);
  return v === 'true';
};

export function oneOf<T extends string>(v: FormValue | undefined, param: string, allowed: readonly T[]): T | undefined {
  const s = str(v, param);
  if (s === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(s))
    throw new StripeParamError(`Invalid ${param}: must be one of ${allowed.join(', ')}`, param, 'parameter_invalid');
  return s as T;
}

/** Stripe's metadata rules: at most 50 keys, keys ≤ 40 characters, values ≤ 500. */
export function metadata(v: FormValue | undefined, param: string): Record<string, string> {
  if (v === undefined || v === '') return {};
  if (!isObj(v)) throw new StripeParamError('Invalid object', param);
  const out: Record<string, string> = {};
  const entries = Object.entries(v);
  if (entries.length > 50) throw new StripeParamError('You can specify up to 50 keys.', param);
  for (const [k, val] of entries) {
    if (k.length > 40 || typeof val !== 'string' || val.length > 500)
      throw new StripeParamError(`Invalid metadata entry: ${k}`, `${param}[${k}]`);
    out[k] = val;
  }
  return out;
}

/** An update merges metadata; a key set to '' is removed (Stripe's unset convention). */
export function mergeMetadata(current: unknown, v: FormValue | undefined, param: string): Record<string, string> {
  const next = { ...((current ?? {}) as Record<string, string>) };
  if (v === '') return {};
  for (const [k, val] of Object.entries(metadata(v, param))) {
    if (val === '') delete next[k];
    else next[k] = val;
  }
  if (Object.keys(next).length > 50) throw new StripeParamError('You can specify up to 50 keys.', param);
  return next;
}

export function url(v: FormValue | undefined, param: string, required = true): string {
  const s = str(v, param, required);
  if (s === undefined) return '';
  try {
    const u = new URL(s);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    throw new StripeParamError('Not a valid URL', param, 'url_invalid');
  }
  return s;
}

/** `expand[]` values, from the query (GET) or the body (POST). */
export const expandOf = (p: Params): string[] =>
  Object.values(isObj(p.expand) || Array.isArray(p.expand) ? p.expand : {}).filter((v): v is string => typeof v === 'string');
