import { describe, expect, it } from 'vitest';
import { offsetDate } from './offset-date';

const DAY = 86_400_000;

describe('offsetDate (the chosen-instant clock seam)', () => {
  const Shifted = offsetDate(Date, -30 * DAY);

  it('moves now, and only now', () => {
    const real = Date.now();
    expect(Math.abs(Shifted.now() - (real - 30 * DAY))).toBeLessThan(1_000);
    expect(Math.abs(new Shifted().getTime() - (real - 30 * DAY))).toBeLessThan(1_000);
    // An explicit instant is that instant: stored timestamps and parsed dates are not shifted again.
    expect(new Shifted('2026-10-31T23:55:00Z').toISOString()).toBe('2026-10-31T23:55:00.000Z');
    expect(new Shifted(0).getTime()).toBe(0);
    expect(new Shifted(2026, 9, 25).getFullYear()).toBe(2026);
    expect(Shifted.UTC(2026, 9, 25)).toBe(Date.UTC(2026, 9, 25));
    expect(Shifted.parse('2026-10-25T00:05:00Z')).toBe(Date.parse('2026-10-25T00:05:00Z'));
  });

  it('keeps instanceof and the call form working', () => {
    expect(new Date() instanceof Shifted).toBe(true);
    expect(new Shifted() instanceof Date).toBe(true);
    const called = (Shifted as unknown as () => string)();
    expect(typeof called).toBe('string');
    expect(Math.abs(Date.parse(called) - (Date.now() - 30 * DAY))).toBeLessThan(2_000);
  });
});
