import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { inviteRedemptions, invites } from '../../db/schema';

const inviteColumns = {
  id: invites.id,
  code: invites.code,
  note: invites.note,
  maxUses: invites.maxUses,
  uses: invites.uses,
  expiresAt: invites.expiresAt,
  revokedAt: invites.revokedAt,
  createdBy: invites.createdBy,
  createdAt: invites.createdAt,
  trialDays: invites.trialDays,
};

export type InviteRow = {
  id: string;
  trialDays: number | null;
  code: string;
  note: string | null;
  maxUses: number;
  uses: number;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
};

const usable = (now: Date) =>
  and(isNull(invites.revokedAt), or(isNull(invites.expiresAt), gt(invites.expiresAt, now)), lt(invites.uses, invites.maxUses));

export function createInvitesRepo(db: Executor) {
  return {
    async insert(input: {
      code: string;
      note: string | null;
      maxUses: number;
      expiresAt: Date | null;
      createdBy: string;
      trialDays: number | null;
    }) {
      const [row] = await db.insert(invites).values(input).onConflictDoNothing().returning(inviteColumns);
      return row ?? null;
    },

    async findUsableByCode(code: string, now: Date): Promise<InviteRow | null> {
      const [row] = await db
        .select(inviteColumns)
        .from(invites)
        .where(and(eq(invites.code, code), usable(now)))
        .limit(1);
      return row ?? null;
    },

    /** Takes one use in a single conditional statement, so concurrent signups cannot overdraw it. */
    async takeUse(code: string, now: Date): Promise<InviteRow | null> {
      const [row] = await db
        .update(invites)
        .set({ uses: sql`${invites.uses} + 1` })
        .where(and(eq(invites.code, code), usable(now)))
        .returning(inviteColumns);
      return row ?? null;
    },

    async insertRedemption(inviteId: string, userId: string): Promise<void> {
      await db.insert(inviteRedemptions).values({ inviteId, userId });
    },

    async revoke(id: string, now: Date): Promise<InviteRow | null> {
      const [row] = await db
        .update(invites)
        .set({ revokedAt: now })
        .where(and(eq(invites.id, id), isNull(invites.revokedAt)))
        .returning(inviteColumns);
      return row ?? null;
    },

    async findById(id: string): Promise<InviteRow | null> {
      const [row] = await db.select(inviteColumns).from(invites).where(eq(invites.id, id)).limit(1);
      return row ?? null;
    },

    async list(limit: number): Promise<InviteRow[]> {
      return db.select(inviteColumns).from(invites).orderBy(desc(invites.createdAt)).limit(limit);
    },

    async listRedemptions(inviteIds: string[]) {
      if (inviteIds.length === 0) return [];
      return db
        .select({ inviteId: inviteRedemptions.inviteId, userId: inviteRedemptions.userId, redeemedAt: inviteRedemptions.redeemedAt })
        .from(inviteRedemptions)
        .where(sql`${inviteRedemptions.inviteId} = any(${sql.param(inviteIds)}::uuid[])`)
        .orderBy(inviteRedemptions.redeemedAt);
    },
  };
}
