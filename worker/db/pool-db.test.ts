// createDb's handle: drizzle over the unit of work's own pool, with the schema's relational map built once per
// isolate and shared (it was rebuilt for every request's pool: ~1.3 ms of CPU on every signed-in request).
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../env';
import { createLogger } from '../lib/logger';
import { Harness, uniqueEmail } from '../testing/harness';
import { createDb } from './client';
import { users } from './schema';

describe('createDb', () => {
  it('answers selects, transactions and relational queries; every pool shares one relational map', async () => {
    const h = Harness.init();
    const { user } = await h.signup({ email: uniqueEmail('pooldb') });
    const one = createDb(parseEnv(env), createLogger('error'));
    const two = createDb(parseEnv(env), createLogger('error'));
    try {
      expect(one.db).not.toBe(two.db);
      expect(one.db._.schema).toBe(two.db._.schema);
      const [row] = await one.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, user.id));
      const found = await two.db.query.users.findFirst({ where: eq(users.id, user.id), columns: { id: true, email: true } });
      expect(found).toEqual(row);
      const renamed = await one.db.transaction(async (tx) => {
        await tx.update(users).set({ displayName: 'Pool' }).where(eq(users.id, user.id));
        return tx.query.users.findFirst({ where: eq(users.id, user.id), columns: { displayName: true } });
      });
      expect(renamed).toEqual({ displayName: 'Pool' });
    } finally {
      await one.close();
      await two.close();
    }
  });
});
