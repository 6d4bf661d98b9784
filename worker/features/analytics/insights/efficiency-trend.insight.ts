// Aerobic efficiency (metres per heartbeat) on easy runs: first 4 weeks vs last 4 weeks of an 8-week window.
// A fall is reported as information, not a warning: heat, illness and terrain move it too.

import type { EfficiencyPoint, Insight, Receipt } from '../analytics.types';
import { addDays, daysBetween, inRange } from '../../../lib/dates';
import { formatPace } from '../../../lib/format';
import { formatPct, paceSecondsPerUnit } from './format';
import type { InsightInputs } from './insights.types';
import { insightId, insufficient, lsSlope, mean, round } from './insight-helpers';

export const EFFICIENCY_WINDOW_DAYS = 56;
export const EFFICIENCY_HALF_DAYS = 28;
export const EFFICIENCY_MIN_RUNS = 6;
export const EFFICIENCY_MIN_PER_HALF = 2;
/** Below this absolute change (percent) the trend is described as steady. */
export const EFFICIENCY_STEADY_PCT = 1;

const KIND = 'efficiency_trend' as const;
const TITLE = 'Aerobic efficiency';
const UNIT = 'easy runs with heart rate';

export function efficiencyTrendInsight(inputs: InsightInputs): Insight {
  const window = { from: addDays(inputs.today, -(EFFICIENCY_WINDOW_DAYS - 1)), to: inputs.today };
  const secondHalfFrom = addDays(window.from, EFFICIENCY_HALF_DAYS);
  const points = inputs.efficiency.filter(
    (p) => p.sport === 'run' && inRange(p.date, window.from, window.to) && Number.isFinite(p.efficiency) && p.efficiency > 0,
  );
  const first = points.filter((p) => p.date < secondHalfFrom);
  const second = points.filter((p) => p.date >= secondHalfFrom);

  if (points.length < EFFICIENCY_MIN_RUNS || first.length < EFFICIENCY_MIN_PER_HALF || second.length < EFFICIENCY_MIN_PER_HALF) {
    return insufficient({
      kind: KIND,
      title: TITLE,
      window,
      minSample: { required: EFFICIENCY_MIN_RUNS, actual: points.length, unit: UNIT },
      finding:
        `Needs ${EFFICIENCY_MIN_RUNS} easy runs with heart rate in the last 8 weeks, at least ${EFFICIENCY_MIN_PER_HALF} in each 4-week half; ` +
        (points.length === 0 ? 'none so far.' : `${points.length} so far (${first.length} in weeks 1–4, ${second.length} in weeks 5–8).`),
    });
  }

  // Distance and moving time are not on EfficiencyPoint; the matching run receipt supplies them.
  const activityById = new Map<string, { distanceM: number; movingTimeS: number; receipt: Receipt }>();
  for (const r of inputs.runs) activityById.set(r.receipt.activityId, r);
  for (const list of Object.values(inputs.activitiesByDate)) {
    for (const r of list)
      if (!activityById.has(r.activityId))
        activityById.set(r.activityId, { distanceM: r.distanceM, movingTimeS: r.movingTimeS, receipt: r });
  }
  const speedOf = (p: EfficiencyPoint): number | null => {
    if (p.speedMps !== null && p.speedMps > 0) return p.speedMps;
    const run = activityById.get(p.activityId);
    return run && run.movingTimeS > 0 && run.distanceM > 0 ? run.distanceM / run.movingTimeS : null;
  };

  const firstHalfMean = mean(first.map((p) => p.efficiency));
  const secondHalfMean = mean(second.map((p) => p.efficiency));
  const changePct = ((secondHalfMean - firstHalfMean) / firstHalfMean) * 100;
  const slopePerWeek =
    lsSlope(
      points.map((p) => daysBetween(window.from, p.date)),
      points.map((p) => p.efficiency),
    ) * 7;

  const direction = changePct >= EFFICIENCY_STEADY_PCT ? 'rose' : changePct <= -EFFICIENCY_STEADY_PCT ? 'fell' : 'steady';
  const change =
    direction === 'steady'
      ? `held steady (within ${formatPct(EFFICIENCY_STEADY_PCT, 0)})`
      : `${direction} ${formatPct(Math.abs(changePct))}`;

  // Pace and heart rate per half make the abstract m/beat number concrete; omitted when speed is unknown.
  const halfSummary = (half: EfficiencyPoint[]) => {
    const speeds = half.map(speedOf).filter((s): s is number => s !== null);
    return { avgHr: mean(half.map((p) => p.avgHr)), speedMps: speeds.length > 0 ? mean(speeds) : null };
  };
  const a = halfSummary(first);
  const b = halfSummary(second);
  let detail = `${points.length} runs`;
  const paceA = a.speedMps === null ? null : paceSecondsPerUnit(a.speedMps, inputs.units);
  const paceB = b.speedMps === null ? null : paceSecondsPerUnit(b.speedMps, inputs.units);
  if (paceA !== null && paceB !== null) {
    detail +=
      `; ${formatPace(paceA, inputs.units)} at ${Math.round(a.avgHr)} bpm on average in weeks 1–4, ` +
      `${formatPace(paceB, inputs.units)} at ${Math.round(b.avgHr)} bpm in weeks 5–8`;
  }

  const numbers: Record<string, number> = {
    runs: points.length,
    firstHalfMean,
    secondHalfMean,
    changePct,
    slopePerWeek,
    firstHalfAvgHr: a.avgHr,
    secondHalfAvgHr: b.avgHr,
  };
  if (a.speedMps !== null) numbers.firstHalfSpeedMps = a.speedMps;
  if (b.speedMps !== null) numbers.secondHalfSpeedMps = b.speedMps;

  return {
    kind: KIND,
    id: insightId(KIND, window),
    status: 'ok',
    tone: direction === 'rose' ? 'positive' : 'info',
    title: TITLE,
    finding: `Aerobic efficiency on easy runs ${change} over the last 8 weeks (${detail}).`,
    numbers,
    window,
    minSample: { required: EFFICIENCY_MIN_RUNS, actual: points.length, unit: UNIT },
    receipts: points.map((p) => {
      const run = activityById.get(p.activityId);
      const speed = speedOf(p);
      const pace = speed === null ? null : paceSecondsPerUnit(speed, inputs.units);
      return {
        activityId: p.activityId,
        date: p.date,
        name: p.name,
        sport: p.sport,
        distanceM: run?.distanceM ?? 0,
        movingTimeS: run?.movingTimeS ?? 0,
        values: {
          efficiency: round(p.efficiency, 3),
          avgHr: p.avgHr,
          paceS: pace === null ? null : Math.round(pace),
          paceUnit: inputs.units,
        },
      };
    }),
  };
}
