import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { athleteIntake, plans } from '../../../db/schema';
import type { IntakeAnswers } from './intake.calc';

/** The athlete's onboarding answers (one row each) and the plan's rebuild bookkeeping; always by the athlete's id. */
export function createIntakeRepo(db: Executor) {
  return {
    async answers(userId: string): Promise<IntakeAnswers | null> {
      const [row] = await db.select({ answers: athleteIntake.answers }).from(athleteIntake).where(eq(athleteIntake.userId, userId));
      return (row?.answers as IntakeAnswers | undefined) ?? null;
    },

    /** Saving the same answers twice leaves one row: the athlete's answers replace the ones before. */
    async save(userId: string, answers: IntakeAnswers, now: Date): Promise<void> {
      await db
        .insert(athleteIntake)
        .values({ userId, answers, updatedAt: now })
        .onConflictDoUpdate({ target: athleteIntake.userId, set: { answers, updatedAt: now } });
    },

    /** Forgets the answers (an operator's onboarding reset); the answered time it had, or null when none. */
    async clear(userId: string): Promise<Date | null> {
      const [row] = await db
        .delete(athleteIntake)
        .where(eq(athleteIntake.userId, userId))
        .returning({ updatedAt: athleteIntake.updatedAt });
      return row?.updatedAt ?? null;
    },

    async dismissRebuild(userId: string, planId: string, dismissal: RebuildDismissal, now: Date): Promise<boolean> {
      const rows = await db
        .update(plans)
        .set({ rebuildDismissal: dismissal, updatedAt: now })
        .where(and(eq(plans.userId, userId), eq(plans.id, planId), eq(plans.status, 'active')))
        .returning({ id: plans.id });
      return rows.length > 0;
    },

    /** The rebuilt plan's old one: cancelled (its workouts stay as history) and pointing at its successor. */
    async replace(userId: string, planId: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(plans)
        .set({ status: 'cancelled', updatedAt: now })
        .where(and(eq(plans.userId, userId), eq(plans.id, planId), eq(plans.status, 'active')))
        .returning({ id: plans.id });
      return rows.length > 0;
    },

    async linkReplacement(userId: string, planId: string, replacedBy: string): Promise<void> {
      await db
        .update(plans)
        .set({ replacedBy })
        .where(and(eq(plans.userId, userId), eq(plans.id, planId)));
    },
  };
}

/** What the history said when the athlete kept their plan: a new suggestion needs a new difference from this. */
export interface RebuildDismissal {
  at: string;
  ctl: number;
  weeklyHours: number;
}
