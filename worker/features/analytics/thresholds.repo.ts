import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { athleteThresholds } from '../../db/schema';
import { num, numOrNull, rowsOf, sourceFlags } from './analytics-shared.repo';
import type { DerivedFacts, ThresholdKind } from './analytics.types';
import type { ThresholdRow } from './calc/thresholds.calc';

/** The athlete's dated thresholds: manual history, estimates and what estimates are computed from. */

export async function thresholds(
  db: Executor,
  userId: string,
): Promise<(ThresholdRow & { id: string; activityId: string | null; note: string | null })[]> {
  return db
    .select({
      id: athleteThresholds.id,
      kind: athleteThresholds.kind,
      value: athleteThresholds.value,
      effectiveFrom: athleteThresholds.effectiveFrom,
      source: athleteThresholds.source,
      activityId: athleteThresholds.activityId,
      note: athleteThresholds.note,
    })
    .from(athleteThresholds)
    .where(eq(athleteThresholds.userId, userId));
}

export async function setManualThreshold(
  db: Executor,
  userId: string,
  kind: ThresholdKind,
  value: number,
  effectiveFrom: string,
): Promise<void> {
  await db
    .insert(athleteThresholds)
    .values({ userId, kind, value, effectiveFrom, source: 'manual' })
    .onConflictDoUpdate({
      target: [athleteThresholds.userId, athleteThresholds.kind, athleteThresholds.source, athleteThresholds.effectiveFrom],
      set: { value, createdAt: sql`now()` },
    });
}

export async function deleteManualThreshold(
  db: Executor,
  userId: string,
  id: string,
): Promise<{ kind: ThresholdKind; effectiveFrom: string } | undefined> {
  const [row] = await db
    .delete(athleteThresholds)
    .where(and(eq(athleteThresholds.userId, userId), eq(athleteThresholds.id, id), eq(athleteThresholds.source, 'manual')))
    .returning({ kind: athleteThresholds.kind, effectiveFrom: athleteThresholds.effectiveFrom });
  return row;
}

export async function replaceEstimates(
  db: Executor,
  userId: string,
  estimates: { kind: ThresholdKind; value: number; activityId: string; note: string; effectiveFrom: string }[],
): Promise<void> {
  await db.delete(athleteThresholds).where(and(eq(athleteThresholds.userId, userId), eq(athleteThresholds.source, 'estimated')));
  if (estimates.length > 0)
    await db.insert(athleteThresholds).values(estimates.map((e) => ({ userId, source: 'estimated' as const, ...e })));
}

/** Facts of the last year's activities: the inputs of threshold estimates. */
export async function estimateCandidates(db: Executor, userId: string, sinceDay: string) {
  const rows = await rowsOf<Record<string, unknown>>(
    db.execute(sql`
      select a.id, a.local_start_date::text as local_date, a.sport, a.distance_m, a.moving_time_s, a.max_hr, ${sourceFlags}, m.facts
      from activities a join activity_metrics m on m.activity_id = a.id
      where a.user_id = ${userId} and a.duplicate_of is null and a.local_start_date >= ${sinceDay}`),
  );
  return rows.map((r) => ({
    activityId: String(r.id),
    localDate: String(r.local_date),
    sport: String(r.sport),
    distanceM: num(r.distance_m),
    movingTimeS: num(r.moving_time_s),
    maxHr: numOrNull(r.max_hr),
    sportInferred: r.sport_inferred === true,
    implausibleEffort: r.implausible_effort === true,
    facts: r.facts as DerivedFacts,
  }));
}
