// The test run's isolation (test-databases.ts): this file's worker — routes, queue consumers, crons and
// Durable Objects alike — runs on a copy of the migrated template that no other file writes to while it runs.
import { sql } from 'drizzle-orm';
import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import { users } from '../db/schema';
import { Harness } from './harness';

describe('a database per test file', () => {
  it('is a fresh copy of the template: no other file’s rows', async () => {
    const h = Harness.init();
    const { rows } = await h.db.execute<{ name: string }>(sql`select current_database() as name`);
    expect(rows[0]?.name).toMatch(/^cadence_slot_\d+_\d+$/);
    expect(await h.db.$count(users)).toBe(0);
  });

  it('keeps what this file wrote', async () => {
    const h = Harness.init();
    await h.signup();
    expect(await h.db.$count(users)).toBe(1);
  });

  it('is reset to the template when the next file starts on this pool worker', async () => {
    const h = Harness.init();
    await h.signup();
    expect(await h.db.$count(users)).toBeGreaterThan(0);
    // What setup-workerd.ts asks for before every file.
    const name = new URL((env as { DATABASE_URL: string }).DATABASE_URL).pathname.slice(1);
    const res = await fetch(`${inject('databaseResetUrl')}${name}`, { method: 'POST' });
    expect(res.status).toBe(204);
    expect(await Harness.init().db.$count(users)).toBe(0);
  });

  it('is copied afresh when a file changed the schema itself (emptying would keep the change)', async () => {
    const h = Harness.init();
    await h.signup();
    await h.db.execute(sql`create table schema_probe (n int)`);
    const name = new URL((env as { DATABASE_URL: string }).DATABASE_URL).pathname.slice(1);
    expect((await fetch(`${inject('databaseResetUrl')}${name}`, { method: 'POST' })).status).toBe(204);
    const after = Harness.init();
    const { rows } = await after.db.execute<{ probe: string | null }>(sql`select to_regclass('public.schema_probe')::text as probe`);
    expect(rows[0]?.probe).toBeNull();
    expect(await after.db.$count(users)).toBe(0);
  });

  it('resets only the pool’s own databases', async () => {
    const res = await fetch(`${inject('databaseResetUrl')}cadence_template`, { method: 'POST' });
    expect(res.status).toBe(404);
  });
});
