import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { users } from '../../db/schema';
import { userColumns, type UserRow } from '../auth';
import type { UpdateProfileInput } from './account.schema';

export function createAccountRepo(db: Executor) {
  return {
    async updateProfile(userId: string, patch: UpdateProfileInput): Promise<UserRow | null> {
      const { timeZoneConfirmed, ...fields } = patch;
      // Choosing a zone, or keeping the stored one, answers the "use your device's zone?" question for good.
      const confirmed = timeZoneConfirmed || fields.timeZone !== undefined ? { timeZoneConfirmedAt: sql`now()` } : {};
      const [row] = await db
        .update(users)
        .set({ ...fields, ...confirmed, updatedAt: sql`now()` })
        .where(eq(users.id, userId))
        .returning(userColumns);
      return row ?? null;
    },
  };
}
