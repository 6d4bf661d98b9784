// The heartbeat of a leased job (ADR 089): renewed while the work runs, stopped when the lease is no longer ours,
// never after the work is over.
import { describe, expect, it } from 'vitest';
import { withLease } from './lease';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('withLease', () => {
  it('renews while the work runs, and not after it ends', async () => {
    let beats = 0;
    const out = await withLease(
      async () => {
        beats++;
        return true;
      },
      async () => {
        await sleep(75);
        return 'done';
      },
      10,
    );
    expect(out).toBe('done');
    expect(beats).toBeGreaterThanOrEqual(3);
    const at = beats;
    await sleep(40);
    expect(beats).toBe(at);
  });

  it('stops renewing once the lease is lost, and a failed beat is tried again at the next', async () => {
    const answers: (boolean | Error)[] = [new Error('db down'), true, false];
    let calls = 0;
    await withLease(
      async () => {
        const a = answers[calls++] ?? true;
        if (a instanceof Error) throw a;
        return a;
      },
      () => sleep(100),
      10,
    );
    expect(calls).toBe(3);
  });

  it('passes the work’s error through', async () => {
    await expect(
      withLease(
        async () => true,
        async () => {
          throw new Error('boom');
        },
        10,
      ),
    ).rejects.toThrow('boom');
  });
});
