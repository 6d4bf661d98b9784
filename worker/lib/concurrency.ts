/**
 * Maps with at most `limit` calls in flight, results in input order: a batch's pushes go out side by side without
 * opening hundreds of connections at once. A rejected call rejects the whole map; callers that must not fail
 * together catch inside `fn`.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * `work`, or the error `late()` makes once `ms` have passed. The work itself is left to run; its own failure after
 * the deadline is nobody's news (the caller has moved on).
 */
export function withDeadline<T>(work: Promise<T>, ms: number, late: () => unknown): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), ms);
  });
  work.catch(() => {});
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/**
 * Runs independent reads at once (`together`) or one after another: single statements over HTTP cost a round
 * trip each whichever way, while on a pool each read running at once would open a connection of its own.
 */
export function gather<const T extends readonly (() => Promise<unknown>)[]>(
  together: boolean,
  reads: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  type Out = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
  if (together) return Promise.all(reads.map((r) => r())) as Promise<Out>;
  return (async () => {
    const out: unknown[] = [];
    for (const r of reads) out.push(await r());
    return out as Out;
  })();
}

/** A macrotask: I/O callbacks and timers queued meanwhile run first (other requests on the isolate move on). */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Long CPU work gives the isolate back now and then: JavaScript runs to completion, so a loop that only awaits
 * resolved promises holds every other request on the isolate until it ends (a resumed 400-activity import held
 * it 5.6 s in the soak, and three requests' database bounds expired behind it). Call the returned function after
 * each unit of work with its size (stream samples, say); once `budget` has been spent since the last turn it
 * waits for the next one. Sized in work, not time: a Worker's clock stands still while its code runs.
 */
export function turnTaker(budget: number): (spent: number) => Promise<void> {
  let since = 0;
  return async (spent) => {
    since += spent;
    if (since < budget) return;
    since = 0;
    await nextTurn();
  };
}
