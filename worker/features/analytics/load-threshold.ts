// The one threshold an activity is read against (issue 55): what its stored load was computed with, and where that
// came from. The activity analysis (load card) and the W′ (D′) balance both read it, so one page never shows two.
import type { StatementExecutor } from '../../db/executor';
import type { ActivitySource, DataUse } from '../activities';
import type { LoadBasis, LoadMethod, DerivedFacts, ThresholdKind } from './analytics.types';
import { createActivityAnalysisRepo } from './activity-analysis.repo';
import { THRESHOLD_KINDS, type ThresholdTimeline, thresholdTimeline } from './calc/thresholds.calc';
import { zoneThreshold } from './streams/zones.calc';
import * as thresholdsRepo from './thresholds.repo';
import { loadFor } from './training-load.calc';
import * as loadRepo from './training-load.repo';
import type { MetricSourceRow } from './training-load.repo';

export interface ResolvedThreshold {
  basis: LoadBasis;
  /** The athlete's value, a fresh estimate, or (none in effect) the activity's own effort. */
  source: 'manual' | 'estimated' | 'activity';
  effectiveFrom: string;
}

/** The threshold the stored load used: the same pure computation the write side ran (ADR 007, ADR 065). */
export function resolveLoadThreshold(
  row: MetricSourceRow | undefined,
  facts: DerivedFacts,
  storedMethod: LoadMethod,
  timeline: ThresholdTimeline,
): ResolvedThreshold | null {
  if (!row) return null;
  const fresh = loadFor(row, facts, timeline);
  const basis = fresh.method === storedMethod ? fresh.basis : undefined;
  if (!basis) return null;
  if (basis.inEffect === null) return { basis, source: 'activity', effectiveFrom: row.localDate };
  const provenance = timeline.inEffect(row.localDate)[basis.kind];
  return provenance ? { basis, source: provenance.source, effectiveFrom: provenance.effectiveFrom } : null;
}

/**
 * The thresholds a reader sees (ADR 061): the owner all of them; anyone else (their coach) the athlete's own values
 * and the estimates whose activity the policy lets them see, so one timeline serves the load card, zones and W′.
 */
export async function thresholdsSeenBy(
  db: StatementExecutor,
  userId: string,
  use: DataUse,
  sourcesFor: (use: DataUse) => Promise<ActivitySource[]>,
) {
  return use === 'owner' ? thresholdsRepo.thresholds(db, userId) : thresholdsRepo.thresholds(db, userId, await sourcesFor(use));
}

/** The threshold one of the athlete's activities was scored with, or null (not theirs, no threshold read). */
export async function loadThresholdOf(
  db: StatementExecutor,
  userId: string,
  activityId: string,
  rowsRead: Promise<thresholdsRepo.ThresholdRows> = thresholdsRepo.thresholds(db, userId),
): Promise<ResolvedThreshold | null> {
  const [metrics, rows, [row]] = await Promise.all([
    createActivityAnalysisRepo(db).metricsOf(userId, activityId),
    rowsRead,
    loadRepo.withStreams(db, userId, [activityId], false),
  ]);
  if (!metrics) return null;
  return resolveLoadThreshold(row, metrics.facts, metrics.loadMethod, thresholdTimeline(rows));
}

/** The basis the activity's load reads now (the load's own computation); undefined without metrics. */
export function activityLoadBasis(row: MetricSourceRow | undefined, facts: DerivedFacts | undefined, timeline: ThresholdTimeline) {
  return row && facts ? loadFor(row, facts, timeline).basis : undefined;
}

/**
 * Every threshold one activity is read against, by kind (stored units): the day's, with the one its load raised
 * (or took from the activity) in its place. Its zones and its step targets both read these (issue 55), so one page
 * shows one scale.
 */
export function activityThresholds(timeline: ThresholdTimeline, day: string, basis: LoadBasis | undefined) {
  const inEffect = timeline.inEffect(day);
  const out: Partial<Record<ThresholdKind, number>> = {};
  for (const kind of THRESHOLD_KINDS) {
    const used = zoneThreshold(inEffect, basis, kind, day);
    if (used) out[kind] = used.value;
  }
  return out;
}
