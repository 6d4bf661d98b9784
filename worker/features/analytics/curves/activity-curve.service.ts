// The activity page's curve card and W′ balance chart: the activity's own curve against the best of its season
// (the calendar year of its day, with receipts), and W′ (D′) balance across it under the model in effect that day
// (fitted on the MODEL_DAYS days ending on the activity's day, the activity included, never a day after it).
import { addDays } from '../../../lib/dates';
import type { Athlete, ReadContext } from '../analytics-shared';
import type { DataUse } from '../../activities';
import { loadThresholdOf, thresholdsSeenBy } from '../load-threshold';
import { zeroed } from '../calc/stream-grid.calc';
import { streamsOf } from '../streams/activity-streams.repo';
import { effortGrids } from '../streams/activity-track.calc';
import { lttbIndices } from '../streams/lttb.calc';
import { type CurveSport, curveSportOf, KINDS_OF } from './activity-curves.calc';
import { activityCurveOf } from './activity-curve.repo';
import { type CurvesService, MODEL_DAYS } from './curves.service';
import { CURVE_DURATIONS, type CurveKind } from './mean-max.calc';
import { reserveBalance } from './w-prime-balance.calc';

/** The model's form, said on every answer so the chart can name it. */
export const BALANCE_FORM = {
  ride: 'Skiba 2015 differential form: below CP, W′bal recovers at (CP − P)(W′ − W′bal)/W′ per second; above CP it falls by P − CP',
  run: 'Skiba 2015 differential form with speed for power: below CS, D′bal recovers at (CS − v)(D′ − D′bal)/D′ per second; above CS it falls by v − CS (recorded speed, as the curve CS is fitted on; not grade-adjusted)',
} as const;
/** Points the drawn balance keeps, as each stream channel does (streams-view.calc). */
const BALANCE_POINTS = 500;

const KIND_WORD: Record<CurveKind, string> = { power: 'power', speed: 'speed', hr: 'heart rate' };
const NOT_COMBINED = 'Its source’s terms keep it out of your analytics, so it is not set against your other activities.';

export function createActivityCurveService(ctx: ReadContext, curves: CurvesService) {
  /** The activity, when its owner may read it: another athlete's, or one the policy hides, is not found. */
  async function readable(a: Athlete, activityId: string, kind: CurveKind, use: DataUse) {
    const row = await activityCurveOf(ctx.db, a.id, activityId, kind);
    return row && (await ctx.policy()).allows(row.source, use) ? row : undefined;
  }
  // What the activity is set against (its season, the W′ model's efforts): combined figures for the owner, and for
  // a coach only the sources they may see (ADR 036, 061).
  const combinedUse = (use: DataUse): DataUse => (use === 'owner' ? 'analytics' : use);

  return {
    /** The activity's curve of `kind` (by default its sport's main one) and its season's, or why either is missing. */
    async activityCurve(a: Athlete, activityId: string, asked?: CurveKind, use: DataUse = 'owner') {
      let row = await readable(a, activityId, asked ?? 'power', use);
      if (!row) return null;
      const sport = curveSportOf(row.sport);
      const kind: CurveKind = asked ?? (sport && sport !== 'ride' ? 'speed' : 'power');
      if (kind !== (asked ?? 'power')) row = (await readable(a, activityId, kind, use))!;
      const base = { activityId: row.id, date: row.localDate, sport, kind, kinds: row.kinds };
      const none = { ...base, points: [], excluded: [], season: null };
      if (!sport) return { ...none, reason: 'Duration curves are kept for rides, runs and swims.', seasonReason: null };
      if (!KINDS_OF[sport].includes(kind))
        return {
          ...none,
          reason: `A ${sport}'s curves are ${KINDS_OF[sport].map((k) => KIND_WORD[k]).join(' and ')}.`,
          seasonReason: null,
        };
      if (!row.curve)
        return {
          ...none,
          reason: row.kinds.length
            ? `No ${KIND_WORD[kind]} was recorded on this activity.`
            : 'This activity has no per-second data to draw a curve from.',
          seasonReason: null,
        };
      const c = row.curve;
      const points = CURVE_DURATIONS.flatMap((durationS, i) =>
        c.values[i] == null ? [] : [{ durationS, value: c.values[i]!, startS: c.starts[i] ?? 0 }],
      );
      const year = row.localDate.slice(0, 4);
      const span = { from: `${year}-01-01`, to: `${year}-12-31`, label: `${year} season` };
      const combined = (await ctx.policy()).allows(row.source, combinedUse(use));
      const season = combined ? await curves.rangeAnswer(a, kind, sport, span, combinedUse(use)) : null;
      return { ...base, points, excluded: c.excluded, season, reason: null, seasonReason: combined ? null : NOT_COMBINED };
    },

    /**
     * W′ balance (rides, from power) or D′ balance (runs, from speed) across the activity, drawn for a chart, with
     * the model it used and its lowest point; or, when there is no model or no stream, the reason and nothing drawn.
     */
    async activityBalance(a: Athlete, activityId: string, use: DataUse = 'owner') {
      const found = await streamsOf(ctx.db, a.id, activityId);
      const policy = await ctx.policy();
      if (!found || !policy.allows(found.source, use)) return null;
      const sport = curveSportOf(found.sport);
      const base = { activityId: found.id, date: found.localDate, form: BALANCE_FORM[sport === 'run' ? 'run' : 'ride'] };
      const refuse = (insufficient: string, s: CurveSport | null = sport) => ({
        ...base,
        sport: s === 'ride' || s === 'run' ? s : null,
        kind: s === 'run' ? ('speed' as const) : ('power' as const),
        model: null,
        threshold: null,
        series: null,
        lowest: null,
        exhausted: false,
        insufficient,
      });
      if (sport !== 'ride' && sport !== 'run')
        return refuse('W′ balance is drawn for rides (from power) and D′ balance for runs (from speed).');
      const kind: CurveKind = sport === 'ride' ? 'power' : 'speed';
      const grid = found.streams ? effortGrids(found.streams)[kind] : undefined;
      if (!grid || grid.length < 2)
        return refuse(sport === 'ride' ? 'No power was recorded on this ride.' : 'No speed was recorded on this run.');
      if (!policy.allows(found.source, combinedUse(use))) return refuse(`No model for it: ${NOT_COMBINED.toLowerCase()}`);
      const span = { from: addDays(found.localDate, -(MODEL_DAYS - 1)), to: found.localDate, label: `${MODEL_DAYS}d` };
      const m = await curves.modelOn(a, sport, span, combinedUse(use));
      const model = { span: m.span, window: m.window, efforts: m.efforts };
      if (!('fit' in m.fit))
        return {
          ...refuse(`No model could be fitted on the ${MODEL_DAYS} days to this activity: it ${m.fit.insufficient}.`),
          model: { ...model, fit: null },
        };
      // CP (CS) is the threshold the activity's load used, so the page reads one threshold (issue 55); W′ (D′) is the fit's.
      const resolved = await loadThresholdOf(ctx.db, a.id, activityId, thresholdsSeenBy(ctx.db, a.id, use, ctx.sourcesFor));
      const kindRead = sport === 'ride' ? ('ftp' as const) : ('threshold_pace' as const);
      const own = resolved?.basis.kind === kindRead ? resolved : null;
      const threshold = own ? { kind: kindRead, value: own.basis.used, source: own.source, effectiveFrom: own.effectiveFrom } : null;
      const critical = threshold?.value ?? m.fit.fit.critical;
      const reserve = m.fit.fit.reserve;
      const x = zeroed(grid);
      const { balance, lowest } = reserveBalance(x, critical, reserve);
      const t = Float64Array.from(balance, (_, s) => s);
      const picks = lttbIndices(t, balance, BALANCE_POINTS);
      const pct = (v: number) => Math.round((1000 * v) / reserve) / 10;
      return {
        ...base,
        sport,
        kind,
        model: { ...model, fit: m.fit.fit },
        threshold,
        series: { t: picks, balance: picks.map((i) => Math.round(balance[i]!)), pct: picks.map((i) => pct(balance[i]!)) },
        lowest: { atS: lowest.atS, value: Math.round(lowest.value), pct: pct(lowest.value) },
        exhausted: lowest.value < 0,
        insufficient: null,
      };
    },
  };
}

export type ActivityCurveService = ReturnType<typeof createActivityCurveService>;
