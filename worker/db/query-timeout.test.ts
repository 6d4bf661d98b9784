import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { appErrorWithin, ErrorCode } from '../lib/errors';
import { createLogger } from '../lib/logger';
import { Harness } from '../testing/harness';
import { createDb } from './client';

// A statement that goes unanswered after the pool's first answer (Postgres restarting under a job in the soak held
// the job and its queue for good). pg_sleep stands in for the silence: the server is busy, not answering.
const QUERY_TIMEOUT_MS = 300;

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: unknown) => err,
  );

describe('a pooled statement that goes unanswered', () => {
  it('fails as the database being unavailable once the pool has answered, and its client is not handed out again', async () => {
    const h = Harness.init();
    const handle = createDb({ ...h.env, DB_QUERY_TIMEOUT_MS: QUERY_TIMEOUT_MS }, createLogger('error'));
    try {
      await handle.db.execute(sql`select 1`);

      const started = Date.now();
      const plain = await failure(handle.db.execute(sql`select pg_sleep(2)`));
      expect(appErrorWithin(plain)?.code).toBe(ErrorCode.UNAVAILABLE);
      expect(Date.now() - started).toBeLessThan(1_800);

      // drizzle's transaction hands its client back without the error: that client still waits for pg_sleep.
      const inTx = await failure(handle.db.transaction((tx) => tx.execute(sql`select pg_sleep(2)`)));
      expect(appErrorWithin(inTx)?.code).toBe(ErrorCode.UNAVAILABLE);

      // Five at once take every client the pool may hold (max 5): a busy one put back would time out here.
      const answers = await Promise.all(Array.from({ length: 5 }, () => handle.db.transaction((tx) => tx.execute(sql`select 1 as one`))));
      expect(answers.map((r) => r.rows[0])).toEqual(Array.from({ length: 5 }, () => ({ one: 1 })));
    } finally {
      await handle.close();
    }
  });
});
