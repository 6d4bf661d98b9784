// Keeps per-activity load and the daily totals in step with the activities table. Called inside the
// activities service's write transaction (under its per-athlete lock), so the totals can never drift
// from the rows they sum; a full rebuild recomputes everything from the stored facts.

import type { Db } from '../../db/client';
import type { Executor } from '../../db/executor';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import type { Actor, AuditService } from '../audit';
import type { ActivityChange, ActivityStreams } from '../activities';
import type { ThresholdKind, Units } from './analytics.types';
import { createBestsRepo } from './bests.repo';
import { addDays, todayIn } from '../../lib/dates';
import { ESTIMATE_WINDOW_DAYS, estimateThresholds, thresholdTimeline, type ThresholdTimeline } from './calc/thresholds.calc';
import { checkEffectiveFrom, type ThresholdInput, thresholdValue } from './threshold-input';
import { createThresholdsRepo } from './thresholds.repo';
import { effortsOf, factsFor, loadFor, raisesEstimate } from './training-load.calc';
import { createTrainingLoadRepo, type MetricSourceRow } from './training-load.repo';

/** The writes touch metrics, efforts, thresholds and daily totals in one transaction, through one repo. */
const repoOf = (db: Executor) => ({ ...createTrainingLoadRepo(db), ...createThresholdsRepo(db), ...createBestsRepo(db) });
type Repo = ReturnType<typeof repoOf>;

/** Derives facts, load and efforts for `rows` and stores them. */
async function storeMetrics(
  repo: Repo,
  userId: string,
  rows: (MetricSourceRow & { streams: ActivityStreams | null })[],
  timeline: ThresholdTimeline,
) {
  const metrics = rows.map((row) => {
    const facts = factsFor(row, row.streams, timeline);
    return { row, facts, load: loadFor(row, facts, timeline) };
  });
  await repo.upsertMetrics(
    userId,
    metrics.map((m) => ({ activityId: m.row.id, facts: m.facts, load: m.load })),
  );
  await repo.replaceEfforts(
    userId,
    rows.map((r) => r.id),
    metrics.flatMap((m) => effortsOf(m.row, m.facts)),
  );
  return metrics;
}

export function createTrainingLoadService(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const today = () => todayIn('UTC', deps.clock.now());

  async function recomputeLoads(
    repo: Repo,
    userId: string,
    timeline: ThresholdTimeline,
    fromDay?: string,
    toDay?: string,
  ): Promise<number> {
    const rows = await repo.withFacts(userId, fromDay, toDay);
    const missing = rows.filter((r) => r.facts === null).map((r) => r.id);
    // Rows that never got facts (written before analytics existed) derive them now, streams included.
    for (let i = 0; i < missing.length; i += 200)
      await storeMetrics(repo, userId, await repo.withStreams(userId, missing.slice(i, i + 200)), timeline);
    const withFacts = rows.filter((r) => r.facts !== null);
    await repo.updateLoads(
      userId,
      withFacts.map((r) => ({ activityId: r.id, load: loadFor(r, r.facts!, timeline) })),
    );
    return rows.length;
  }

  async function refreshEstimates(repo: Repo, userId: string): Promise<void> {
    const since = addDays(today(), -ESTIMATE_WINDOW_DAYS);
    const estimates = estimateThresholds(await repo.estimateCandidates(userId, since));
    await repo.replaceEstimates(
      userId,
      estimates.map((e) => ({ ...e, effectiveFrom: since })),
    );
  }

  return {
    /** Applies one activity write. `tx` is the caller's transaction (which holds the athlete's lock). */
    async applyChange(tx: Executor, userId: string, change: ActivityChange): Promise<void> {
      const repo = repoOf(tx);
      const days = new Set(change.days);
      if (change.writtenIds.length > 0) {
        const timeline = thresholdTimeline(await repo.thresholds(userId));
        const given = change.streams ?? new Map<string, ActivityStreams>();
        const needStored = change.writtenIds.filter((id) => !given.has(id));
        const givenIds = change.writtenIds.filter((id) => given.has(id));
        const all = [
          ...(await repo.withStreams(userId, needStored)),
          ...(await repo.withStreams(userId, givenIds, false)).map((r) => ({ ...r, streams: given.get(r.id) ?? null })),
        ];
        const metrics = await storeMetrics(repo, userId, all, timeline);
        for (const r of all) days.add(r.localDate);
        if (raisesEstimate(timeline, metrics, addDays(today(), -ESTIMATE_WINDOW_DAYS))) await repo.requestRebuild(userId, 'estimate');
      }
      // Efforts on and after the earliest day touched have a different history now (new, moved, deleted
      // or re-linked activities): re-judge them.
      const earliest = [...days].sort()[0];
      if (earliest) await repo.judgeHistory(userId, earliest);
      await repo.refreshDays(userId, [...days]);
    },

    /**
     * Recomputes estimates, every load and every daily total. `derive` also re-reads every stream (after a
     * change to how facts are derived); without it the stored facts are reused, which keeps it fast.
     */
    async rebuild(userId: string, opts: { derive?: boolean } = {}): Promise<{ activities: number; durationMs: number }> {
      const started = Date.now();
      const activities = await deps.db.transaction(async (tx) => {
        const repo = repoOf(tx);
        await repo.lockAthlete(userId);
        if (opts.derive) {
          const ids = (await repo.withFacts(userId)).map((r) => r.id);
          const timeline = thresholdTimeline(await repo.thresholds(userId));
          for (let i = 0; i < ids.length; i += 200)
            await storeMetrics(repo, userId, await repo.withStreams(userId, ids.slice(i, i + 200)), timeline);
        }
        await repo.judgeHistory(userId, null);
        await refreshEstimates(repo, userId);
        const n = await recomputeLoads(repo, userId, thresholdTimeline(await repo.thresholds(userId)));
        await repo.refreshDays(userId, null);
        return n;
      });
      return { activities, durationMs: Date.now() - started };
    },

    /** Queues a rebuild of every athlete (after a change to load rules); the cron drains 20 a minute. */
    async requestRebuildForAll(actor: Actor): Promise<number> {
      const n = await repoOf(deps.db).requestRebuildForAll('operator');
      await deps.audit.record({
        actor,
        action: 'analytics.rebuild_all',
        target: { type: 'system', id: 'analytics' },
        payload: { queued: n },
      });
      return n;
    },

    /** Rebuilds one athlete now, for an operator; audited. */
    async rebuildFor(actor: Actor, userId: string, derive: boolean) {
      if (!(await repoOf(deps.db).userExists(userId))) throw notFound('User');
      const result = await this.rebuild(userId, { derive });
      await deps.audit.record({
        actor,
        action: 'analytics.rebuild',
        target: { type: 'user', id: userId },
        payload: { derive, activities: result.activities, durationMs: result.durationMs },
      });
      return result;
    },

    /**
     * Drains pending rebuild requests (estimates moved during ingestion). `onRebuilt` hears of each athlete
     * rebuilt, after the rebuild committed (the load warnings look at the new numbers).
     */
    async drainRebuilds(limit = 20, onRebuilt?: (userId: string, reason: string) => Promise<void>): Promise<number> {
      const pending = await repoOf(deps.db).takeRebuilds(limit);
      // The claimed rows are gone: one athlete's failure must not lose the others', so it is asked again and
      // the rest still run; the first error is raised at the end for the cron's log.
      let failure: unknown = null;
      for (const p of pending) {
        try {
          await this.rebuild(p.userId);
        } catch (err) {
          await repoOf(deps.db).requestRebuild(p.userId, p.reason);
          failure ??= err;
          continue;
        }
        await onRebuilt?.(p.userId, p.reason);
      }
      if (failure) throw failure;
      return pending.length;
    },

    /**
     * Runs this athlete's pending rebuild now, if ingestion asked for one, instead of within the minute: what
     * is told after an import must be the numbers the dashboard will show. Answers whether one ran.
     */
    async settle(userId: string): Promise<boolean> {
      const taken = await repoOf(deps.db).takeRebuildOf(userId);
      if (!taken) return false;
      try {
        await this.rebuild(userId);
      } catch (err) {
        await repoOf(deps.db).requestRebuild(userId, taken.reason);
        throw err;
      }
      return true;
    },

    /** Sets the actor's threshold from a date on (entered in their units) and recomputes the days it governs. */
    async setThreshold(actor: Actor, units: Units, input: ThresholdInput): Promise<void> {
      const value = thresholdValue(input, units);
      checkEffectiveFrom(input.effectiveFrom, today());
      await deps.db.transaction(async (tx) => {
        const repo = repoOf(tx);
        await repo.lockAthlete(actor.id);
        await repo.setManualThreshold(actor.id, input.kind, value, input.effectiveFrom);
        await recomputeRange(repo, actor.id, input.kind, input.effectiveFrom);
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
        const repo = repoOf(tx);
        await repo.lockAthlete(actor.id);
        const removed = await repo.deleteManualThreshold(actor.id, id);
        if (!removed) throw notFound('Threshold');
        await recomputeRange(repo, actor.id, removed.kind, removed.effectiveFrom);
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

  /** A manual value governs from its date until the next manual value of the same kind. */
  async function recomputeRange(repo: Repo, userId: string, kind: ThresholdKind, from: string) {
    const timeline = thresholdTimeline(await repo.thresholds(userId));
    const next = (timeline.manual.get(kind) ?? []).find((r) => r.effectiveFrom > from)?.effectiveFrom;
    const rows = await repo.withFacts(userId, from, next);
    await recomputeLoads(repo, userId, timeline, from, next);
    await repo.refreshDays(userId, [...new Set(rows.map((r) => r.localDate))]);
  }
}

export type TrainingLoadService = ReturnType<typeof createTrainingLoadService>;
