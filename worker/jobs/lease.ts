// Leases on long jobs (ADR 089): a running job row holds `lease_until`, renewed by a heartbeat while its consumer
// lives. A killed worker stops renewing; the minute sweep re-queues rows whose lease lapsed, and their idempotent
// steps make the rerun converge. A second delivery meanwhile finds the lease held and does nothing twice.

/** How long a claim holds without a heartbeat: three missed beats, so a slow query or a GC pause never loses it. */
export const LEASE_MS = 90_000;
/** How often a running job renews its lease. */
export const HEARTBEAT_MS = 20_000;

export const leaseFrom = (now: Date | number = Date.now()) => new Date((typeof now === 'number' ? now : now.getTime()) + LEASE_MS);

/**
 * Runs `work` while renewing the job's lease every HEARTBEAT_MS. `renew` answers false once the row is no longer ours
 * to renew (finished, or taken by another run after a lapse); beats then stop. A failed beat is retried at the next.
 */
export async function withLease<T>(renew: () => Promise<boolean>, work: () => Promise<T>): Promise<T> {
  let held = true;
  let beat: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (!held) return;
    beat = renew().then(
      (ok) => {
        held = ok;
      },
      () => undefined,
    );
  }, HEARTBEAT_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await beat;
  }
}
