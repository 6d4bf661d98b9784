import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/executor';
import { activities, activityMetrics, plannedWorkouts, planChanges, plans, users } from '../../db/schema';
import type { ActivitySource } from '../activities';

export type PlanRow = typeof plans.$inferSelect;
export type WorkoutRow = typeof plannedWorkouts.$inferSelect;
export type WorkoutInsert = typeof plannedWorkouts.$inferInsert;
/**
 * A change-log row; `actorName` (the actor's display name) where the read joined it, and for a rebuild
 * the plan it replaced and the plan it made (their weeks and first days), for its summary.
 */
export type ChangeRow = typeof planChanges.$inferSelect & {
  actorName?: string | null;
  rebuild?: { previous: { id: string; weeks: unknown; startDate: string }; current: { weeks: unknown; startDate: string } } | null;
};
const previousPlans = alias(plans, 'previous_plans');
/** A day's workouts in order: morning, evening, then any time (ADR 104); then as they were added. */
export const slotOrder = sql`case ${plannedWorkouts.slot} when 'am' then 0 when 'pm' then 1 else 2 end`;

/** Every plan and workout query takes the athlete's id as well as the plan's: another athlete's ids are simply not found. */
export function createPlansRepo(db: Executor) {
  const owned = (userId: string, planId: string) => and(eq(plannedWorkouts.userId, userId), eq(plannedWorkouts.planId, planId));
  return {
    async activePlan(userId: string): Promise<PlanRow | undefined> {
      const [row] = await db
        .select()
        .from(plans)
        .where(and(eq(plans.userId, userId), eq(plans.status, 'active')));
      return row;
    },

    /** The active plan, else the latest paused one, in one read (the coach asks on every turn). */
    async currentPlan(userId: string): Promise<PlanRow | undefined> {
      const [row] = await db
        .select()
        .from(plans)
        .where(and(eq(plans.userId, userId), inArray(plans.status, ['active', 'paused'])))
        .orderBy(sql`${plans.status} = 'active' desc`, desc(plans.updatedAt))
        .limit(1);
      return row;
    },

    /** The latest paused plan (the training page offers Resume on it). */
    async pausedPlan(userId: string): Promise<PlanRow | undefined> {
      const [row] = await db
        .select()
        .from(plans)
        .where(and(eq(plans.userId, userId), eq(plans.status, 'paused')))
        .orderBy(desc(plans.updatedAt))
        .limit(1);
      return row;
    },

    async plan(userId: string, planId: string): Promise<PlanRow | undefined> {
      const [row] = await db
        .select()
        .from(plans)
        .where(and(eq(plans.userId, userId), eq(plans.id, planId)));
      return row;
    },

    listPlans: (userId: string) => db.select().from(plans).where(eq(plans.userId, userId)).orderBy(desc(plans.createdAt)),

    async insertPlan(row: typeof plans.$inferInsert): Promise<PlanRow> {
      const [plan] = await db.insert(plans).values(row).returning();
      return plan!;
    },

    async setStatus(userId: string, planId: string, status: PlanRow['status'], now: Date): Promise<PlanRow | undefined> {
      const [row] = await db
        .update(plans)
        .set({ status, updatedAt: now })
        .where(and(eq(plans.userId, userId), eq(plans.id, planId)))
        .returning();
      return row;
    },

    insertWorkouts: (rows: WorkoutInsert[]) => (rows.length ? db.insert(plannedWorkouts).values(rows).returning() : Promise.resolve([])),

    workoutsBetween(userId: string, planId: string, from: string, to: string): Promise<WorkoutRow[]> {
      return db
        .select()
        .from(plannedWorkouts)
        .where(and(owned(userId, planId), gte(plannedWorkouts.date, from), lte(plannedWorkouts.date, to)))
        .orderBy(asc(plannedWorkouts.date), slotOrder, asc(plannedWorkouts.createdAt), asc(plannedWorkouts.id));
    },

    workouts(userId: string, planId: string, ids: string[]): Promise<WorkoutRow[]> {
      if (!ids.length) return Promise.resolve([]);
      return db
        .select()
        .from(plannedWorkouts)
        .where(and(owned(userId, planId), inArray(plannedWorkouts.id, ids)));
    },

    /** Writes a workout's new state and bumps its revision (the calendar feed's SEQUENCE). */
    async updateWorkout(
      userId: string,
      planId: string,
      id: string,
      patch: Partial<WorkoutInsert>,
      now: Date,
    ): Promise<WorkoutRow | undefined> {
      const [row] = await db
        .update(plannedWorkouts)
        .set({ ...patch, revision: sql`${plannedWorkouts.revision} + 1`, updatedAt: now })
        .where(and(owned(userId, planId), eq(plannedWorkouts.id, id)))
        .returning();
      return row;
    },

    /** The athlete's own "done" (ADR 080), or null to take it back: no revision bump, the plan itself is unchanged. */
    async setDone(
      userId: string,
      planId: string,
      id: string,
      done: { note: string | null; rpe: number | null } | null,
      now: Date,
    ): Promise<WorkoutRow | undefined> {
      const w = plannedWorkouts;
      const [row] = await db
        .update(w)
        .set(
          done
            ? {
                doneAt: sql`coalesce(${w.doneAt}, ${now.toISOString()}::timestamptz)`,
                doneNote: done.note,
                doneRpe: done.rpe,
                updatedAt: now,
              }
            : { doneAt: null, doneNote: null, doneRpe: null, updatedAt: now },
        )
        .where(and(owned(userId, planId), eq(w.id, id)))
        .returning();
      return row;
    },

    async deleteWorkout(userId: string, planId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(plannedWorkouts)
        .where(and(owned(userId, planId), eq(plannedWorkouts.id, id)))
        .returning({ id: plannedWorkouts.id });
      return rows.length > 0;
    },

    /** Holds the plan's row to the end of the transaction: changes to one plan apply one at a time. */
    async lockPlan(userId: string, planId: string): Promise<PlanRow | undefined> {
      const [row] = await db
        .select()
        .from(plans)
        .where(and(eq(plans.userId, userId), eq(plans.id, planId)))
        .for('update');
      return row;
    },

    /** Logs a change; answers it with the actor's name, as the history shows it. */
    async insertChange(row: typeof planChanges.$inferInsert): Promise<ChangeRow> {
      const [change] = await db.insert(planChanges).values(row).returning();
      const [actor] = row.actorId ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, row.actorId)) : [];
      return { ...change!, actorName: actor?.name ?? null };
    },

    async changes(userId: string, planId: string, limit: number): Promise<ChangeRow[]> {
      const rows = await db
        .select({
          change: planChanges,
          actorName: users.displayName,
          plan: { weeks: plans.weeks, startDate: plans.startDate },
          previous: { id: previousPlans.id, weeks: previousPlans.weeks, startDate: previousPlans.startDate },
        })
        .from(planChanges)
        .leftJoin(users, eq(users.id, planChanges.actorId))
        .innerJoin(plans, eq(plans.id, planChanges.planId))
        // A rebuild's row is on the plan it made; the plan it replaced points at that one.
        .leftJoin(
          previousPlans,
          and(eq(planChanges.action, 'rebuild'), eq(previousPlans.replacedBy, planChanges.planId), eq(previousPlans.userId, userId)),
        )
        .where(and(eq(planChanges.userId, userId), eq(planChanges.planId, planId)))
        .orderBy(desc(planChanges.createdAt), desc(planChanges.id))
        .limit(limit);
      return rows.map((r) => ({
        ...r.change,
        actorName: r.actorName,
        rebuild: r.previous ? { previous: r.previous, current: r.plan } : null,
      }));
    },

    async change(userId: string, planId: string, id: string): Promise<ChangeRow | undefined> {
      const [row] = await db
        .select()
        .from(planChanges)
        .where(and(eq(planChanges.userId, userId), eq(planChanges.planId, planId), eq(planChanges.id, id)));
      return row;
    },

    /** Changes after `since` that are still in effect: what an undo of an older change could conflict with. */
    changesSince(userId: string, planId: string, since: Date): Promise<ChangeRow[]> {
      return db
        .select()
        .from(planChanges)
        .where(
          and(
            eq(planChanges.userId, userId),
            eq(planChanges.planId, planId),
            sql`${planChanges.createdAt} > ${since}`,
            isNull(planChanges.undoneAt),
          ),
        )
        .orderBy(asc(planChanges.createdAt));
    },

    async markUndone(id: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(planChanges)
        .set({ undoneAt: now })
        .where(and(eq(planChanges.id, id), isNull(planChanges.undoneAt)))
        .returning({ id: planChanges.id });
      return rows.length > 0;
    },

    /** The athlete's canonical activities between two instants from the allowed sources, with their load. */
    activitiesBetween(userId: string, sources: ActivitySource[], from: Date, to: Date) {
      return db
        .select({
          id: activities.id,
          sport: activities.sport,
          name: activities.name,
          startTime: activities.startTime,
          movingTimeS: activities.movingTimeS,
          distanceM: activities.distanceM,
          load: activityMetrics.load,
        })
        .from(activities)
        .leftJoin(activityMetrics, eq(activityMetrics.activityId, activities.id))
        .where(
          and(
            eq(activities.userId, userId),
            isNull(activities.duplicateOf),
            inArray(activities.source, sources),
            gte(activities.startTime, from),
            lte(activities.startTime, to),
          ),
        )
        .orderBy(asc(activities.startTime), asc(activities.id));
    },

    /** Whether the activity is the athlete's own (a link names it; another athlete's is not found). */
    async ownActivity(userId: string, id: string): Promise<boolean> {
      const rows = await db
        .select({ id: activities.id })
        .from(activities)
        .where(and(eq(activities.userId, userId), eq(activities.id, id)));
      return rows.length > 0;
    },

    /** Longest session per sport since `since` (minutes), to cap the first long sessions of a plan. */
    async longestSince(userId: string, sources: ActivitySource[], since: Date): Promise<Partial<Record<string, number>>> {
      const rows = await db
        .select({ sport: activities.sport, longest: sql<number>`max(${activities.movingTimeS})::int` })
        .from(activities)
        .where(
          and(
            eq(activities.userId, userId),
            isNull(activities.duplicateOf),
            inArray(activities.source, sources),
            gte(activities.startTime, since),
          ),
        )
        .groupBy(activities.sport);
      return Object.fromEntries(rows.map((r) => [r.sport, Math.round((r.longest ?? 0) / 60)]));
    },
  };
}

export type PlansRepo = ReturnType<typeof createPlansRepo>;
