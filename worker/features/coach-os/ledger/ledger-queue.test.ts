import { describe, expect, it } from 'vitest';
import { createLedgerQueue } from './ledger-queue';

/** One turn of the event loop: a round trip to the database, or a caller's way back to the object. */
const hop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A queue whose "database" records each call; `hold` keeps the next use batch there until `letGo`. */
function recorded(gatherMs: number, fail?: (uses: string[]) => boolean) {
  const calls: string[][] = [];
  let gate: { arrived: () => void; go: Promise<void> } | null = null;
  let letGo = () => {};
  const queue = createLedgerQueue<string, string, string>({
    async useMany(uses) {
      calls.push(uses.map((u) => `use:${u}`));
      const held = gate;
      gate = null;
      if (held) {
        held.arrived();
        await held.go;
      }
      await hop();
      if (fail?.(uses)) throw new Error(`batch ${uses.join(',')} failed`);
      return uses.map((u) => `used:${u}`);
    },
    async release(r) {
      calls.push([`release:${r}`]);
      return `released:${r}`;
    },
    maxBatch: 50,
    gatherMs,
  });
  /** Holds the next use batch at the database; resolves once it is there. */
  const hold = () =>
    new Promise<void>((arrived) => {
      const go = new Promise<void>((resolve) => {
        letGo = resolve;
      });
      gate = { arrived, go };
    });
  return { queue, calls, hold, letGo: () => letGo() };
}

describe('the ClientLedger queue', () => {
  it('callers in a loop go together: one batch per round after the first, not a lone use and the rest', async () => {
    // Without the gather step the first caller back was sent alone every round: batches of 1, 9, 1, 9, …
    const { queue, calls } = recorded(50);
    const answers = await Promise.all(
      Array.from({ length: 10 }, async (_, c) => {
        const mine: string[] = [];
        for (let i = 0; i < 5; i++) {
          await hop(); // each call arrives as an event of its own, as an RPC does
          mine.push(await queue.use(`${c}.${i}`));
        }
        return mine;
      }),
    );
    expect(calls.map((b) => b.length)).toEqual([1, 10, 10, 10, 10, 9]);
    // Each caller got its own answers, in its own order; every use went to the database exactly once.
    answers.forEach((mine, c) => {
      expect(mine).toEqual([0, 1, 2, 3, 4].map((i) => `used:${c}.${i}`));
    });
    expect(new Set(calls.flat()).size).toBe(50);
  });

  it('a lone caller never waits for company', async () => {
    // A minute's gather bound: the test would time out if a lone use waited for it.
    const { queue, calls } = recorded(60_000);
    for (let i = 0; i < 5; i++) expect(await queue.use(`solo.${i}`)).toBe(`used:solo.${i}`);
    expect(calls.map((b) => b.length)).toEqual([1, 1, 1, 1, 1]);
  });

  it('keeps arrival order: a release runs alone, after the uses before it and before the uses after it', async () => {
    const { queue, calls, hold, letGo } = recorded(1);
    const atDatabase = hold();
    const first = queue.use('x');
    await atDatabase;
    const rest = [queue.use('a'), queue.release('r'), queue.use('b'), queue.use('c')];
    letGo();
    expect(await Promise.all([first, ...rest])).toEqual(['used:x', 'used:a', 'released:r', 'used:b', 'used:c']);
    expect(calls).toEqual([['use:x'], ['use:a'], ['release:r'], ['use:b', 'use:c']]);
  });

  it('a failing batch answers each of its callers with the error; the next batch goes on', async () => {
    const { queue, calls, hold, letGo } = recorded(1, (uses) => uses.includes('bad'));
    const atDatabase = hold();
    const first = queue.use('x');
    await atDatabase;
    const batch = [queue.use('a'), queue.use('bad'), queue.use('b')].map((p) => p.then(String, (e: Error) => e.message));
    letGo();
    expect(await first).toBe('used:x');
    expect(await Promise.all(batch)).toEqual(Array(3).fill('batch a,bad,b failed'));
    expect(await queue.use('after')).toBe('used:after');
    expect(calls).toEqual([['use:x'], ['use:a', 'use:bad', 'use:b'], ['use:after']]);
  });
});
