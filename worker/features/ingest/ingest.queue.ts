/** Sends one message per job id, in batches (a Queues batch holds at most 100 messages). */
export async function enqueueJobs(queue: Queue<unknown>, ids: string[], delaySeconds = 0): Promise<void> {
  for (let i = 0; i < ids.length; i += 100) {
    const batch = ids.slice(i, i + 100).map((jobId) => ({ body: { jobId }, ...(delaySeconds > 0 ? { delaySeconds } : {}) }));
    await queue.sendBatch(batch);
  }
}

/** Queue delays are whole seconds, at most 12 hours; a permit's retry time becomes one. */
export const delayUntil = (when: number, now: number) => Math.min(43_200, Math.max(1, Math.ceil((when - now) / 1000)));
