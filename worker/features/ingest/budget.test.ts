import { describe, expect, it } from 'vitest';
import { decide, initialState, learn, type BudgetState } from './budget';

const W = 15_000;
const D = 300_000;
const T0 = 1_800_000_000_000; // aligned to both windows
const fresh = (limits = { short: 20, daily: 100, readShort: 10, readDaily: 50 }): BudgetState => initialState(limits, T0, W, D);
const ask = (s: BudgetState, athlete: string, now = T0, priority: 'high' | 'normal' = 'normal', count = 1) =>
  decide(s, { athlete, read: true, priority, count }, now, W, D);

describe('provider budget rules', () => {
  it('grants up to the read limit of the window, then says when the next window starts', () => {
    const s = fresh();
    for (let i = 0; i < 10; i++) expect(ask(s, 'a').granted).toBe(true);
    expect(ask(s, 'a')).toEqual({ granted: false, retryAt: T0 + W, reason: 'window_spent' });
    expect(ask(s, 'a', T0 + W).granted).toBe(true);
  });

  it('counts the daily window across short windows', () => {
    const s = fresh({ short: 100, daily: 12, readShort: 100, readDaily: 12 });
    for (let i = 0; i < 12; i++) expect(ask(s, 'a', T0 + i * W).granted).toBe(true);
    expect(ask(s, 'a', T0 + 12 * W)).toEqual({ granted: false, retryAt: T0 + D, reason: 'daily_spent' });
    expect(ask(s, 'a', T0 + D).granted).toBe(true);
  });

  it('takes several permits at once only when they all fit', () => {
    const s = fresh();
    for (let i = 0; i < 9; i++) ask(s, 'a');
    expect(ask(s, 'a', T0, 'normal', 2).granted).toBe(false);
    expect(ask(s, 'a', T0, 'normal', 1).granted).toBe(true);
  });

  it("keeps room for a newcomer while one athlete's backfill runs", () => {
    const s = fresh();
    // a alone may use the window…
    for (let i = 0; i < 5; i++) expect(ask(s, 'a').granted).toBe(true);
    // …until b shows up: a is over its share (10 / 2 = 5) and must leave b its part.
    expect(ask(s, 'b').granted).toBe(true);
    expect(ask(s, 'a')).toMatchObject({ granted: false, reason: 'fair_share' });
    for (let i = 0; i < 4; i++) expect(ask(s, 'b').granted).toBe(true);
  });

  it('lets high priority (a first page) through the share check but not the limit', () => {
    const s = fresh();
    for (let i = 0; i < 9; i++) ask(s, 'a');
    ask(s, 'b');
    expect(ask(s, 'c', T0, 'high').granted).toBe(false);
    const s2 = fresh();
    for (let i = 0; i < 5; i++) ask(s2, 'a');
    ask(s2, 'b');
    expect(ask(s2, 'a').granted).toBe(false);
    expect(ask(s2, 'a', T0, 'high').granted).toBe(true);
  });

  it('learns usage and limits from headers, and a 429 blocks everyone until the window resets', () => {
    const s = fresh();
    learn(s, { status: 200, limit: [200, 2000], usage: [50, 60], readLimit: [100, 1000], readUsage: [99, 99] }, T0 + 10, W, D);
    expect(s.limits).toEqual({ short: 200, daily: 2000, readShort: 100, readDaily: 1000 });
    expect(ask(s, 'a', T0 + 20).granted).toBe(true);
    expect(ask(s, 'a', T0 + 30).granted).toBe(false);
    learn(s, { status: 429 }, T0 + 40, W, D);
    expect(ask(s, 'b', T0 + W - 1, 'high')).toEqual({ granted: false, retryAt: T0 + W, reason: 'blocked' });
    expect(ask(s, 'b', T0 + W, 'high').granted).toBe(true);
  });

  it('never lowers usage from stale headers (permits in flight stay counted)', () => {
    const s = fresh();
    for (let i = 0; i < 6; i++) ask(s, 'a');
    learn(s, { status: 200, readUsage: [2, 2] }, T0 + 5, W, D);
    expect(s.used.readShort).toBe(6);
  });
});
