import { describe, expect, it } from 'vitest';
import { mapLimit, turnTaker } from './concurrency';

describe('mapLimit', () => {
  it('keeps the input order and never has more than the limit in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const gates: (() => void)[] = [];
    const run = mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise<void>((r) => gates.push(r));
      inFlight--;
      return n * 10;
    });
    // Release the waiting calls one at a time, as each is started: a wait for state, not for time.
    while (gates.length > 0 || inFlight > 0) {
      await Promise.resolve();
      gates.shift()?.();
    }
    expect(await run).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(most).toBe(3);
  });

  it('an empty list maps to an empty list', async () => {
    expect(await mapLimit([], 32, async () => 1)).toEqual([]);
  });
});

describe('turnTaker', () => {
  it('takes a turn each time its budget is spent, not before', async () => {
    const take = turnTaker(100);
    let ran = 0;
    const queue = () => setTimeout(() => ran++, 0);
    queue();
    for (const spent of [40, 40, 10]) await take(spent);
    expect(ran).toBe(0);
    await take(10);
    expect(ran).toBe(1);
    queue();
    await take(99);
    expect(ran).toBe(1);
    await take(250);
    expect(ran).toBe(2);
  });

  it('lets a callback queued before a long loop run inside it; awaiting resolved promises does not', async () => {
    const run = async (take: (spent: number) => Promise<void>) => {
      const order: string[] = [];
      setTimeout(() => order.push('timer'), 0);
      for (let i = 0; i < 6; i++) {
        order.push(`unit ${i}`);
        await take(50);
      }
      // What the loop left queued runs now, at the latest.
      await new Promise((r) => setTimeout(r, 0));
      return order;
    };
    expect((await run(turnTaker(100))).indexOf('timer')).toBe(2);
    expect((await run(async () => {})).indexOf('timer')).toBe(6);
  });
});
