// What the proposal tests share: workout control's world (real Postgres, a clock the test moves, an
// athlete with an active plan on Pro) plus the proposals service, and its kill switch.
import { and, eq, sql } from 'drizzle-orm';
import type { Viewer } from '../../../context';
import { auditLog, planChanges, systemFlags, users } from '../../../db/schema';
import { addDays } from '../../../lib/dates';
import { createAuditService } from '../../audit';
import { analyticsWorld } from '../../../testing/analytics';
import type { Harness } from '../../../testing/harness';
import { membershipOf } from '../../../testing/scenarios';
import { athleteWithPlan, controlWorld } from '../../plans/control/plans-control.testing';
import type { WorkoutRow } from '../../plans/plans.repo';
import type { ProposalAction } from '../coach.types';
import { PROPOSALS_FLAG } from './proposals.repo';
import { createProposalsService } from './proposals.service';

export { athleteWithPlan, complete, refusal, restorable, rows } from '../../plans/control/plans-control.testing';

/**
 * Workout control's world and the proposals service on its clock. `flag.set(false)` throws the kill switch as
 * an operator would (the system_flags row; the test file's database is its own); set it back before the test ends.
 */
export function proposalWorld(h: Harness) {
  const w = controlWorld(h);
  const flag = {
    set: (on: boolean) =>
      h.db
        .insert(systemFlags)
        .values({ key: PROPOSALS_FLAG, value: { enabled: on } })
        .onConflictDoUpdate({ target: systemFlags.key, set: { value: { enabled: on }, updatedAt: new Date() } }),
  };
  const proposals = createProposalsService({
    db: h.db,
    clock: w.clock,
    analytics: analyticsWorld(h.db).analytics,
    membership: membershipOf(h),
    workoutControl: w.control,
    audit: createAuditService(h.db, null),
  });
  return { ...w, proposals, flag };
}
export type ProposalWorld = ReturnType<typeof proposalWorld>;

/** An athlete with an active plan (Pro unless asked), their viewer, and the workouts a proposal may name. */
export async function proposer(h: Harness, w: ProposalWorld, tier: 'free' | 'pro' = 'pro') {
  const x = await athleteWithPlan(h, w, tier);
  const user = (await h.db.select().from(users).where(eq(users.id, x.a.id)))[0]!;
  const viewer: Viewer = { user, sessionId: crypto.randomUUID(), impersonatorId: null };
  // Within the horizon, with something to scale: what the coach would pick.
  const open = x.workouts.filter((r) => r.date >= x.today && r.date <= addDays(x.today, 20) && r.durationSec > 0 && !r.skipped);
  return { ...x, viewer, open };
}

/** Move the first workout a day on (to a day of its own), halve the second, skip the third. */
export function threeActions(open: WorkoutRow[]): ProposalAction[] {
  const [a, b, c] = [open[0]!, open[1]!, open[2]!];
  const taken = new Set(open.map((r) => r.date));
  let day = addDays(a.date, 1);
  while (taken.has(day)) day = addDays(day, 1);
  return [
    { kind: 'move', workoutId: a.id, date: day },
    { kind: 'adjust_load', workoutId: b.id, percent: -50 },
    { kind: 'skip', workoutId: c.id },
  ];
}

export const input = (actions: ProposalAction[]) => ({ actions, reason: 'A lighter week after the race.', riskNotes: ['Keep it easy.'] });
export const noChat = { conversationId: null, messageId: null };

export const changesOf = (h: Harness, planId: string) => h.db.select().from(planChanges).where(eq(planChanges.planId, planId));

export async function auditActions(h: Harness, proposalId: string): Promise<string[]> {
  const rows = await h.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.targetType, 'coach_proposal'), eq(auditLog.targetId, proposalId)))
    .orderBy(auditLog.id);
  return rows.map((r) => r.action);
}

/** Uses up the athlete's `bucket` for the current hour, as earlier changes would have. */
export async function useUpHour(h: Harness, userId: string, bucket: string, now: Date, limit: number) {
  const windowStart = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  await h.db.execute(
    sql`insert into action_counters (user_id, bucket, window_start, count) values (${userId}, ${bucket}, ${windowStart}, ${limit})
        on conflict (user_id, bucket, window_start) do update set count = ${limit}`,
  );
}
