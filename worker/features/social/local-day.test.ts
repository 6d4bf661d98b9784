import { describe, expect, it } from 'vitest';
import { localDateOf } from '../../lib/dates';
import { localDater } from './local-day';
import { prng } from './privacy-attack.testing';

describe('localDater', () => {
  it('agrees with localDateOf at every instant, in odd offsets and across DST changes', () => {
    const r = prng(9);
    // Nepal +5:45, Chatham +12:45/+13:45, Lord Howe's 30-minute DST, India +5:30, and the usual DST zones.
    for (const zone of [
      'Asia/Kathmandu',
      'Pacific/Chatham',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'America/New_York',
      'Europe/London',
      'UTC',
    ]) {
      const dayOf = localDater(zone);
      const from = Date.UTC(2026, 0, 1);
      for (let i = 0; i < 3000; i++) {
        const instant = new Date(from + Math.floor(r() * 365 * 86_400) * 1000);
        expect(dayOf(instant), `${zone} ${instant.toISOString()}`).toBe(localDateOf(instant, zone));
      }
    }
  });
});
