import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseEnv } from '../env';
import { createLogger } from '../lib/logger';
import { createServices } from '../wiring';
import { consumers, dispatchBatch, MESSAGE_DEADLINE_SECONDS } from './queues';
import type { QueueConsumer } from './types';

// A delivery whose await never settles (a socket the database left without a word) held its whole queue in the soak.
const never = () => new Promise<void>(() => {});

afterEach(() => vi.restoreAllMocks());

async function dispatch(consumer: QueueConsumer, ids: string[], deadlineMs: number) {
  const lines: string[] = [];
  vi.spyOn(console, 'warn').mockImplementation((line: unknown) => void lines.push(String(line)));
  const batch = createMessageBatch(
    'cadence-ingest',
    ids.map((id) => ({ id, timestamp: new Date(), attempts: 1, body: { id } })),
  );
  const ctx = createExecutionContext();
  const logger = createLogger('info', { queue: batch.queue });
  const services = createServices(parseEnv(env), { requestId: null, logger, waitUntil: (p) => ctx.waitUntil(p) });
  try {
    await dispatchBatch(batch, consumer, services, logger, deadlineMs);
  } finally {
    await services.close();
  }
  const result = await getQueueResult(batch, ctx);
  const said = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string; errorName?: string });
  return { result, said };
}

describe('a queue delivery that never settles (ADR 090)', () => {
  it('is given up at its deadline and retried, while the other messages of its batch are acked', async () => {
    const consumer: QueueConsumer = {
      name: 'ingest',
      handle: (body) => ((body as { id: string }).id === 'stuck' ? never() : Promise.resolve()),
    };
    const { result, said } = await dispatch(consumer, ['stuck', 'fine'], 50);
    expect(result.explicitAcks).toEqual(['fine']);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['stuck']);
    expect(said).toContainEqual(expect.objectContaining({ msg: 'message failed; will retry', errorName: 'MessageDeadlineError' }));
  });

  // The delivery ends (here by failing, as one given up at its deadline does) while work of its own still holds a
  // pooled client in a transaction: the batch must still end. Ordered by the work's own signal, not by a deadline
  // racing the connection's set-up.
  it('a delivery that ends while its work still holds a pooled client does not hold the batch: the connection is ended at close', async () => {
    const consumer: QueueConsumer = {
      name: 'privacy',
      async handle(_body, services) {
        let holding!: () => void;
        const held = new Promise<void>((resolve) => (holding = resolve));
        void services.db
          .transaction(async (tx) => {
            await tx.execute(sql`select 1`);
            holding();
            await never();
          })
          .catch(() => {});
        await held;
        throw new Error('given up');
      },
    };
    const { result, said } = await dispatch(consumer, ['holding'], 60_000);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['holding']);
    expect(said).toContainEqual(expect.objectContaining({ msg: 'db pool closed with clients still out', count: 1 }));
  });

  it('a batch consumer that never settles has every message retried', async () => {
    const consumer: QueueConsumer = { name: 'notify', handle: never, handleBatch: () => new Promise(() => {}) };
    const { result } = await dispatch(consumer, ['a', 'b'], 50);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m) => m.msgId).sort()).toEqual(['a', 'b']);
  });

  it('every queue has a deadline, under the platform’s 15-minute wall for a consumer', () => {
    for (const kind of Object.keys(consumers)) {
      expect(MESSAGE_DEADLINE_SECONDS[kind], kind).toBeGreaterThanOrEqual(60);
      expect(MESSAGE_DEADLINE_SECONDS[kind], kind).toBeLessThan(15 * 60);
    }
    expect(Object.keys(MESSAGE_DEADLINE_SECONDS).sort()).toEqual(Object.keys(consumers).sort());
  });
});
