// The HTTP driver (createHttpDb) against the local /sql endpoint: the same rows as the pooled driver,
// typed the same way, and Postgres errors that keep their codes (the session lookup relies on both).
import { env } from 'cloudflare:test';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../env';
import { Harness, uniqueEmail } from '../testing/harness';
import { createHttpDb } from './client';
import { isUniqueViolation } from './pg-errors';
import { users } from './schema';

describe('createHttpDb', () => {
  it('reads what the pool wrote, with dates, booleans, nulls and json typed as the pool types them', async () => {
    const h = Harness.init();
    const { user } = await h.signup({ email: uniqueEmail('httpdb') });
    const http = createHttpDb(parseEnv(env));
    const [viaHttp] = await http.select().from(users).where(eq(users.id, user.id));
    const [viaPool] = await h.db.select().from(users).where(eq(users.id, user.id));
    expect(viaHttp).toEqual(viaPool);
    expect(viaHttp!.createdAt).toBeInstanceOf(Date);
    expect(viaHttp!.blockedAt).toBeNull();
    expect(viaHttp!.mustChangePassword).toBe(false);

    const [row] = (
      await http.execute<{ j: { a: number[] }; n: null; big: string }>(
        sql`select '{"a":[1,2]}'::jsonb as j, null as n, 9007199254740993::bigint as big`,
      )
    ).rows;
    expect(row).toEqual({ j: { a: [1, 2] }, n: null, big: '9007199254740993' });
  });

  it('writes, and a Postgres error keeps its code (a unique violation is recognised as one)', async () => {
    const h = Harness.init();
    const email = uniqueEmail('httpdb');
    await h.signup({ email });
    const http = createHttpDb(parseEnv(env));
    const err = await http
      .insert(users)
      .values({ email, passwordHash: 'x', displayName: 'Dup' })
      .then(() => null)
      .catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);

    const [{ n }] = (await http.execute<{ n: number }>(sql`select 41 + ${1} as n`)).rows as [{ n: number }];
    expect(n).toBe(42);
  });

  it('refuses an answer over Neon’s 64 MiB cap as Neon does (HTTP 507), so a read that outgrows it fails here first', async () => {
    const http = createHttpDb(parseEnv(env));
    const err = await http
      .execute(sql`select repeat('x', 64 * 1024 * 1024) as big`)
      .then(() => null)
      .catch((e: unknown) => e);
    // drizzle wraps the driver's error ("Failed query: …"); Neon's own words are its cause.
    const cause = (err as Error & { cause?: Error & { code?: string } }).cause;
    expect(cause?.message).toMatch(/HTTP status 507.*response is too large \(max is 67108864 bytes\)/);
    // Everything under the cap still arrives whole.
    const [row] = (await http.execute<{ n: number }>(sql`select length(repeat('x', 8 * 1024 * 1024)) as n`)).rows;
    expect(row).toEqual({ n: 8 * 1024 * 1024 });
  });

  it('a backend ended mid-statement fails that statement, and the endpoint answers the next one', async () => {
    const h = Harness.init();
    const http = createHttpDb(parseEnv(env));
    const tag = `ended-${crypto.randomUUID().slice(0, 8)}`;
    const slow = http
      .execute(sql.raw(`select pg_sleep(10) as "${tag}"`))
      .then(() => null)
      .catch((e: unknown) => e);
    // Wait for the statement to be running, then end its backend as a stopping server does.
    let ended = false;
    for (let i = 0; i < 100 && !ended; i++) {
      const r = await h.db.execute<{ ok: boolean }>(
        sql`select pg_terminate_backend(pid) as ok from pg_stat_activity where query like ${`%${tag}%`} and pid <> pg_backend_pid()`,
      );
      ended = r.rows.some((x) => x.ok);
      if (!ended) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(ended).toBe(true);
    const err = (await slow) as Error & { cause?: { code?: string } };
    expect(err?.cause?.code).toBe('57P01');
    const [row] = (await http.execute<{ n: number }>(sql`select 1 as n`)).rows;
    expect(row).toEqual({ n: 1 });
  });
});
