import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FreeText, IdempotencyKey } from './text.schema';

describe('FreeText', () => {
  const name = FreeText({ min: 1, max: 10 });
  const notes = FreeText({ max: 20, multiline: true });

  it('trims, then bounds the length', () => {
    expect(name.parse('  Ada  ')).toBe('Ada');
    expect(name.safeParse('   ').success).toBe(false);
    expect(name.safeParse('x'.repeat(11)).success).toBe(false);
    expect(name.safeParse('x'.repeat(100_000)).success).toBe(false);
  });

  it('refuses NUL, control characters and lone surrogates; line breaks and tabs only where multi-line', () => {
    for (const bad of ['a\u0000b', '\u0000', 'bell\u0007', 'esc\u001b[0m', 'del\u007f', 'c1\u0085', 'half\ud800', '\udc00x']) {
      expect(name.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(notes.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    for (const multi of ['one\ntwo', 'one\r\ntwo', 'a\tb']) {
      expect(name.safeParse(multi).success, JSON.stringify(multi)).toBe(false);
      expect(notes.parse(multi)).toBe(multi);
    }
    expect(name.parse('Zoë 🏃')).toBe('Zoë 🏃');
  });

  it('names the problem, not the type', () => {
    const r = name.safeParse('a\u0000b');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('Contains a line break or control character');
  });

  it('keeps idempotency keys exactly as sent', () => {
    expect(IdempotencyKey.parse(' key-1234 ')).toBe(' key-1234 ');
    expect(IdempotencyKey.safeParse('key-\u00001234').success).toBe(false);
  });

  it('refuses NUL and every non-layout control character anywhere, whatever the options', () => {
    const options = fc.record({
      max: fc.integer({ min: 1, max: 300 }),
      min: fc.integer({ min: 0, max: 3 }),
      multiline: fc.boolean(),
      trim: fc.boolean(),
    });
    const control = fc
      .oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }))
      .filter((c) => ![9, 10, 13].includes(c));
    fc.assert(
      fc.property(options, fc.string({ maxLength: 20 }), control, fc.nat(), (o, text, code, at) => {
        const i = at % (text.length + 1);
        const bad = `x${text.slice(0, i)}${String.fromCharCode(code)}${text.slice(i)}x`;
        const schema = FreeText({ ...o, max: Math.max(o.max, bad.length) });
        return !schema.safeParse(bad).success;
      }),
      { numRuns: 500 },
    );
  });
});
