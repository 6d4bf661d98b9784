import type { Executor } from '../../../db/executor';
import type { NotificationData } from '../notification-types';
import { createWorkoutReminderRepo, reminderKey } from './workout-reminder.repo';

/**
 * How late a reminder may still go: the minute cron's missed or slow ticks are caught up, a reminder older than
 * this is stale and left (ADR 079). Each run looks back this far; the dedupe key makes the overlap harmless.
 */
export const REMINDER_CATCH_UP_MS = 30 * 60_000;

/**
 * The minute tick of the daily workout reminder: one query finds every athlete due, each becomes a
 * `workout.reminder` trigger keyed by athlete and local day, so a run twice, late or concurrent tells once.
 */
export function createWorkoutReminders(deps: {
  db: Executor;
  /** The service's `notifyMany` (the notify queue in batches). */
  notifyMany(
    inputs: { userId: string; type: 'workout.reminder'; dedupeKey: string; data: NotificationData<'workout.reminder'> }[],
  ): Promise<void>;
}) {
  const repo = createWorkoutReminderRepo(deps.db);
  return {
    async run(now: Date): Promise<{ due: number }> {
      const due = await repo.due(new Date(now.getTime() - REMINDER_CATCH_UP_MS), now);
      await deps.notifyMany(
        due.map((r) => ({
          userId: r.userId,
          type: 'workout.reminder' as const,
          dedupeKey: reminderKey(r.userId, r.date),
          data: {
            date: r.date,
            workoutId: r.workoutId,
            title: r.title.slice(0, 200),
            durationS: Math.max(0, Math.round(r.durationS)),
            count: r.count,
            endsAt: r.endsAt.toISOString(),
          },
        })),
      );
      return { due: due.length };
    },
  };
}
