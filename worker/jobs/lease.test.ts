// The heartbeat of a leased job (ADR 089): renewed while the work runs, stopped when the lease is no longer ours,
// never after the work is over. Fake timers stand in for the 20 s beats.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_MS, withLease } from './lease';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('withLease', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('renews while the work runs, and not after it ends', async () => {
    let beats = 0;
    const run = withLease(
      async () => {
        beats++;
        return true;
      },
      async () => {
        await sleep(HEARTBEAT_MS * 3.5);
        return 'done';
      },
    );
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS * 4);
    expect(await run).toBe('done');
    expect(beats).toBe(3);
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS * 3);
    expect(beats).toBe(3);
  });

  it('stops renewing once the lease is lost, and a failed beat is tried again at the next', async () => {
    const answers: (boolean | Error)[] = [new Error('db down'), true, false];
    let calls = 0;
    const run = withLease(
      async () => {
        const a = answers[calls++] ?? true;
        if (a instanceof Error) throw a;
        return a;
      },
      () => sleep(HEARTBEAT_MS * 6.5),
    );
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS * 7);
    await run;
    expect(calls).toBe(3);
  });

  it('passes the work’s error through', async () => {
    await expect(
      withLease(
        async () => true,
        async () => {
          throw new Error('boom');
        },
      ),
    ).rejects.toThrow('boom');
  });
});
