// Reads for the dashboard and the API. Everything is computed from the daily totals, the efforts table
// and per-activity metrics, scoped to one athlete and to the sources the data use allows. Each read
// model has its own service and repo; this facade gives callers the one object they always had.

import { createActivityAnalysisService } from './activity-analysis.service';
import { createReadContext, type ReadDeps } from './analytics-shared';
import { createBestsService } from './bests.service';
import { createEfficiencyService } from './efficiency.service';
import { createFitnessService } from './fitness.service';
import { createInsightsService } from './insights.service';
import { createThresholdsService } from './thresholds.service';
import { createVolumeService } from './volume.service';
import { createActivityStreamsService } from './streams';
import { createCurvesService } from './curves/curves.service';
import { createActivityCurveService } from './curves/activity-curve.service';
import { createTrendsService } from './trends/trends.service';
import { createModelHistoryService } from './curves/model-history.service';
import { createEngineFactsService } from './engine-facts.service';
import { createRaceLegsService } from './race-legs.service';

export function createAnalyticsService(deps: ReadDeps) {
  const ctx = createReadContext(deps);
  const fitness = createFitnessService(ctx);
  const volume = createVolumeService(ctx);
  const efficiency = createEfficiencyService(ctx);
  const bests = createBestsService(ctx);
  const { insights } = createInsightsService(ctx, { fitness, volume, efficiency, bests });
  const { thresholds } = createThresholdsService(ctx);
  const { activityAnalysis } = createActivityAnalysisService(ctx);
  const { activityStreams, activityStreamsRange } = createActivityStreamsService(ctx);
  const curves = createCurvesService(ctx);
  const activityCurves = createActivityCurveService(ctx, curves);
  const trends = createTrendsService(ctx, { efficiency });
  const { modelHistory } = createModelHistoryService(ctx);
  const { engineFacts, settling } = createEngineFactsService(ctx, { efficiency });
  const raceLegs = createRaceLegsService(ctx);

  return {
    fitness: fitness.fitness,
    weeks: volume.weeks,
    today: ctx.today,
    cached: ctx.cached,
    /** The sources a use may read under this unit of work's policy. */
    sourcesFor: ctx.sourcesFor,
    policy: ctx.policy,
    fitnessTimeline: fitness.fitnessTimeline,
    currentFormOfMany: fitness.currentFormOfMany,
    sportDistribution: volume.sportDistribution,
    heatmap: volume.heatmap,
    personalBests: bests.personalBests,
    runBestsBetween: bests.runBestsBetween,
    ageGrades: bests.ageGrades,
    efficiency: efficiency.efficiency,
    insights,
    thresholds,
    activityAnalysis,
    activityStreams,
    activityStreamsRange,
    exportRows: volume.exportRows,
    curve: curves.curve,
    models: curves.models,
    activityCurve: activityCurves.activityCurve,
    activityBalance: activityCurves.activityBalance,
    zoneWeeks: trends.zoneWeeks,
    efficiencyMonths: trends.efficiencyMonths,
    modelHistory,
    /** The N=1 engine's read of training (wellness feature, issue 40). */
    engineFacts,
    /** Whether a rebuild of the athlete's figures is queued (the engine says "updating" meanwhile). */
    settling,
    /** A triathlon's inputs (races feature): thresholds in effect with their dates, rides and runs with times. */
    thresholdsOn: raceLegs.thresholdsOn,
    sessionsBetween: raceLegs.sessionsBetween,
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
