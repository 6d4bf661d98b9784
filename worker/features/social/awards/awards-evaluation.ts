// Re-evaluation and the weekly close (ADR 083 "awards"). When an athlete's training data changes
// (users.analytics_version moves on: an import, a late import, a deletion), the minute cron re-reads their
// history, judges it, and applies `diffAwards`; their open board week is rewritten from the same judgment.
// Ingestion does no extra work: the version bump it already makes is the signal.
import type { AwardReceipts } from '../../../db/schema';
import { localDateOf, mondayOf } from '../../../lib/dates';
import type { Executor } from '../../../db/executor';
import type { Db } from '../../../db/client';
import type { Policy, PolicyRef, Sport } from '../../activities';
import type { Notifier } from '../../notifications';
import { ACHIEVEMENTS, type Award, diffAwards, evaluate } from '../achievements';
import type { HistoryActivity } from '../achievement-rules';
import { rankBoard, weekOf } from '../leaderboard';
import { createAwardsRepo, type HistoryRow, type WeekRow } from './awards.repo';
import { type JudgedRow, judgeStored, loadJudgedHistory } from './judgments';

const TITLES = new Map(ACHIEVEMENTS.map((a) => [a.key, a.title]));

export const WITHDRAWN_REASON = 'Its receipts are no longer in your history: an activity was deleted, linked as a duplicate or excluded.';

/**
 * The owner's own judgment: everything but the provider clause (their Strava API activities are theirs to see),
 * so their own page can show what they earned with them. What others see uses the policy as it is.
 */
export const ownerPolicy = (p: Policy): Policy => ({ ...p, allows: (source, use) => p.allows(source, use === 'social' ? 'owner' : use) });

const toHistory = (j: JudgedRow): HistoryActivity => {
  const r = j.activity.row;
  const doubted = r.dataQuality?.some((n) => n.code === 'implausible_effort') ?? false;
  return {
    id: r.id,
    sport: r.sport,
    startTime: r.startTime,
    elapsedTimeS: r.elapsedTimeS,
    movingTimeS: r.movingTimeS,
    distanceM: r.distanceM,
    multisportGroup: r.multisportGroup,
    // Only the athlete's own mark (ADR 084): a race, and their place if they gave it.
    race: r.race,
    bestEfforts: (r.bestEfforts ?? []).map((b) => ({ distanceM: b.distanceM, elapsedS: b.elapsedS, excluded: doubted })),
    excluded: j.exclusion !== null,
  };
};

const figure = (ids: string[], byId: Map<string, HistoryRow>) => ({
  distanceM: Math.round(ids.reduce((s, id) => s + (byId.get(id)?.distanceM ?? 0), 0)),
  movingS: ids.reduce((s, id) => s + (byId.get(id)?.movingTimeS ?? 0), 0),
});

/** The athlete's rows of one open week, per sport, from the judgment others' boards use. */
export function weekRows(userId: string, zone: string, week: string, judged: readonly JudgedRow[], now: Date): WeekRow[] {
  const inWeek = judged.filter((j) => weekOf(j.activity.startTime, zone) === week);
  const sports = [...new Set(inWeek.map((j) => j.activity.sport))];
  const athletes = [{ id: userId, timeZone: zone }];
  const out: WeekRow[] = [];
  for (const sport of sports as Sport[]) {
    const q = { week, sport, now };
    const [dist] = rankBoard(athletes, inWeek, { ...q, metric: 'distance' });
    const [time] = rankBoard(athletes, inWeek, { ...q, metric: 'moving_time' });
    if (!dist && !time) continue;
    const [days] = rankBoard(athletes, inWeek, { ...q, metric: 'active_days' });
    out.push({
      userId,
      weekStart: week,
      zone,
      sport,
      distanceM: dist?.value ?? 0,
      movingS: time?.value ?? 0,
      activeDays: days?.value ?? 0,
      countedActivityIds: (time ?? dist)!.activityIds,
      excludedCount: inWeek.filter((j) => j.exclusion && j.activity.sport === sport).length,
      final: false,
    });
  }
  return out;
}

export interface EvaluationDeps {
  db: Db;
  policy: PolicyRef;
  notify: Notifier;
  clock: { now(): Date };
}

export function createAwardsEvaluation(deps: EvaluationDeps) {
  /** One athlete: awards re-evaluated and the diff applied, their open board week rewritten. */
  async function reevaluate(userId: string): Promise<{ granted: Award[]; withdrawn: Award[]; moved: Award[]; streamsRead: number }> {
    const now = deps.clock.now();
    const policy = await deps.policy();
    const result = await deps.db.transaction(async (tx: Executor) => {
      const repo = createAwardsRepo(tx);
      const athlete = await repo.athlete(userId);
      if (!athlete) return null;
      const history = await loadJudgedHistory(tx, userId, policy);
      const byId = new Map(history.rows.map((r) => [r.id, r]));
      const own = judgeStored(history, ownerPolicy(policy));
      const shared = judgeStored(history, policy);
      const mine = evaluate({ timeZone: athlete.timeZone, activities: own.map(toHistory) });
      const others = new Map(evaluate({ timeZone: athlete.timeZone, activities: shared.map(toHistory) }).map((a) => [a.key, a]));
      const stored = await repo.awards(userId);
      const previous: Award[] = stored
        .filter((s) => s.withdrawnAt === null)
        .map((s) => ({ key: s.code, points: s.points, receipts: s.receipts.activityIds, earnedAt: new Date(s.earnedAt) }));
      const diff = diffAwards(previous, mine);
      await repo.putAwards(
        userId,
        mine.map((a) => {
          const o = others.get(a.key);
          const receipts: AwardReceipts = {
            activityIds: a.receipts,
            figure: figure(a.receipts, byId),
            shared: o ? { activityIds: o.receipts, earnedAt: o.earnedAt.toISOString() } : null,
          };
          return { code: a.key, earnedAt: a.earnedAt, points: a.points, receipts };
        }),
      );
      await repo.withdraw(
        userId,
        diff.withdrawn.map((a) => a.key),
        WITHDRAWN_REASON,
      );
      const week = weekOf(now, athlete.timeZone);
      await repo.putWeek(userId, week, weekRows(userId, athlete.timeZone, week, shared, now));
      await repo.markEvaluated(userId, athlete.version);
      return { ...diff, streamsRead: history.streamsRead };
    });
    if (!result) return { granted: [], withdrawn: [], moved: [], streamsRead: 0 };
    for (const a of result.granted)
      await deps.notify.notify({
        userId,
        type: 'social.achievement',
        dedupeKey: `social.achievement:${userId}:${a.key}:${a.earnedAt.toISOString()}`,
        data: {
          code: a.key,
          title: TITLES.get(a.key) ?? a.key,
          points: a.points,
          earnedAt: a.earnedAt.toISOString(),
          activityIds: a.receipts.slice(0, 10),
        },
      });
    return result;
  }

  return {
    reevaluate,

    /** The minute cron: athletes whose data changed since they were last evaluated, `limit` at a time. */
    async drain(limit = 25): Promise<number> {
      const stale = await createAwardsRepo(deps.db).stale(limit);
      let failure: unknown = null;
      for (const { id } of stale) {
        try {
          await reevaluate(id);
        } catch (err) {
          // One athlete's failure must not stop the rest; their version stays behind, so the next tick retries.
          failure ??= err;
        }
      }
      if (failure) throw failure;
      return stale.length;
    },

    /** The close: in each zone with open rows, one statement makes final every week that has ended there. */
    async closeWeeks(now: Date = deps.clock.now()): Promise<{ zones: number; closed: number }> {
      const repo = createAwardsRepo(deps.db);
      const zones = await repo.openZones();
      let closed = 0;
      for (const { zone } of zones) closed += await repo.closeZone(zone, mondayOf(localDateOf(now, zone)), now);
      return { zones: zones.length, closed };
    },
  };
}
export type AwardsEvaluation = ReturnType<typeof createAwardsEvaluation>;
