import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseEnv } from '../env';
import { handleQueue, unavailableRetryDelaySeconds } from './queues';

// The test proxy refuses this host as a stopped Postgres would (scripts/lib/ws-proxy.ts, REFUSING_DATABASE_HOST).
const refusingEnv = parseEnv({ ...env, DATABASE_URL: 'postgres://postgres:postgres@refusing-database.invalid:5432/cadence' });

afterEach(() => vi.restoreAllMocks());

describe('a queue delivery that finds the database down (ADR 086)', () => {
  it('is retried later with backoff and jitter, logged once as an outage, never acked or counted as the job failing', async () => {
    const lines: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error'] as const)
      vi.spyOn(console, level).mockImplementation((line: unknown) => void lines.push(String(line)));
    const messages = createMessageBatch(
      'cadence-privacy',
      [1, 3].map((attempts) => ({
        id: `m${attempts}`,
        timestamp: new Date(),
        attempts,
        body: { kind: 'export', requestId: crypto.randomUUID() },
      })),
    );
    // The test runtime's result names the retried messages but not their delays: those are read off the calls.
    const delays: Record<string, number | undefined> = {};
    for (const msg of messages.messages) {
      const retry = msg.retry.bind(msg);
      msg.retry = (options) => {
        delays[msg.id] = options?.delaySeconds;
        retry(options);
      };
    }
    const ctx = createExecutionContext();
    await handleQueue(messages, refusingEnv, ctx);
    const result = await getQueueResult(messages, ctx);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m) => m.msgId).sort()).toEqual(['m1', 'm3']);
    expect(delays.m1).toBeGreaterThanOrEqual(10);
    expect(delays.m1).toBeLessThanOrEqual(15);
    expect(delays.m3).toBeGreaterThanOrEqual(40);
    expect(delays.m3).toBeLessThanOrEqual(60);
    const said = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(said.filter((l) => l.msg === 'database unavailable; message will retry')).toHaveLength(2);
    expect(said.filter((l) => l.level === 'error' || l.msg === 'message failed; will retry')).toEqual([]);
  });

  it('the waits double from 10 s with up to half again at random, and three retries cover over a minute', () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0);
    expect([1, 2, 3, 4, 6, 9].map(unavailableRetryDelaySeconds)).toEqual([10, 20, 40, 80, 300, 300]);
    expect([1, 2, 3].reduce((s, n) => s + unavailableRetryDelaySeconds(n), 0)).toBeGreaterThanOrEqual(60);
    random.mockReturnValue(0.999);
    expect([1, 2, 3].map(unavailableRetryDelaySeconds)).toEqual([15, 30, 60]);
  });
});
