import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from '../jobs/queues';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('grows by the factor from the first delay, up to the cap', () => {
    expect([0, 1, 2, 3, 4, 7, 10].map((n) => backoffDelay({ first: 10, factor: 2, cap: 600 }, n))).toEqual([10, 10, 20, 40, 80, 600, 600]);
    expect([1, 2, 3, 4].map((n) => backoffDelay({ first: 60_000, factor: 4 }, n))).toEqual([60_000, 240_000, 960_000, 3_840_000]);
  });

  it("is the queue's redelivery delay", () => {
    for (const n of [1, 2, 5, 6, 7, 20]) expect(retryDelaySeconds(n)).toBe(backoffDelay({ first: 10, factor: 2, cap: 600 }, n));
  });
});
