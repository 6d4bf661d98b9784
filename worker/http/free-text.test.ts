// Free text in requests, checked over the app's own OpenAPI document: every string a request carries is
// either the one FreeText schema (marked `x-free-text`, which refuses NUL and control characters) or has a
// grammar of its own (a format, an enum, a pattern) that refuses them too. A new field is covered by construction.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ErrorBody } from '../testing/bodies';
import { FREE_TEXT_MARK } from '../lib/text.schema';
import { Harness, expectErrorShape } from '../testing/harness';
import { HTTP_METHODS, type Json, type OpenApiDoc } from '../testing/fuzz';

type Schema = Json;
interface Leaf {
  at: string;
  schema: Schema;
}

/** Formats whose zod schema is a strict grammar (no NUL or control character can match it). */
const GRAMMAR_FORMATS = new Set(['uuid', 'email', 'date', 'date-time', 'uri', 'binary']);

/** Every string schema inside a request (path, query, header, body), with where it is. */
function requestStrings(doc: OpenApiDoc): Leaf[] {
  const out: Leaf[] = [];
  const walk = (s: Schema | undefined, at: string, seen: Set<Schema>) => {
    if (!s || seen.has(s)) return;
    const inner = new Set(seen).add(s);
    if (s.$ref) return walk(doc.components?.schemas?.[String(s.$ref).split('/').pop()!], at, inner);
    for (const k of ['anyOf', 'oneOf', 'allOf'] as const) for (const o of s[k] ?? []) walk(o, at, inner);
    const types: unknown[] = Array.isArray(s.type) ? s.type : [s.type];
    if (types.includes('string')) out.push({ at, schema: s });
    for (const [k, v] of Object.entries<Schema>(s.properties ?? {})) walk(v, `${at}.${k}`, inner);
    if (s.items) walk(s.items, `${at}[]`, inner);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${at}{}`, inner);
  };
  for (const [path, ops] of Object.entries(doc.paths))
    for (const m of HTTP_METHODS) {
      const op = ops[m];
      if (!op) continue;
      const where = `${m.toUpperCase()} ${path}`;
      for (const p of op.parameters ?? []) walk(p.schema, `${where} ${p.in} ${p.name}`, new Set());
      for (const [type, c] of Object.entries(op.requestBody?.content ?? {})) walk(c.schema, `${where} body(${type})`, new Set());
    }
  return out;
}

describe('free text in the OpenAPI document', () => {
  it('every string a request carries is FreeText or has a grammar of its own', async () => {
    const h = Harness.init();
    const doc = (await h.json<OpenApiDoc>('/api/openapi.json')).body;
    const strings = requestStrings(doc);
    expect(strings.length).toBeGreaterThan(150);
    const plain = strings.filter(({ schema: s }) => !(s[FREE_TEXT_MARK] || s.format || s.enum || 'const' in s || s.pattern));
    expect(
      plain.map((l) => `${l.at} ${JSON.stringify(l.schema)}`),
      'request strings with neither FreeText nor a grammar: use FreeText (worker/lib/text.schema.ts)',
    ).toEqual([]);
    const unknownFormats = strings.filter((l) => l.schema.format && !GRAMMAR_FORMATS.has(l.schema.format));
    expect(unknownFormats.map((l) => `${l.at} format ${l.schema.format}`)).toEqual([]);
  });

  it('every pattern a request string must match refuses NUL and control characters anywhere', async () => {
    const h = Harness.init();
    const doc = (await h.json<OpenApiDoc>('/api/openapi.json')).body;
    const patterns = [...new Set(requestStrings(doc).flatMap((l) => (l.schema.pattern ? [String(l.schema.pattern)] : [])))];
    expect(patterns.length).toBeGreaterThan(3);
    for (const pattern of patterns) {
      const re = new RegExp(pattern, 'u');
      fc.assert(
        fc.property(fc.stringMatching(re), fc.nat(), fc.integer({ min: 0, max: 0x1f }), (ok, at, code) => {
          const i = at % (ok.length + 1);
          return !re.test(`${ok.slice(0, i)}${String.fromCharCode(code)}${ok.slice(i)}`);
        }),
        { numRuns: 200 },
      );
    }
  });
});

describe('an operator’s reason with a NUL', () => {
  it('is a 400 naming the field on every operator route that takes one, and changes nothing', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const admin = await h.userWithRole('admin', ['billing.manage', 'users.manage', 'system.analytics_rebuild', 'users.read']);
    const owner = await h.userWithRole('owner');
    const id = athlete.user.id;
    const cases: [string, Record<string, unknown>, string][] = [
      [`/api/v1/admin/users/${id}/comps`, { tier: 'pro', days: 30 }, admin.cookie],
      [`/api/v1/admin/users/${id}/actions/comp`, { tier: 'pro', days: 30 }, admin.cookie],
      [`/api/v1/admin/users/${id}/actions/grant-trial`, { days: 7 }, admin.cookie],
      [`/api/v1/admin/users/${id}/actions/reset-onboarding`, {}, admin.cookie],
      [`/api/v1/admin/users/${id}/actions/rerun-analytics`, {}, admin.cookie],
      [`/api/v1/admin/users/${id}/block`, {}, owner.cookie],
      ['/api/v1/admin/impersonation', { userId: id }, owner.cookie],
    ];
    const before = await h.auditFor('user', id);
    for (const [path, body, cookie] of cases)
      for (const reason of ['Support\u0000ticket', '\u0000\u0000\u0000', 'bell\u0007 ringing']) {
        const res = await h.json<ErrorBody>(path, { body: { ...body, reason }, cookie });
        expect(res.status, `${path} ${JSON.stringify(reason)}`).toBe(400);
        expectErrorShape(res.body, 'VALIDATION');
        expect(res.body.error.fields?.map((f) => f.path)).toEqual(['reason']);
      }
    expect(await h.auditFor('user', id)).toEqual(before);
  });
});
