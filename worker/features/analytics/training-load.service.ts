// Keeps per-activity load and the daily totals in step with the activities table. Called inside the
// activities service's write transaction (under its per-athlete lock), so the totals can never drift
// from the rows they sum; a full rebuild recomputes everything from the stored facts.

import type { Db } from '../../db/client';
import type { Executor } from '../../db/executor';
import type { Clock } from '../../lib/clock';
import { AppError, ErrorCode, notFound } from '../../lib/errors';
import type { Actor, AuditService } from '../audit';
import { METRES_PER } from './analytics.present';
import type { ActivityChange, ActivityStreams } from '../activities';
import { createAnalyticsRepo, type AnalyticsRepo, type EffortWrite, type MetricSourceRow } from './analytics.repo';
import type { DerivedFacts, ThresholdKind, Units } from './analytics.types';
import { addDays, todayIn } from '../../lib/dates';
import { computeLoad, thresholdHr } from './calc/load.calc';
import { intrinsicExclusion } from './calc/plausibility.calc';
import { deriveFacts } from './calc/derive-facts.calc';
import { ESTIMATE_WINDOW_DAYS, estimateThresholds, thresholdTimeline, type ThresholdTimeline } from './calc/thresholds.calc';

/** An estimate moves loads only when it moves by more than this: small wobbles do not trigger rebuilds. */
const ESTIMATE_HYSTERESIS = 0.02;
/** Pace at a fixed heart rate is measured at 85 % of threshold HR (an easy, aerobic effort). */
const FIXED_HR_OF_THRESHOLD = 0.85;

function factsFor(row: MetricSourceRow, streams: ActivityStreams | null, timeline: ThresholdTimeline): DerivedFacts {
  const thr = thresholdHr(timeline.at(row.localDate));
  return deriveFacts(
    { sport: row.sport, movingTimeS: row.movingTimeS, distanceM: row.distanceM, bestEfforts: row.bestEfforts, streams },
    { fixedHr: thr ? Math.round(thr * FIXED_HR_OF_THRESHOLD) : null },
  );
}

function loadFor(row: MetricSourceRow, facts: DerivedFacts, timeline: ThresholdTimeline) {
  return computeLoad(
    {
      sport: row.sport,
      movingTimeS: row.movingTimeS,
      distanceM: row.distanceM,
      avgHr: row.avgHr,
      avgPower: row.avgPower,
      normalizedPower: row.normalizedPower,
      facts,
    },
    timeline.at(row.localDate),
  );
}

/** The efforts to store, each with the reason it is not a best when the effort or its activity rules it out. */
function effortsOf(row: MetricSourceRow, facts: DerivedFacts): EffortWrite[] {
  const out: EffortWrite[] = [];
  const judged = (e: Omit<EffortWrite, 'excludedReason' | 'excludedRef'>): EffortWrite => {
    const x = intrinsicExclusion(e.kind, e.key, e.value, row);
    return { ...e, excludedReason: x?.reason ?? null, excludedRef: x?.ref ?? null };
  };
  for (const [key, best] of Object.entries(facts.runBests ?? {}))
    out.push(
      judged({
        activityId: row.id,
        kind: 'run',
        key: Number(key),
        value: best.timeS,
        startOffsetS: best.startOffsetS === null ? null : Math.round(best.startOffsetS),
        origin: best.from,
        localDate: row.localDate,
      }),
    );
  for (const [key, watts] of Object.entries(facts.powerBests ?? {}))
    out.push(
      judged({
        activityId: row.id,
        kind: 'power',
        key: Number(key),
        value: watts,
        startOffsetS: null,
        origin: 'stream',
        localDate: row.localDate,
      }),
    );
  return out;
}

/** Derives facts, load and efforts for `rows` and stores them. */
async function storeMetrics(
  repo: AnalyticsRepo,
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

/** True when these new facts would move an estimate by more than the hysteresis. */
function raisesEstimate(timeline: ThresholdTimeline, rows: { row: MetricSourceRow; facts: DerivedFacts }[], sinceDay: string): boolean {
  const fresh = estimateThresholds(
    rows
      .filter((m) => m.row.localDate >= sinceDay)
      .map((m) => ({
        activityId: m.row.id,
        localDate: m.row.localDate,
        sport: m.row.sport,
        distanceM: m.row.distanceM,
        movingTimeS: m.row.movingTimeS,
        maxHr: m.row.maxHr,
        sportInferred: m.row.sportInferred,
        implausibleEffort: m.row.implausibleEffort,
        facts: m.facts,
      })),
  );
  return fresh.some((e) => {
    const current = timeline.estimated.get(e.kind);
    return current === undefined || e.value > current * (1 + ESTIMATE_HYSTERESIS);
  });
}

// Plausible ranges: a typo (FTP 2500, max HR 25) is refused rather than silently skewing every load.
const RANGES = {
  ftp: [30, 2000, 'W'],
  lthr: [60, 230, 'bpm'],
  max_hr: [80, 240, 'bpm'],
  resting_hr: [25, 120, 'bpm'],
} as const;

/** Converts the entered value to the stored SI value, refusing implausible numbers with a field error. */
const mmss = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;

function thresholdValue(
  body: { kind: keyof typeof RANGES | 'threshold_pace' | 'css'; value?: number | undefined; paceSeconds?: number | undefined },
  units: 'km' | 'mi',
): number {
  const fail = (path: string, message: string) => new AppError(ErrorCode.VALIDATION, message, { fields: [{ path, message }] });
  if (body.kind === 'threshold_pace' || body.kind === 'css') {
    const s = body.paceSeconds;
    if (s === undefined) throw fail('paceSeconds', 'Enter the pace in seconds');
    const [min, max] = body.kind === 'css' ? [50, 300] : units === 'mi' ? [240, 1800] : [150, 1200];
    const per = body.kind === 'css' ? '100 m' : units;
    if (s < min || s > max) throw fail('paceSeconds', `Pace must be between ${mmss(min)} and ${mmss(max)} per ${per}`);
    return body.kind === 'css' ? 100 / s : METRES_PER[units] / s;
  }
  const [min, max, unit] = RANGES[body.kind];
  if (body.value === undefined) throw fail('value', 'Enter a value');
  if (body.value < min || body.value > max) throw fail('value', `Must be between ${min} and ${max} ${unit}`);
  return body.value;
}

export interface ThresholdInput {
  kind: ThresholdKind;
  value?: number | undefined;
  paceSeconds?: number | undefined;
  effectiveFrom: string;
}

/** A threshold may be dated from 1900 up to a year ahead (a planned change); anything else is a typo. */
function checkEffectiveFrom(date: string, today: string): void {
  if (date < '1900-01-01' || date > addDays(today, 366)) {
    const message = 'The date must be between 1900 and a year from today';
    throw new AppError(ErrorCode.VALIDATION, message, { fields: [{ path: 'effectiveFrom', message }] });
  }
}

export function createTrainingLoadService(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const today = () => todayIn('UTC', deps.clock.now());

  async function recomputeLoads(
    repo: AnalyticsRepo,
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

  async function refreshEstimates(repo: AnalyticsRepo, userId: string): Promise<void> {
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
      const repo = createAnalyticsRepo(tx);
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
        const repo = createAnalyticsRepo(tx);
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
      const n = await createAnalyticsRepo(deps.db).requestRebuildForAll('operator');
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
      if (!(await createAnalyticsRepo(deps.db).userExists(userId))) throw notFound('User');
      const result = await this.rebuild(userId, { derive });
      await deps.audit.record({
        actor,
        action: 'analytics.rebuild',
        target: { type: 'user', id: userId },
        payload: { derive, activities: result.activities, durationMs: result.durationMs },
      });
      return result;
    },

    /** Drains pending rebuild requests (estimates moved during ingestion). */
    async drainRebuilds(limit = 20): Promise<number> {
      const pending = await createAnalyticsRepo(deps.db).takeRebuilds(limit);
      for (const p of pending) {
        try {
          await this.rebuild(p.userId);
        } catch (err) {
          await createAnalyticsRepo(deps.db).requestRebuild(p.userId, p.reason);
          throw err;
        }
      }
      return pending.length;
    },

    /** Sets the actor's threshold from a date on (entered in their units) and recomputes the days it governs. */
    async setThreshold(actor: Actor, units: Units, input: ThresholdInput): Promise<void> {
      const value = thresholdValue(input, units);
      checkEffectiveFrom(input.effectiveFrom, today());
      await deps.db.transaction(async (tx) => {
        const repo = createAnalyticsRepo(tx);
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
        const repo = createAnalyticsRepo(tx);
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
  async function recomputeRange(repo: AnalyticsRepo, userId: string, kind: ThresholdKind, from: string) {
    const timeline = thresholdTimeline(await repo.thresholds(userId));
    const next = (timeline.manual.get(kind) ?? []).find((r) => r.effectiveFrom > from)?.effectiveFrom;
    const rows = await repo.withFacts(userId, from, next);
    await recomputeLoads(repo, userId, timeline, from, next);
    await repo.refreshDays(userId, [...new Set(rows.map((r) => r.localDate))]);
  }
}

export type TrainingLoadService = ReturnType<typeof createTrainingLoadService>;
