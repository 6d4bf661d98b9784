// The local proxy keeps Postgres sessions between a worker's pools, as Neon's pooler does (scripts/lib/pg-sessions.ts,
// ADR 094): a later pool gets a backend an earlier one used, and finds it exactly as a new session — no setting, temp
// table or open transaction of the client before it.
import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../env';
import { createLogger } from '../lib/logger';
import type { Pool } from '@neondatabase/serverless';
import { createDb } from './client';

type Seen = { pid: number; app: string; temp: string | null; inTransaction: boolean; probes: number };

describe('kept Postgres sessions (local proxy)', () => {
  it('hands a later pool a backend an earlier one used, reset to a new session', async () => {
    const setup = createDb(parseEnv(env), createLogger('error'));
    await setup.db.execute(sql`create table kept_session_probe (n int)`);
    await setup.close();

    const used = new Set<number>();
    let first: Seen | undefined;
    let reused: Seen | undefined;
    // Each pool reads the session it got, then leaves it dirty: a setting, a temp table, a transaction left open with
    // a row in it. Sessions go back to the idle list once reset, so a repeat comes within a few pools.
    for (let attempt = 0; attempt < 40 && !reused; attempt++) {
      const handle = createDb(parseEnv(env), createLogger('error'));
      const client = await (handle.db.$client as Pool).connect();
      const { rows } = await client.query<Seen>(
        `select pg_backend_pid() as pid, current_setting('application_name') as app,
                to_regclass('pg_temp.kept_session_temp')::text as temp, now() <> statement_timestamp() as "inTransaction",
                (select count(*)::int from kept_session_probe) as probes`,
      );
      const seen = rows[0]!;
      first ??= seen;
      if (used.has(seen.pid)) reused = seen;
      used.add(seen.pid);
      await client.query(`set application_name = 'kept-session-test'`);
      await client.query('create temp table kept_session_temp (n int)');
      await client.query('begin');
      await client.query('insert into kept_session_probe values (1)');
      client.release();
      await handle.close();
    }
    expect(reused, 'no backend was ever handed out twice').toBeDefined();
    // application_name as the startup message set it (RESET's default), as the first session found it.
    expect(reused).toMatchObject({ app: first?.app, temp: null, inTransaction: false, probes: 0 });
  });

  it('outlives a backend ended under its client: that client fails, the next pool is answered', async () => {
    const one = createDb(parseEnv(env), createLogger('error'));
    const other = createDb(parseEnv(env), createLogger('error'));
    try {
      const client = await (one.db.$client as Pool).connect();
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      await other.db.execute(sql`select pg_terminate_backend(${rows[0]!.pid})`);
      await expect(client.query('select 1')).rejects.toThrow();
      client.release(true);
    } finally {
      await one.close();
      await other.close();
    }
    const next = createDb(parseEnv(env), createLogger('error'));
    try {
      expect((await next.db.execute<{ one: number }>(sql`select 1 as one`)).rows[0]).toEqual({ one: 1 });
    } finally {
      await next.close();
    }
  });
});
