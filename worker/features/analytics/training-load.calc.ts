// What one activity's stored metrics are: its facts, its load and its best efforts, derived from the
// activity row and the thresholds of its day. Pure; the training-load service stores the results.

import type { ActivityStreams } from '../activities';
import { addDays, mondayOf } from '../../lib/dates';
import type { DerivedFacts } from './analytics.types';
import type { CurveKind } from './curves/mean-max.calc';
import type { EffortWrite } from './bests.repo';
import { computeLoad, thresholdHr } from './calc/load.calc';
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

/**
 * True when these written activities may move an estimate point dated after them (ADR 065): one dated before this
 * week's point with efforts a model or a rule reads (a back-filled activity, or one imported late), or one that
 * proves a threshold more than the hysteresis above the estimate in effect on the next Monday (a new best).
 */
export function movesEstimates(
  timeline: ThresholdTimeline,
  rows: { row: MetricSourceRow; facts: DerivedFacts; curves: CurveKind[] }[],
  today: string,
): boolean {
  const thisWeek = mondayOf(today);
  return rows.some(({ row, facts, curves }) => {
    const fresh = estimateThresholds([
      {
        activityId: row.id,
        localDate: row.localDate,
        sport: row.sport,
        distanceM: row.distanceM,
        movingTimeS: row.movingTimeS,
        maxHr: row.maxHr,
        sportInferred: row.sportInferred,
        implausibleEffort: row.implausibleEffort,
        facts,
      },
    ]);
    const modelled = (row.sport === 'ride' && curves.includes('power')) || (row.sport === 'run' && curves.includes('speed'));
    if (row.localDate < thisWeek && (modelled || fresh.length > 0)) return true;
    // Estimates are kept under a manual value too (the settings list and the history show them).
    const next = addDays(mondayOf(row.localDate), 7);
    return fresh.some((e) => {
      const row = (timeline.estimated.get(e.kind) ?? []).filter((r) => r.effectiveFrom <= next).at(-1);
      // A stale estimate is no estimate: the first fresh effort asks for one.
      const current = row && !(row.effectiveUntil && next >= row.effectiveUntil) ? row.value : undefined;
      return current === undefined || e.value > current * (1 + ESTIMATE_HYSTERESIS);
    });
  });
}
