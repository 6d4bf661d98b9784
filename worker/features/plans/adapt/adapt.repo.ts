// The adaptive plans' SQL: proposals (one per plan and trigger), the athlete's illness and injury notes, and where
// the minute pass last read each athlete.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { athleteLinks, planAdaptStates, planAdaptations, planHealthNotes, plans } from '../../../db/schema';
import type { AdaptStep, Proposal, Trigger } from './adapt.types';

export type AdaptationRow = typeof planAdaptations.$inferSelect;
export type AdaptationStatus = AdaptationRow['status'];
export type HealthNoteRow = typeof planHealthNotes.$inferSelect;

const rows = async <T>(p: Promise<{ rows: unknown[] }>): Promise<T[]> => (await p).rows as T[];

export function createAdaptRepo(db: Executor) {
  return {
    /** Stores what is new; a proposal whose trigger the plan has already answered is left as it was (none returned). */
    insertProposals: (planId: string, userId: string, list: readonly (Proposal & { status: AdaptationStatus; coachVisible: boolean })[]) =>
      list.length === 0
        ? Promise.resolve([] as AdaptationRow[])
        : db
            .insert(planAdaptations)
            .values(
              list.map((p) => ({
                planId,
                userId,
                key: p.key,
                trigger: p.trigger,
                steps: p.steps,
                reason: p.reason,
                receipts: p.receipts,
                small: p.small,
                status: p.status,
                coachVisible: p.coachVisible,
              })),
            )
            .onConflictDoNothing({ target: [planAdaptations.planId, planAdaptations.key] })
            .returning(),

    /** The keys a plan has already answered (whatever became of them). */
    keys: async (planId: string, keys: string[]) =>
      keys.length === 0
        ? new Set<string>()
        : new Set(
            (
              await db
                .select({ key: planAdaptations.key })
                .from(planAdaptations)
                .where(and(eq(planAdaptations.planId, planId), inArray(planAdaptations.key, keys)))
            ).map((r) => r.key),
          ),

    list: (userId: string, planId: string, limit: number, coachOnly = false) =>
      db
        .select()
        .from(planAdaptations)
        .where(
          and(
            eq(planAdaptations.userId, userId),
            eq(planAdaptations.planId, planId),
            coachOnly ? eq(planAdaptations.coachVisible, true) : undefined,
          ),
        )
        .orderBy(desc(planAdaptations.createdAt), desc(planAdaptations.id))
        .limit(limit),

    one: async (userId: string, id: string): Promise<AdaptationRow | null> =>
      (
        await db
          .select()
          .from(planAdaptations)
          .where(and(eq(planAdaptations.userId, userId), eq(planAdaptations.id, id)))
      )[0] ?? null,

    /**
     * Moves a proposal on from one of `from` (the row is locked by the update: two confirmations race to one
     * winner). Null when it was no longer in any of them.
     */
    decide: async (
      userId: string,
      id: string,
      from: AdaptationStatus[],
      to: { status: AdaptationStatus; decidedBy: string | null; at: Date; changeId?: string | null; auto?: boolean; steps?: AdaptStep[] },
    ): Promise<AdaptationRow | null> =>
      (
        await db
          .update(planAdaptations)
          .set({
            status: to.status,
            decidedBy: to.decidedBy,
            decidedAt: to.at,
            ...(to.changeId !== undefined ? { changeId: to.changeId } : {}),
            ...(to.auto !== undefined ? { auto: to.auto } : {}),
            ...(to.steps ? { steps: to.steps } : {}),
          })
          .where(and(eq(planAdaptations.userId, userId), eq(planAdaptations.id, id), inArray(planAdaptations.status, from)))
          .returning()
      )[0] ?? null,

    /**
     * The coaching org the athlete lets change their plan (an accepted link with "may edit"), and whether they share
     * their wellness with it; null when no coach decides for them.
     */
    planEditor: async (userId: string): Promise<{ orgId: string; wellness: boolean } | null> => {
      const [row] = await db
        .select({ orgId: athleteLinks.orgId, wellnessSharedAt: athleteLinks.wellnessSharedAt })
        .from(athleteLinks)
        .where(
          and(
            eq(athleteLinks.athleteUserId, userId),
            eq(athleteLinks.status, 'accepted'),
            sql`${athleteLinks.planEditGrantedAt} is not null`,
          ),
        )
        .orderBy(athleteLinks.decidedAt)
        .limit(1);
      return row ? { orgId: row.orgId, wellness: row.wellnessSharedAt !== null } : null;
    },

    setAuto: async (userId: string, planId: string, on: boolean) =>
      (
        await db
          .update(plans)
          .set({ adaptAuto: on })
          .where(and(eq(plans.userId, userId), eq(plans.id, planId)))
          .returning({ id: plans.id, adaptAuto: plans.adaptAuto })
      )[0] ?? null,

    addNote: async (n: { userId: string; kind: 'illness' | 'injury'; fromDay: string; toDay: string | null; note: string | null }) =>
      (await db.insert(planHealthNotes).values(n).returning())[0]!,
    notes: (userId: string, since: string) =>
      db
        .select()
        .from(planHealthNotes)
        .where(and(eq(planHealthNotes.userId, userId), sql`coalesce(${planHealthNotes.toDay}, '9999-12-31') >= ${since}`))
        .orderBy(desc(planHealthNotes.fromDay)),
    endNote: async (userId: string, id: string, toDay: string) =>
      (
        await db
          .update(planHealthNotes)
          .set({ toDay })
          .where(and(eq(planHealthNotes.userId, userId), eq(planHealthNotes.id, id), sql`${planHealthNotes.fromDay} <= ${toDay}`))
          .returning()
      )[0] ?? null,

    /**
     * Athletes with an active plan whose local day or analytics version moved on since the pass last read them, the
     * longest unread first. Two overlapping ticks may read one athlete twice: one proposal per trigger keeps that harmless.
     */
    due: (limit: number, now: Date) =>
      rows<{ id: string; units: 'km' | 'mi'; timeZone: string; birthDate: string | null; sex: 'female' | 'male' | null; version: number }>(
        db.execute(sql`
          select u.id, u.units, u.time_zone as "timeZone", u.birth_date::text as "birthDate", u.sex, u.analytics_version as version
          from plans p join users u on u.id = p.user_id left join plan_adapt_states s on s.user_id = u.id
          where p.status = 'active' and u.blocked_at is null
            and (s.user_id is null or s.day < (${now.toISOString()}::timestamptz at time zone u.time_zone)::date
              or s.analytics_version < u.analytics_version)
          order by s.checked_at nulls first, u.id
          limit ${limit}`),
      ),

    read: (userId: string) =>
      db
        .select()
        .from(planAdaptStates)
        .where(eq(planAdaptStates.userId, userId))
        .then((r) => r[0] ?? null),

    /** A pass that failed: still due, but behind everyone else (one athlete's failure never blocks the rest). */
    touch: async (userId: string, at: Date) => {
      await db
        .insert(planAdaptStates)
        .values({ userId, day: '2000-01-01', analyticsVersion: 0, thresholds: null, checkedAt: at })
        .onConflictDoUpdate({ target: planAdaptStates.userId, set: { checkedAt: at } });
    },

    markRead: async (userId: string, s: { day: string; version: number; thresholds: unknown; at: Date }) => {
      await db
        .insert(planAdaptStates)
        .values({ userId, day: s.day, analyticsVersion: s.version, thresholds: s.thresholds, checkedAt: s.at })
        .onConflictDoUpdate({
          target: planAdaptStates.userId,
          set: { day: s.day, analyticsVersion: s.version, thresholds: s.thresholds, checkedAt: s.at },
        });
    },
  };
}
export type AdaptRepo = ReturnType<typeof createAdaptRepo>;
export type { Trigger };
