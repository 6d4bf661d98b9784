// By construction (ADR 083): every route that shows one person's data to another goes through the serializer.
// Read from the app's OpenAPI document, not a hand list: a route declaring `dataUse: 'social'` answers one of the
// serializer's named schemas; the serializer's shapes of others' data appear under no other route; and any route
// under /api/v1/social whose answer names a person (author, people, displayName, …) must declare 'social'. The
// serializer's shapes are strict at every level, so nothing rides along unserialized.
import { describe, expect, it } from 'vitest';
import { doc } from '../../../http/route-table.testing';
import { HTTP_METHODS } from '../../../testing/fuzz';
import { SERIALIZER_SCHEMAS } from './serializer.schema';

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
const components = (doc as unknown as { components: { schemas: Record<string, Schema> } }).components.schemas;
const SERIALIZED = new Set<string>([...SERIALIZER_SCHEMAS.others, ...SERIALIZER_SCHEMAS.own]);
const OTHERS = new Set<string>(SERIALIZER_SCHEMAS.others);
/** Property names that carry a person: an answer holding one shows someone to the caller. */
const PERSON_KEYS = new Set(['author', 'authorId', 'people', 'person', 'displayName', 'followerId', 'followeeId', 'userId', 'athlete']);

const refName = (s: Schema) => s.$ref?.replace('#/components/schemas/', '');

/** Every component a schema reaches, and every property name on the way. */
function walk(s: Schema | undefined, refs = new Set<string>(), keys = new Set<string>()): { refs: Set<string>; keys: Set<string> } {
  if (!s) return { refs, keys };
  const name = refName(s);
  if (name) {
    if (refs.has(name)) return { refs, keys };
    refs.add(name);
    return walk(components[name], refs, keys);
  }
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    keys.add(k);
    walk(v, refs, keys);
  }
  for (const sub of [s.items, ...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(sub, refs, keys);
  if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, refs, keys);
  return { refs, keys };
}

/** Objects that accept fields they do not name, anywhere inside a schema. */
function loose(s: Schema | undefined, at: string, seen = new Set<string>()): string[] {
  if (!s) return [];
  const name = refName(s);
  if (name) {
    if (seen.has(name)) return [];
    seen.add(name);
    return loose(components[name], name, seen);
  }
  const own = s.properties && s.additionalProperties !== false ? [at] : [];
  return [
    ...own,
    ...Object.entries(s.properties ?? {}).flatMap(([k, v]) => loose(v, `${at}.${k}`, seen)),
    ...[s.items, ...(s.anyOf ?? []), ...(s.oneOf ?? [])].flatMap((x) => loose(x, `${at}[]`, seen)),
  ];
}

const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
  HTTP_METHODS.filter((m) => ops[m]).map((m) => {
    const op = ops[m]! as (typeof ops)[string] & { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };
    const answers = Object.entries(op.responses ?? {})
      .filter(([status]) => status.startsWith('2'))
      .map(([, r]) => r.content?.['application/json']?.schema)
      .filter((s): s is Schema => s !== undefined);
    return { key: `${m.toUpperCase()} ${path}`, path, use: op['x-data-use'], answers };
  }),
);

describe('the one serializer, from the route table', () => {
  it('finds the social routes (the check is not vacuous)', () => {
    const social = operations.filter((o) => o.use === 'social');
    expect(social.length).toBeGreaterThanOrEqual(10);
    expect(social.map((o) => o.key)).toEqual(expect.arrayContaining(['GET /api/v1/social/posts/{id}', 'GET /api/v1/social/feed']));
  });

  it("every route declaring 'social' answers one of the serializer's schemas", () => {
    const wrong = operations.filter((o) => o.use === 'social' && o.answers.length === 0).map((o) => `${o.key}: no JSON answer`);
    const off = operations
      .filter((o) => o.use === 'social')
      .flatMap((o) =>
        o.answers.filter((s) => !SERIALIZED.has(refName(s) ?? '')).map((s) => `${o.key}: answers ${refName(s) ?? 'an inline schema'}`),
      );
    expect([...wrong, ...off]).toEqual([]);
  });

  it("the serializer's shapes of others' data appear under no route that does not declare 'social'", () => {
    const off = operations
      .filter((o) => o.use !== 'social')
      .flatMap((o) => o.answers.flatMap((s) => [...walk(s).refs].filter((r) => OTHERS.has(r)).map((r) => `${o.key} (${o.use}): ${r}`)));
    expect(off).toEqual([]);
  });

  it("every /api/v1/social route whose answer names a person declares 'social'", () => {
    const naming = operations
      .filter((o) => o.path.startsWith('/api/v1/social/') && o.use !== 'social')
      .filter((o) => o.answers.some((a) => [...walk(a).keys].some((k) => PERSON_KEYS.has(k))))
      .map((o) => o.key);
    expect(naming).toEqual([]);
  });

  it("a person inside the serializer's shapes is always SocialPerson, never a name or id of its own", () => {
    const own = ['displayName', 'userId', 'authorId', 'followerId', 'followeeId'];
    const named = [...SERIALIZED].flatMap((n) => {
      // SocialPerson itself is the one place a name sits: the walk does not enter it.
      const { keys } = walk({ $ref: `#/components/schemas/${n}` }, new Set(n === 'SocialPerson' ? [] : ['SocialPerson']));
      return n === 'SocialPerson' ? [] : own.filter((k) => keys.has(k)).map((k) => `${n}: ${k}`);
    });
    expect(named).toEqual([]);
  });

  it("the serializer's schemas are strict at every level", () => {
    const open = [...SERIALIZED].flatMap((n) => {
      expect(components[n], n).toBeDefined();
      return loose({ $ref: `#/components/schemas/${n}` }, n);
    });
    expect(open).toEqual([]);
  });
});
