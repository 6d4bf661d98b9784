// The ClientLedger's queue, apart from the object so its order and batching can be tested alone: jobs run
// strictly in arrival order, one at a time; uses waiting together go to the database as one batch.

export interface LedgerQueueOptions<U, R, T> {
  /** Several uses in one statement: one answer per use, in order. */
  useMany: (uses: U[]) => Promise<T[]>;
  release: (request: R) => Promise<T>;
  /** Uses waiting together go in one batch, up to this many. */
  maxBatch: number;
  /** The longest a batch waits for the callers the last one answered to come back (see `gather`). */
  gatherMs: number;
}

type Job<U, R, T> = { kind: 'use'; request: U; settle: Settle<T> } | { kind: 'release'; request: R; settle: Settle<T> };
interface Settle<T> {
  resolve: (r: T) => void;
  reject: (err: unknown) => void;
}

export function createLedgerQueue<U, R, T>(opts: LedgerQueueOptions<U, R, T>) {
  const queue: Job<U, R, T>[] = [];
  let draining = false;
  /** Callers active around the last batch: the uses it carried and those that queued while it ran. */
  let expected = 0;
  let arrived: (() => void) | null = null;

  function enqueue(job: Job<U, R, T>): void {
    queue.push(job);
    if (arrived && queue.length >= expected) arrived();
    if (!draining) void drain();
  }

  /**
   * Under load, waits until the callers the last batch answered are back (or `gatherMs` passes). Callers in a
   * loop otherwise split for good into a lone use, sent the moment the first comes back, and the rest behind
   * it: two round trips and two commits where one would do (ADR 085). A lone caller (expected ≤ 1) never waits.
   */
  async function gather(): Promise<void> {
    if (queue.length >= expected) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => done(), opts.gatherMs);
      const done = () => {
        clearTimeout(timer);
        arrived = null;
        resolve();
      };
      arrived = done;
    });
  }

  /** Runs a job's statement and answers with what its callers are to hear, once the caller of `run` says so. */
  async function run(jobs: Job<U, R, T>[], fn: () => Promise<T[]>): Promise<() => void> {
    try {
      const results = await fn();
      return () =>
        jobs.forEach((j, i) => {
          j.settle.resolve(results[i]!);
        });
    } catch (err) {
      return () => {
        for (const j of jobs) j.settle.reject(err);
      };
    }
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) {
        const head = queue[0]!;
        if (head.kind === 'release') {
          queue.shift();
          (await run([head], async () => [await opts.release(head.request)]))();
          continue;
        }
        await gather();
        // The leading run of uses (never past a release: order is kept).
        let n = 0;
        while (n < queue.length && n < opts.maxBatch && queue[n]!.kind === 'use') n++;
        const batch = queue.splice(0, n) as Extract<Job<U, R, T>, { kind: 'use' }>[];
        const answer = await run(batch, () => opts.useMany(batch.map((j) => j.request)));
        // Counted before the answers go out: a caller that comes straight back is not "queued meanwhile".
        expected = Math.min(opts.maxBatch, batch.length + queue.length);
        answer();
      }
    } finally {
      draining = false;
    }
  }

  return {
    use: (request: U) => new Promise<T>((resolve, reject) => enqueue({ kind: 'use', request, settle: { resolve, reject } })),
    release: (request: R) => new Promise<T>((resolve, reject) => enqueue({ kind: 'release', request, settle: { resolve, reject } })),
  };
}
