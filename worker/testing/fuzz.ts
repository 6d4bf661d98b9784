// Building blocks of the API fuzz test (worker/http/api-fuzz.test.ts): a valid example for any JSON
// schema of openapi.json, the malformed variants of a value, and a small concurrency pool.

type Schema = Record<string, any>;
export type Json = Record<string, any>;

export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}
export interface Operation {
  parameters?: { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  /** By status code: what the operation may answer. */
  responses?: Record<string, unknown>;
}

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const uid = () => crypto.randomUUID().slice(0, 8);

// Patterns our schemas use, with a value each accepts; a new pattern without one falls back to a name hint.
const PATTERN_EXAMPLES: [RegExp, () => string][] = [
  [/\\\+\[1-9\]/, () => `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`],
  [/\[01\]\\d\|2\[0-3\]/, () => '07:00'],
  [/^\^\[a-z\]\{3\}\$$/, () => 'usd'],
  [/\\d\{4\}-\(0\[1-9\]/, () => '2026-10'],
  [/A-Za-z0-9-\]\{6,32\}/, () => `FZ-${uid()}`],
];
const NAME_EXAMPLES: Record<string, () => string> = {
  timeZone: () => 'Europe/Berlin',
  phone: () => `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
  expression: () => '0 7 * * 1',
  idempotencyKey: () => `fuzz-${uid()}`,
  currency: () => 'usd',
  month: () => '2026-10',
  kind: () => 'confirmation',
};

/** Values by field name that the caller's world provides (ids of objects that exist). */
export type Hints = Record<string, unknown>;

/** A value the schema accepts, as far as JSON Schema says (names, patterns and hints fill the gaps). */
export function exampleOf(doc: OpenApiDoc, schema: Schema | undefined, name = '', hints: Hints = {}): unknown {
  if (name in hints) return hints[name];
  if (!schema) return 'x';
  if (schema.$ref) return exampleOf(doc, doc.components?.schemas?.[String(schema.$ref).split('/').pop()!], name, hints);
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum.find((v: unknown) => v !== null) ?? null;
  if (schema.default !== undefined && schema.type === 'boolean') return schema.default;
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return exampleOf(doc, options.find((o: Schema) => o.type !== 'null') ?? options[0], name, hints);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s: Schema) => exampleOf(doc, s, name, hints)));
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, exampleOf(doc, s as Schema, k, hints)]));
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, (_, i) => {
        const v = exampleOf(doc, schema.items, name, hints);
        return typeof v === 'number' && schema.uniqueItems ? v + i : v;
      });
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
      return Math.min(Math.max(min, 1), schema.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return stringExample(schema, name);
  }
}

function stringExample(schema: Schema, name: string): string {
  switch (schema.format) {
    case 'uuid':
      return crypto.randomUUID();
    case 'email':
      return `fuzz-${uid()}@example.test`;
    case 'date':
      return '1990-05-17';
    case 'date-time':
      return new Date(Date.now() + (30 + Math.random() * 300) * 86_400_000).toISOString().replace(/\d\d\.\d+Z$/, '00.000Z');
    case 'uri':
      return 'https://example.test/';
  }
  const byPattern = schema.pattern && PATTERN_EXAMPLES.find(([p]) => p.test(schema.pattern));
  if (byPattern) return byPattern[1]();
  const byName = NAME_EXAMPLES[name];
  if (byName) return byName();
  const text = `Fuzz ${name || 'text'} ${uid()}`;
  return text.padEnd(schema.minLength ?? 0, 'x').slice(0, schema.maxLength ?? text.length);
}

const HUGE = 'x'.repeat(100_000);

/**
 * Variants that meet the same check (a wrong scalar type, a NUL the URL filter refuses, …) take turns: a
 * probe sends one of each group, the next field or operation the next one, so every field gets each kind of
 * bad value and every variant is still sent across the API, at a fraction of the requests (ADR 030).
 */
export class Turns {
  // A counter per group (by its content), so no group's turns fall in step with another's.
  private readonly next = new Map<string, number>();
  pick<T>(group: readonly T[]): T {
    const key = JSON.stringify(group);
    const n = this.next.get(key) ?? 0;
    this.next.set(key, n + 1);
    return group[n % group.length]!;
  }
}

/** Values that must be refused where `value` is expected: wrong types, and for text NUL, control, huge, broken Unicode. */
export function malformedFor(value: unknown, turns: Turns = new Turns()): unknown[] {
  // Bytes (an archive): cut short, a NUL byte ahead (every offset one off), and JSON text in their place. No byte
  // flipped inside: what it hits depends on the run's bytes (the archive's ids and time), so its answer would too.
  if (value instanceof Uint8Array) return [value.slice(0, value.length >> 1), new Uint8Array([0, ...value]), 'x'];
  // A wrong type is one check (the schema's type) whichever type it is: the kinds take turns across fields. Null
  // stays on its own (a nullable field takes it to the database), as do the NUL after an accepted value (the
  // deepest a NUL gets), a control character, a huge value and broken Unicode: each is a check of its own.
  if (typeof value === 'string') return [turns.pick([12_345, true, {}, ['x']]), null, `${value}\u0000`, `bell\u0007`, HUGE, '\ud800x'];
  // Below the minimum (-1 or far below) is one check, as is a wrong type; too large and not whole are their own.
  if (typeof value === 'number') return [turns.pick(['12', true, {}, [1]]), null, 1e308, turns.pick([-1e308, -1]), 0.5];
  if (typeof value === 'boolean') return [turns.pick(['true', 1, {}]), null];
  if (Array.isArray(value)) return [turns.pick(['x', {}]), null, [null], [`\u0000`], Array.from({ length: 5_000 }, () => value[0] ?? 0)];
  if (value && typeof value === 'object') return [turns.pick(['x', [], 1]), null, { '\u0000': '\u0000' }];
  return ['x', 1, {}];
}

/** Every leaf and object inside a value, with its path, for one-field-at-a-time mutation. */
export function pathsOf(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  // Bytes are one value: byte by byte, every mutation was the same JSON text declared as a zip (~4,000 requests).
  if (value instanceof Uint8Array) return [at];
  if (Array.isArray(value)) return [at, ...(value.length ? pathsOf(value[0], [...at, 0]) : [])];
  if (value && typeof value === 'object')
    return [...(at.length ? [at] : []), ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k]))];
  return [at];
}

export function getAt(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<any>((v, k) => v?.[k], value);
}

export function setAt<T>(value: T, path: (string | number)[], next: unknown): T {
  if (!path.length) return next as T;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  const [head, ...rest] = path;
  copy[head!] = setAt(copy[head!], rest, next);
  return copy;
}

/** Path or query text that must be refused: not the type, NUL, huge, broken percent-encoding (groups take turns). */
export const MALFORMED_PARAMS: readonly (string | readonly string[])[] = [
  ['not-a-uuid', '%20', '-1', '1e309'],
  // Refused before any route by the URL's NUL filter.
  ['%00', 'a%00b', `${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}%00`],
  'x'.repeat(5_000),
  ['%E0%A4%A', '%ZZ'],
  // Resolved by the URL parser, so it may reach another route.
  '..',
  '%F0%9F%92%A9',
  '%ED%A0%80',
];

/** One param variant of each group, by turns. */
export const malformedParams = (turns: Turns) => MALFORMED_PARAMS.map((v) => (typeof v === 'string' ? v : turns.pick(v)));

/** Runs tasks with at most `limit` in flight (the machine is shared; the database pool is small). */
export async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}
