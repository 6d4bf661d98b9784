// Keeps per-activity load and the daily totals in step with the activities table. Called inside the
// activities service's write transaction (under its per-athlete lock), so the totals can never drift
// from the rows they sum; a full rebuild recomputes everything from the stored facts.

import type { Db } from '../../db/client';
import type { Executor } from '../../db/executor';
import type { Clock } from '../../lib/clock';
import { turnTaker } from '../../lib/concurrency';
import { notFound } from '../../lib/errors';
import type { Actor, AuditService } from '../audit';
import type { ActivityChange, ActivitySource, ActivityStreams } from '../activities';
import { activityCurves } from './curves/activity-curves.calc';
import * as curvesRepo from './curves/curves.repo';
import type { ThresholdKind, Units } from './analytics.types';
import * as bestsRepo from './bests.repo';
import { todayIn } from '../../lib/dates';
import { thresholdSeries } from './calc/threshold-series.calc';
import { thresholdTimeline, type ThresholdTimeline } from './calc/thresholds.calc';
import { checkEffectiveFrom, type ThresholdInput, thresholdValue } from './threshold-input';
import * as thresholdsRepo from './thresholds.repo';
import { effortsOf, factsFor, loadFor, movesEstimates } from './training-load.calc';
import * as loadRepo from './training-load.repo';
import type { MetricSourceRow } from './training-load.repo';
import { createRebuildRequests } from './training-load.rebuilds';

/** Samples derived between turns given back to the isolate (tens of milliseconds of CPU). */
const METRIC_TURN_POINTS = 20_000;

/** Derives facts, load and efforts for `rows` and stores them. */
async function storeMetrics(
  tx: Executor,
  userId: string,
  rows: (MetricSourceRow & { source: ActivitySource; streams: ActivityStreams | null })[],
  timeline: ThresholdTimeline,
) {
  // A batch's facts and curves are CPU only (about 6 ms an hour of 1 Hz samples): the isolate gets turns between.
  const take = turnTaker(METRIC_TURN_POINTS);
  const metrics = [];
  for (const row of rows) {
    const facts = factsFor(row, row.streams, timeline);
    const curves = activityCurves(row, row.streams);
    metrics.push({ row, facts, load: loadFor(row, facts, timeline), curves });
    await take((row.streams?.t.length ?? 0) + 1);
  }
  await loadRepo.upsertMetrics(
    tx,
    userId,
    metrics.map((m) => ({ activityId: m.row.id, facts: m.facts, load: m.load })),
  );
  await bestsRepo.replaceEfforts(
    tx,
    userId,
    rows.map((r) => r.id),
    metrics.flatMap((m) => effortsOf(m.row, m.facts)),
  );
  // Duration curves come from the same streams, while they are at hand (ADR 063); months follow in the caller.
  await curvesRepo.replaceActivityCurves(
    tx,
    userId,
    rows.map((r) => r.id),
    metrics.flatMap((m) => m.curves.map((c) => ({ ...c, activityId: m.row.id, source: m.row.source, localDate: m.row.localDate }))),
  );
  return metrics.map((m) => ({ ...m, curves: m.curves.map((c) => c.kind) }));
}

async function recomputeLoads(
  tx: Executor,
  userId: string,
  timeline: ThresholdTimeline,
  fromDay?: string,
  toDay?: string,
): Promise<number> {
  const rows = await loadRepo.withFacts(tx, userId, fromDay, toDay);
  const missing = rows.filter((r) => r.facts === null).map((r) => r.id);
  // Rows that never got facts (written before analytics existed) derive them now, streams included.
  for (let i = 0; i < missing.length; i += 200)
    await storeMetrics(tx, userId, await loadRepo.withStreams(tx, userId, missing.slice(i, i + 200)), timeline);
  if (missing.length > 0)
    await curvesRepo.rebuildMonths(tx, userId, curvesRepo.monthsOf(rows.filter((r) => r.facts === null).map((r) => r.localDate)));
  const withFacts = rows.filter((r) => r.facts !== null);
  await loadRepo.updateLoads(
    tx,
    userId,
    withFacts.map((r) => ({ activityId: r.id, load: loadFor(r, r.facts!, timeline) })),
  );
  return rows.length;
}

/**
 * Replaces the estimated thresholds with the dated series: a point each Monday through the one after `today`, each
 * resting only on efforts before it (ADR 065), from one read of the stored curves and facts.
 */
async function refreshEstimates(tx: Executor, userId: string, today: string): Promise<void> {
  const series = thresholdSeries({ ...(await thresholdsRepo.seriesInputs(tx, userId)), today });
  await thresholdsRepo.replaceEstimates(tx, userId, series.estimates);
}

/** A manual value governs from its date until the next manual value of the same kind. */
async function recomputeRange(tx: Executor, userId: string, kind: ThresholdKind, from: string) {
  const timeline = thresholdTimeline(await thresholdsRepo.thresholds(tx, userId));
  const next = (timeline.manual.get(kind) ?? []).find((r) => r.effectiveFrom > from)?.effectiveFrom;
  const rows = await loadRepo.withFacts(tx, userId, from, next);
  await recomputeLoads(tx, userId, timeline, from, next);
  await loadRepo.refreshDays(tx, userId, [...new Set(rows.map((r) => r.localDate))]);
}

export function createTrainingLoadService(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const today = () => todayIn('UTC', deps.clock.now());

  /**
   * Recomputes estimates, every load and every daily total. `derive` also re-reads every stream (after a
   * change to how facts are derived); without it the stored facts are reused, which keeps it fast.
   */
  async function rebuild(userId: string, opts: { derive?: boolean } = {}): Promise<{ activities: number; durationMs: number }> {
    const started = Date.now();
    const activities = await deps.db.transaction(async (tx) => {
      await loadRepo.lockAthlete(tx, userId);
      if (opts.derive) {
        const ids = (await loadRepo.withFacts(tx, userId)).map((r) => r.id);
        const timeline = thresholdTimeline(await thresholdsRepo.thresholds(tx, userId));
        for (let i = 0; i < ids.length; i += 200)
          await storeMetrics(tx, userId, await loadRepo.withStreams(tx, userId, ids.slice(i, i + 200)), timeline);
      }
      await curvesRepo.rebuildMonths(tx, userId, null);
      await bestsRepo.judgeHistory(tx, userId, null);
      await refreshEstimates(tx, userId, today());
      const n = await recomputeLoads(tx, userId, thresholdTimeline(await thresholdsRepo.thresholds(tx, userId)));
      await loadRepo.refreshDays(tx, userId, null);
      return n;
    });
    return { activities, durationMs: Date.now() - started };
  }

  return {
    /** Applies one activity write. `tx` is the caller's transaction (which holds the athlete's lock). */
    async applyChange(tx: Executor, userId: string, change: ActivityChange): Promise<void> {
      const days = new Set(change.days);
      if (change.writtenIds.length > 0) {
        const timeline = thresholdTimeline(await thresholdsRepo.thresholds(tx, userId));
        const given = change.streams ?? new Map<string, ActivityStreams>();
        const needStored = change.writtenIds.filter((id) => !given.has(id));
        const givenIds = change.writtenIds.filter((id) => given.has(id));
        const all = [
          ...(await loadRepo.withStreams(tx, userId, needStored)),
          ...(await loadRepo.withStreams(tx, userId, givenIds, false)).map((r) => ({ ...r, streams: given.get(r.id) ?? null })),
        ];
        const metrics = await storeMetrics(tx, userId, all, timeline);
        for (const r of all) days.add(r.localDate);
        if (movesEstimates(timeline, metrics, today())) await loadRepo.requestRebuild(tx, userId, 'estimate');
      }
      // Efforts on and after the earliest day touched have a different history now (new, moved, deleted
      // or re-linked activities): re-judge them.
      const earliest = [...days].sort()[0];
      if (earliest) await bestsRepo.judgeHistory(tx, userId, earliest);
      // Only the months of the days touched (before and after a move) are rebuilt from the activities' curves.
      await curvesRepo.rebuildMonths(tx, userId, curvesRepo.monthsOf(days));
      await loadRepo.refreshDays(tx, userId, [...days]);
    },

    rebuild,

    ...createRebuildRequests({ ...deps, rebuild }),

    /** Sets the actor's threshold from a date on (entered in their units) and recomputes the days it governs. */
    async setThreshold(actor: Actor, units: Units, input: ThresholdInput): Promise<void> {
      const value = thresholdValue(input, units);
      checkEffectiveFrom(input.effectiveFrom, today());
      await deps.db.transaction(async (tx) => {
        await loadRepo.lockAthlete(tx, actor.id);
        await thresholdsRepo.setManualThreshold(tx, actor.id, input.kind, value, input.effectiveFrom);
        await recomputeRange(tx, actor.id, input.kind, input.effectiveFrom);
        await deps.audit.record(
          {
            actor,
            action: 'threshold.set',
            target: { type: 'user', id: actor.id },
            payload: { kind: input.kind, effectiveFrom: input.effectiveFrom },
          },
          tx,
        );
      });
    },

    async deleteThreshold(actor: Actor, id: string): Promise<void> {
      await deps.db.transaction(async (tx) => {
        await loadRepo.lockAthlete(tx, actor.id);
        const removed = await thresholdsRepo.deleteManualThreshold(tx, actor.id, id);
        if (!removed) throw notFound('Threshold');
        await recomputeRange(tx, actor.id, removed.kind, removed.effectiveFrom);
        await deps.audit.record(
          {
            actor,
            action: 'threshold.deleted',
            target: { type: 'user', id: actor.id },
            payload: { kind: removed.kind, effectiveFrom: removed.effectiveFrom },
          },
          tx,
        );
      });
    },
  };
}

export type TrainingLoadService = ReturnType<typeof createTrainingLoadService>;
