// The test run's isolation (test-databases.ts): this file's worker — routes, queue consumers, crons and
// Durable Objects alike — runs on a copy of the migrated template that no other file writes to.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../db/schema';
import { Harness } from './harness';

describe('a database per test file', () => {
  it('is a fresh copy of the template: no other file’s rows', async () => {
    const h = Harness.init();
    const { rows } = await h.db.execute<{ name: string }>(sql`select current_database() as name`);
    expect(rows[0]?.name).toMatch(/^cadence_file_\d+$/);
    expect(await h.db.$count(users)).toBe(0);
  });

  it('keeps what this file wrote', async () => {
    const h = Harness.init();
    await h.signup();
    expect(await h.db.$count(users)).toBe(1);
  });
});
