import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../db/executor';
import { activities, athleteThresholds } from '../../db/schema';
import type { ActivitySource } from '../activities';
import { canonical, num, numOrNull, rowsOf, sourceFlags } from './analytics-shared.repo';
import type { DerivedFacts, ThresholdKind } from './analytics.types';
import type { ThresholdRow } from './calc/thresholds.calc';

/** The athlete's dated thresholds: manual history, estimates and what estimates are computed from. */

export type ThresholdRows = (ThresholdRow & { id: string; activityId: string | null; note: string | null })[];

export async function thresholds(db: StatementExecutor, userId: string, sources?: readonly ActivitySource[]): Promise<ThresholdRows> {
  // With `sources` (a reader other than the owner): the athlete's own values, and estimates only when the
  // activity behind them is one those sources allow; an estimate whose activity is gone shows nothing.
  const seen = sources
    ? sql`(${athleteThresholds.source} = 'manual' or exists (select 1 from ${activities} where ${activities.id} = ${athleteThresholds.activityId} and ${inArray(activities.source, [...sources])}))`
    : undefined;
  return db
    .select({
      id: athleteThresholds.id,
      kind: athleteThresholds.kind,
      value: athleteThresholds.value,
      effectiveFrom: athleteThresholds.effectiveFrom,
      effectiveUntil: athleteThresholds.effectiveUntil,
      source: athleteThresholds.source,
      activityId: athleteThresholds.activityId,
      note: athleteThresholds.note,
    })
    .from(athleteThresholds)
    .where(and(eq(athleteThresholds.userId, userId), seen));
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
  estimates: {
    kind: ThresholdKind;
    value: number;
    activityId: string;
    note: string;
    effectiveFrom: string;
    effectiveUntil: string | null;
  }[],
): Promise<void> {
  await db.delete(athleteThresholds).where(and(eq(athleteThresholds.userId, userId), eq(athleteThresholds.source, 'estimated')));
  if (estimates.length > 0)
    await db.insert(athleteThresholds).values(estimates.map((e) => ({ userId, source: 'estimated' as const, ...e })));
}

/** Canonical activities, of `sources` when a read is limited to what a data use allows (the stored series reads all). */
const only = (sources?: ActivitySource[]) => (sources ? canonical(sources) : sql`a.duplicate_of is null`);

/** Facts of the athlete's activities (from `sinceDay` when given): the inputs of the best-effort estimates. */
export async function estimateCandidates(
  db: StatementExecutor,
  userId: string,
  sinceDay: string | null = null,
  sources?: ActivitySource[],
) {
  const rows = await rowsOf<Record<string, unknown>>(
    db.execute(sql`
      select a.id, a.local_start_date::text as local_date, a.sport, a.distance_m, a.moving_time_s, a.max_hr, ${sourceFlags}, m.facts
      from activities a join activity_metrics m on m.activity_id = a.id
      where a.user_id = ${userId} and ${only(sources)} ${sinceDay ? sql`and a.local_start_date >= ${sinceDay}` : sql``}`),
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

/**
 * Everything the dated series reads, in three statements: the first day, the facts, and the canonical rides' power
 * curves and runs' speed curves.
 */
export async function seriesInputs(db: StatementExecutor, userId: string, sources?: ActivitySource[]) {
  // One after another: inside a transaction they share one connection anyway.
  const first = await rowsOf<{ d: string | null }>(
    db.execute(sql`select min(a.local_start_date)::text as d from activities a where a.user_id = ${userId} and ${only(sources)}`),
  );
  const candidates = await estimateCandidates(db, userId, null, sources);
  const curves = await rowsOf<{
    activity_id: string;
    local_date: string;
    kind: string;
    values: (number | null)[];
    starts: (number | null)[];
  }>(
    db.execute(sql`
        select c.activity_id, c.local_date::text as local_date, c.kind, c."values", c.starts
        from activity_curves c join activities a on a.id = c.activity_id
        where c.user_id = ${userId} and ${only(sources)}
          and ((c.kind = 'power' and c.sport = 'ride') or (c.kind = 'speed' and c.sport = 'run'))`),
  );
  const of = (kind: string) =>
    curves
      .filter((c) => c.kind === kind)
      .map((c) => ({ activityId: c.activity_id, localDate: c.local_date, values: c.values, starts: c.starts }));
  return { firstDay: first[0]?.d ?? null, candidates, power: of('power'), speed: of('speed') };
}
