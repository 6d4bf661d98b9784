// One activity seen from analytics: how its load was computed, the thresholds used, the bests it holds
// and the bests that were measured but not counted.

import { METRES_PER_UNIT } from '../../lib/format';
import type { DataUse } from '../activities';
import { type Athlete, type ReadContext, RUN_DISTANCE_LABELS } from './analytics-shared';
import { createReceiptsRepo } from './analytics-shared.repo';
import type { EffortExclusion, LoadMethod, ThresholdKind } from './analytics.types';
import { createActivityAnalysisRepo } from './activity-analysis.repo';
import { exclusionMessage } from './calc/plausibility.calc';
import { thresholdTimeline } from './calc/thresholds.calc';
import { activityLoadBasis, activityThresholds, resolveLoadThreshold, thresholdsSeenBy } from './load-threshold';
import * as loadRepo from './training-load.repo';

/** The thresholds each load method reads (hrTSS falls back to 89 % of max HR and 60 bpm resting when unset). */
const KINDS_BY_METHOD: Record<LoadMethod, ThresholdKind[]> = {
  power_tss: ['ftp'],
  rtss: ['threshold_pace'],
  swim_tss: ['css'],
  hr_tss: ['max_hr', 'lthr', 'resting_hr'],
  duration_estimate: [],
};

/** "5-s", "1-min", "20-min": power durations as adjectives, for exclusion sentences. */
const powerLabel = (s: number) => (s < 60 ? `${s}-s` : `${Math.round(s / 60)}-min`);

export function createActivityAnalysisService(ctx: ReadContext) {
  return {
    /** How one activity's load was computed and the bests it holds; undefined when it is not the athlete's. */
    async activityAnalysis(a: Athlete, activityId: string, use: DataUse = 'owner') {
      const r = createActivityAnalysisRepo(ctx.db);
      const [metrics, efforts, thresholds] = await Promise.all([
        r.metricsOf(a.id, activityId),
        r.effortsOf(a.id, activityId),
        thresholdsSeenBy(ctx.db, a.id, use, ctx.sourcesFor),
      ]);
      if (!metrics) return undefined;
      const [[row], [source]] = await Promise.all([
        createReceiptsRepo(ctx.db).receiptsByIds(a.id, [activityId]),
        loadRepo.withStreams(ctx.db, a.id, [activityId], false),
      ]);
      const timeline = thresholdTimeline(thresholds);
      const used = row ? timeline.at(row.date) : {};
      // The threshold the stored load was computed with, where it came from and why it may differ from the
      // one in effect: the same pure computation the write side ran (ADR 007, "Thresholds by date").
      // The W′ balance reads the same one (load-threshold.ts): one threshold per activity.
      const resolved = resolveLoadThreshold(source, metrics.facts, metrics.loadMethod, timeline);
      const counted = efforts.filter((e) => e.excludedReason === null);
      // One line per best that was measured but not counted, and why (ADR 007, "Implausible bests").
      const exclusions: {
        kind: 'run' | 'power' | 'stream';
        key: number | null;
        reason: EffortExclusion | 'stream_distance_mismatch';
        message: string;
      }[] = efforts
        .filter((e) => e.excludedReason !== null)
        .sort((x, y) => x.kind.localeCompare(y.kind) || x.key - y.key)
        .map((e) => ({
          kind: e.kind,
          key: e.key,
          reason: e.excludedReason!,
          message: exclusionMessage({
            kind: e.kind,
            label: e.kind === 'run' ? (RUN_DISTANCE_LABELS[e.key] ?? `${e.key} m`) : powerLabel(e.key),
            value: e.value,
            reason: e.excludedReason!,
            ref: e.excludedRef,
          }),
        }));
      const mismatch = metrics.facts.streamDistanceMismatch;
      if (mismatch) {
        const unit = METRES_PER_UNIT[a.units];
        const d = (m: number) => `${(m / unit).toFixed(2)} ${a.units}`;
        exclusions.unshift({
          kind: 'stream',
          key: null,
          reason: 'stream_distance_mismatch',
          message: `Bests within this run not measured: its speed data adds up to ${d(mismatch.streamM)}, the activity to ${d(mismatch.activityM)}.`,
        });
      }
      return {
        usedKinds: KINDS_BY_METHOD[metrics.loadMethod],
        load: metrics.load,
        method: metrics.loadMethod,
        intensity: metrics.intensity,
        confidence: metrics.confidence,
        thresholdsUsed: used,
        // What the activity is read against, the load's raise included: the zones card's scale, for the step table.
        thresholdsRead: row ? activityThresholds(timeline, row.date, activityLoadBasis(source, metrics.facts, timeline)) : {},
        // With no threshold in effect the activity's own effort served: its source is the activity, dated its day.
        loadBasis: resolved
          ? {
              ...resolved.basis,
              source: resolved.source,
              effectiveFrom: resolved.effectiveFrom,
              best20minW: metrics.facts.powerBests?.[1200] ?? null,
            }
          : null,
        facts: metrics.facts,
        exclusions,
        runBests: counted
          .filter((e) => e.kind === 'run')
          .map((e) => ({
            distanceM: e.key,
            label: RUN_DISTANCE_LABELS[e.key] ?? `${e.key} m`,
            timeS: e.value,
            origin: e.origin,
            ageGradePct: row ? ctx.gradeFor(a, e.key, e.value, row.date) : null,
          }))
          .sort((x, y) => x.distanceM - y.distanceM),
        powerBests: counted
          .filter((e) => e.kind === 'power')
          .map((e) => ({ durationS: e.key, watts: Math.round(e.value) }))
          .sort((x, y) => x.durationS - y.durationS),
      };
    },
  };
}
