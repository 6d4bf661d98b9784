// Stripe's request encoding: application/x-www-form-urlencoded with nested brackets
// (`line_items[0][price_data][currency]=usd`, `metadata[org]=…`, `expand[0]=line_items`).
// Integer-keyed levels become arrays, as Stripe reads them.

export type FormValue = string | FormValue[] | { [key: string]: FormValue };

export class FormError extends Error {}

function keyPath(name: string): string[] {
  const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(name);
  if (!m) throw new FormError(`Invalid parameter name: ${name}`);
  const rest = [...(m[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1] ?? '');
  return [m[1]!, ...rest];
}

/** Parses a form body (or a query string) into nested objects and arrays. */
export function parseStripeForm(text: string): Record<string, FormValue> {
  const root: Record<string, FormValue> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const path = keyPath(name);
    let node: Record<string, FormValue> = root;
    path.forEach((key, i) => {
      // `expand[]=x` appends, like Stripe's own parser.
      const k = key === '' ? String(Object.keys(node).length) : key;
      if (i === path.length - 1) {
        node[k] = value;
        return;
      }
      const next = node[k];
      if (next === undefined) node[k] = {};
      else if (typeof next === 'string') throw new FormError(`Parameter ${path.slice(0, i + 1).join('.')} is both a value and an object.`);
      node = node[k] as Record<string, FormValue>;
    });
  }
  return arrays(root) as Record<string, FormValue>;
}

/** Objects whose keys are exactly 0..n-1 become arrays. */
function arrays(v: FormValue): FormValue {
  if (typeof v === 'string' || Array.isArray(v)) return v;
  const keys = Object.keys(v);
  const out: Record<string, FormValue> = {};
  for (const k of keys) out[k] = arrays(v[k]!);
  if (keys.length > 0 && keys.every((k, i) => k === String(i))) return keys.map((k) => out[k]!);
  return out;
}
