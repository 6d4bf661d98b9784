// What one activity's stored metrics are: its facts, its load and its best efforts, derived from the
// activity row and the thresholds of its day. Pure; the training-load service stores the results.

import type { ActivityStreams } from '../activities';
import type { DerivedFacts, ThresholdKind } from './analytics.types';
import type { EffortWrite } from './bests.repo';
import { computeLoad, type GuessedKinds, thresholdHr } from './calc/load.calc';
import { intrinsicExclusion } from './calc/plausibility.calc';
import { deriveFacts } from './calc/derive-facts.calc';
import { estimateThresholds, type ThresholdTimeline } from './calc/thresholds.calc';
import type { MetricSourceRow } from './training-load.repo';

/** An estimate moves loads only when it moves by more than this: small wobbles do not trigger rebuilds. */
const ESTIMATE_HYSTERESIS = 0.02;
/** Pace at a fixed heart rate is measured at 85 % of threshold HR (an easy, aerobic effort). */
const FIXED_HR_OF_THRESHOLD = 0.85;

export function factsFor(row: MetricSourceRow, streams: ActivityStreams | null, timeline: ThresholdTimeline): DerivedFacts {
  const thr = thresholdHr(timeline.at(row.localDate));
  return deriveFacts(
    { sport: row.sport, movingTimeS: row.movingTimeS, distanceM: row.distanceM, bestEfforts: row.bestEfforts, streams },
    { fixedHr: thr ? Math.round(thr * FIXED_HR_OF_THRESHOLD) : null },
  );
}

/** The load of one activity from the thresholds in effect on its day, bounded by its own efforts. */
export function loadFor(row: MetricSourceRow, facts: DerivedFacts, timeline: ThresholdTimeline) {
  const guessed: GuessedKinds = {};
  for (const [kind, e] of Object.entries(timeline.inEffect(row.localDate))) guessed[kind as ThresholdKind] = e.guess;
  return computeLoad(
    {
      sport: row.sport,
      movingTimeS: row.movingTimeS,
      distanceM: row.distanceM,
      avgHr: row.avgHr,
      avgPower: row.avgPower,
      normalizedPower: row.normalizedPower,
      facts,
      ownBestsTrusted: !row.sportInferred && !row.implausibleEffort,
    },
    timeline.at(row.localDate),
    guessed,
  );
}

/** The efforts to store, each with the reason it is not a best when the effort or its activity rules it out. */
export function effortsOf(row: MetricSourceRow, facts: DerivedFacts): EffortWrite[] {
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

/** True when these new facts would move an estimate by more than the hysteresis. */
export function raisesEstimate(
  timeline: ThresholdTimeline,
  rows: { row: MetricSourceRow; facts: DerivedFacts }[],
  sinceDay: string,
): boolean {
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
