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
});
