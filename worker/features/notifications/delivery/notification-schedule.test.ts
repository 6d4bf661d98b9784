import { describe, expect, it } from 'vitest';
import { deferForDnd, localMonday, nextLocalTime } from './notification-schedule';

const every = (start: string, end: string) =>
  [1, 2, 3, 4, 5, 6, 7].map((day) => ({
    day,
    start: Number(start.slice(0, 2)) * 60 + Number(start.slice(3)),
    end: Number(end.slice(0, 2)) * 60 + Number(end.slice(3)),
  }));
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe('do-not-disturb deferral', () => {
  it('defers across midnight to the window’s end on the next local day', () => {
    // Monday 2026-11-23 23:00 in New York (EST, UTC−5) → Tuesday 07:00 EST.
    const r = deferForDnd(at('2026-11-24T04:00:00Z'), every('22:00', '07:00'), 'America/New_York');
    expect(r).toEqual({ at: at('2026-11-24T12:00:00Z'), deferred: true });
    // Just after midnight is still the window that began the evening before.
    expect(iso(deferForDnd(at('2026-11-24T05:30:00Z'), every('22:00', '07:00'), 'America/New_York').at)).toBe('2026-11-24T12:00:00.000Z');
  });

  it('leaves a time outside every window alone, and the end itself is outside', () => {
    expect(deferForDnd(at('2026-11-24T15:00:00Z'), every('22:00', '07:00'), 'America/New_York')).toEqual({
      at: at('2026-11-24T15:00:00Z'),
      deferred: false,
    });
    expect(deferForDnd(at('2026-11-24T12:00:00Z'), every('22:00', '07:00'), 'America/New_York').deferred).toBe(false);
  });

  it('only uses the weekdays that have a window (Wednesday has none here)', () => {
    const weekdays = [{ day: 1, start: 22 * 60, end: 7 * 60 }];
    // Wednesday 2026-11-25 23:00 EST: no window starts Wednesday or Tuesday.
    expect(deferForDnd(at('2026-11-26T04:00:00Z'), weekdays, 'America/New_York').deferred).toBe(false);
    // Monday 23:00 EST is held until Tuesday 07:00.
    expect(iso(deferForDnd(at('2026-11-24T04:00:00Z'), weekdays, 'America/New_York').at)).toBe('2026-11-24T12:00:00.000Z');
  });

  describe.each([
    // zone, spring-forward night (Sat→Sun), its 07:00 end in UTC, fall-back night, its 07:00 end in UTC
    [
      'America/New_York',
      '2026-03-08',
      '2026-03-08T11:00:00Z',
      '2026-11-01',
      '2026-11-01T12:00:00Z',
      '2026-03-08T06:30:00Z',
      '2026-11-01T05:30:00Z',
    ],
    [
      'Europe/Berlin',
      '2026-03-29',
      '2026-03-29T05:00:00Z',
      '2026-10-25',
      '2026-10-25T06:00:00Z',
      '2026-03-29T00:30:00Z',
      '2026-10-25T00:30:00Z',
    ],
  ])('in %s', (zone, _spring, springEnd, _fall, fallEnd, springNight, fallNight) => {
    it('a night that loses an hour ends at 07:00 summer time', () => {
      const r = deferForDnd(at(springNight), every('22:00', '07:00'), zone);
      expect(r).toEqual({ at: at(springEnd), deferred: true });
    });

    it('a night that gains an hour ends at 07:00 winter time', () => {
      const r = deferForDnd(at(fallNight), every('22:00', '07:00'), zone);
      expect(r).toEqual({ at: at(fallEnd), deferred: true });
    });

    it('an hour after the change is still held, and 07:00 local is free', () => {
      const later = new Date(at(fallNight).getTime() + 2 * 3600_000);
      expect(deferForDnd(later, every('22:00', '07:00'), zone).at).toEqual(at(fallEnd));
      expect(deferForDnd(at(fallEnd), every('22:00', '07:00'), zone).deferred).toBe(false);
    });
  });

  it('a window ending inside the spring-forward gap ends when the clocks jump', () => {
    // 2026-03-08 New York: 02:00 EST jumps to 03:00 EDT (07:00Z). A window 01:00–02:30 ends at 03:30 EDT.
    const sunday = [{ day: 7, start: 60, end: 150 }];
    expect(iso(deferForDnd(at('2026-03-08T06:15:00Z'), sunday, 'America/New_York').at)).toBe('2026-03-08T07:30:00.000Z');
  });

  it('back-to-back windows chain: Sunday night into a Monday-morning window', () => {
    const dnd = [
      { day: 7, start: 22 * 60, end: 7 * 60 },
      { day: 1, start: 7 * 60, end: 9 * 60 },
    ];
    // Sunday 2026-11-22 23:00 in Berlin (CET, UTC+1) → Monday 09:00 CET.
    expect(iso(deferForDnd(at('2026-11-22T22:00:00Z'), dnd, 'Europe/Berlin').at)).toBe('2026-11-23T08:00:00.000Z');
  });
});

describe('send time', () => {
  it('is the next time the local clock shows it, today or tomorrow', () => {
    // 06:59 EST → 07:00 the same day; 07:01 → tomorrow 07:00.
    expect(iso(nextLocalTime(at('2026-11-23T11:59:00Z'), 420, 'America/New_York'))).toBe('2026-11-23T12:00:00.000Z');
    expect(iso(nextLocalTime(at('2026-11-23T12:01:00Z'), 420, 'America/New_York'))).toBe('2026-11-24T12:00:00.000Z');
  });

  it('keeps local 07:00 across both DST changes', () => {
    expect(iso(nextLocalTime(at('2026-03-07T12:30:00Z'), 420, 'America/New_York'))).toBe('2026-03-08T11:00:00.000Z');
    expect(iso(nextLocalTime(at('2026-10-31T11:30:00Z'), 420, 'America/New_York'))).toBe('2026-11-01T12:00:00.000Z');
    expect(iso(nextLocalTime(at('2026-03-28T06:30:00Z'), 420, 'Europe/Berlin'))).toBe('2026-03-29T05:00:00.000Z');
  });

  it('finds the local Monday of the week (Auckland is already in Monday when UTC is Sunday)', () => {
    expect(localMonday(at('2026-11-22T20:00:00Z'), 'Pacific/Auckland')).toBe('2026-11-23');
    expect(localMonday(at('2026-11-22T20:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-16');
  });
});
