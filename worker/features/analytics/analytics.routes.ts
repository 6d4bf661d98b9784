import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { createRouter } from '../../http/router';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import { AppError, ErrorCode } from '../../lib/errors';
import { actorOf, requireUser } from '../auth/guards';
import type { Athlete } from './analytics.service';
import { distanceIn, paceIn, presentReceipt, presentThreshold, presentTotals } from './analytics.present';
import { toCsv } from './csv';
import {
  AgeGradesResponse,
  DaysQuery,
  EfficiencyResponse,
  EfficiencyQuery,
  FitnessResponse,
  HeatmapResponse,
  InsightsResponse,
  PersonalBestsResponse,
  SetThresholdBody,
  SportDistributionResponse,
  ThresholdIdParam,
  ThresholdsResponse,
  WeeklyVolumeResponse,
  WeeksQuery,
  YearQuery,
} from './analytics.schema';
import { FORM_BANDS, RAMP_BANDS } from './insights/bands';
import { METRES_PER } from './analytics.present';

const tags = ['Analytics'];
const security = [{ session: [] }];
const read = { 401: errorResponses[401], 400: errorResponses[400] };

async function athlete(c: Context<AppEnv>): Promise<Athlete> {
  const { user } = await requireUser(c.var.auth);
  return { id: user.id, units: user.units, timeZone: user.timeZone, birthDate: user.birthDate, sex: user.sex };
}

// Plausible ranges: a typo (FTP 2500, max HR 25) is refused rather than silently skewing every load.
const RANGES = {
  ftp: [30, 2000, 'W'],
  lthr: [60, 230, 'bpm'],
  max_hr: [80, 240, 'bpm'],
  resting_hr: [25, 120, 'bpm'],
} as const;

export const analyticsRoutes = createRouter()
  .openapi(
    createRoute({ method: 'get', path: '/fitness', tags, security, summary: 'Fitness (CTL), fatigue (ATL) and form (TSB) per day, with each day’s activities', request: { query: DaysQuery }, responses: { 200: json(FitnessResponse, 'Timeline'), ...read } }),
    async (c) => {
      const a = await athlete(c);
      const t = await c.var.services.analytics.fitnessTimeline(a, c.req.valid('query').days);
      const r1 = (x: number) => Math.round(x * 10) / 10;
      return c.json(
        {
          units: a.units,
          today: t.today,
          firstDay: t.firstDay,
          days: t.days.map((d) => ({ date: d.date, load: r1(d.load), ctl: r1(d.ctl), atl: r1(d.atl), tsb: r1(d.tsb), activities: d.activities.map((r) => presentReceipt(r, a.units)) })),
          current: t.current && { ...t.current, ctl: r1(t.current.ctl), atl: r1(t.current.atl), tsb: r1(t.current.tsb), rampRate: t.current.rampRate === null ? null : r1(t.current.rampRate) },
          bands: { form: [...FORM_BANDS], ramp: [...RAMP_BANDS] },
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/weekly-volume', tags, security, summary: 'Distance, time and load per Monday–Sunday week and sport', request: { query: WeeksQuery }, responses: { 200: json(WeeklyVolumeResponse, 'Weeks'), ...read } }),
    async (c) => {
      const a = await athlete(c);
      const weeks = await c.var.services.analytics.weeks(a, c.req.valid('query').weeks);
      return c.json(
        {
          units: a.units,
          weeks: weeks.map((w) => ({
            weekStart: w.weekStart,
            bySport: Object.fromEntries(Object.entries(w.bySport).map(([s, t]) => [s, presentTotals(t, a.units)])),
            total: presentTotals(w.total, a.units),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/sport-distribution', tags, security, summary: 'Share of training time per sport', request: { query: WeeksQuery }, responses: { 200: json(SportDistributionResponse, 'Sports'), ...read } }),
    async (c) => {
      const a = await athlete(c);
      const d = await c.var.services.analytics.sportDistribution(a, c.req.valid('query').weeks);
      return c.json({ units: a.units, from: d.from, to: d.to, sports: d.sports.map((s) => ({ ...presentTotals(s, a.units), sport: s.sport, share: s.share })) }, 200);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/heatmap', tags, security, summary: 'Daily totals for one calendar year', request: { query: YearQuery }, responses: { 200: json(HeatmapResponse, 'Days'), ...read } }),
    async (c) => {
      const a = await athlete(c);
      const year = c.req.valid('query').year ?? Number(new Intl.DateTimeFormat('en-CA', { timeZone: a.timeZone, year: 'numeric' }).format(c.var.services.clock.now()));
      const h = await c.var.services.analytics.heatmap(a, year);
      return c.json({ units: a.units, year: h.year, days: h.days.map((d) => ({ date: d.date, load: Math.round(d.load * 10) / 10, movingS: d.movingS, count: d.count, distance: distanceIn(d.distanceM, a.units) })) }, 200);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/personal-bests', tags, security, summary: 'Run PBs (all time, last 12 months, per year) and ride power bests', responses: { 200: json(PersonalBestsResponse, 'Bests'), 401: errorResponses[401] } }),
    async (c) => {
      const a = await athlete(c);
      const pb = await c.var.services.analytics.personalBests(a);
      const run = <T extends { timeS: number; receipt: Parameters<typeof presentReceipt>[0] }>(e: T, distanceM: number) => ({
        ...e,
        timeS: Math.round(e.timeS * 10) / 10,
        pace: Math.round((e.timeS / distanceM) * METRES_PER[a.units] * 10) / 10,
        receipt: presentReceipt(e.receipt, a.units),
      });
      return c.json(
        {
          units: a.units,
          run: pb.run.map((p) => ({
            ...p,
            allTime: p.allTime && run(p.allTime, p.distanceM),
            last12Months: p.last12Months && run(p.last12Months, p.distanceM),
            byYear: p.byYear.map((y) => run(y, p.distanceM)),
          })),
          power: pb.power.map((p) => ({
            durationS: p.durationS,
            allTime: p.allTime && { ...p.allTime, receipt: presentReceipt(p.allTime.receipt, a.units) },
            last12Months: p.last12Months && { ...p.last12Months, receipt: presentReceipt(p.last12Months.receipt, a.units) },
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/age-grades', tags, security, summary: 'WMA age-graded % of each year’s best at each road distance', responses: { 200: json(AgeGradesResponse, 'Grades'), 401: errorResponses[401] } }),
    async (c) => {
      const a = await athlete(c);
      const g = await c.var.services.analytics.ageGrades(a);
      return c.json(
        {
          missing: g.missing,
          performances: g.performances.map((p) => ({ ...p, receipt: presentReceipt(p.receipt, a.units) })),
          bestByYear: g.bestByYear.map((p) => ({ year: p.year, label: p.label, ageGradePct: p.ageGradePct, date: p.date, receipt: presentReceipt(p.receipt, a.units) })),
          source: 'WMA/USATF MLDR road age-grading standards, 2025 (Alan Jones, Tom Bernhard; CC0)',
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/efficiency', tags, security, summary: 'Aerobic efficiency of easy runs and rides, with trend and decoupling', request: { query: EfficiencyQuery }, responses: { 200: json(EfficiencyResponse, 'Efficiency'), ...read } }),
    async (c) => {
      const a = await athlete(c);
      const e = await c.var.services.analytics.efficiency(a, c.req.valid('query').weeks);
      const point = (p: (typeof e.runs.points)[number]) => ({
        activityId: p.activityId,
        date: p.date,
        name: p.name,
        efficiency: Math.round(p.efficiency * 1000) / 1000,
        avgHr: p.avgHr,
        pace: paceIn(p.speedMps, a.units),
        paceAtFixedHr: paceIn(p.speedAtFixedHrMps, a.units),
        power: p.power,
        decouplingPct: p.decouplingPct === null ? null : Math.round(p.decouplingPct * 10) / 10,
      });
      return c.json(
        { units: a.units, from: e.from, to: e.to, easyHrCeiling: e.easyHrCeiling, runs: { points: e.runs.points.map(point), trend: e.runs.trend }, rides: { points: e.rides.points.map(point), trend: e.rides.trend }, decoupling: e.decoupling },
        200,
      );
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/insights', tags, security, summary: 'Evidence-backed findings, each with its receipts and minimum sample', responses: { 200: json(InsightsResponse, 'Insights'), 401: errorResponses[401] } }),
    async (c) => {
      const a = await athlete(c);
      const insights = await c.var.services.analytics.insights(a);
      return c.json({ units: a.units, insights: insights.map((i) => ({ ...i, receipts: i.receipts.map((r) => presentReceipt(r, a.units)) })) }, 200);
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/thresholds', tags, security, summary: 'Your thresholds: manual history and estimates with their receipts', responses: { 200: json(ThresholdsResponse, 'Thresholds'), 401: errorResponses[401] } }),
    async (c) => {
      const a = await athlete(c);
      const rows = await c.var.services.analytics.thresholds(a);
      return c.json({ units: a.units, thresholds: rows.map((r) => presentThreshold(r.id, r.threshold, a.units)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/thresholds',
      tags,
      security,
      summary: 'Set a threshold from a date on; loads of the days it governs are recomputed',
      request: { body: jsonBody(SetThresholdBody) },
      responses: { 200: json(ThresholdsResponse, 'Thresholds'), ...read },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const a = await athlete(c);
      const body = c.req.valid('json');
      const value = thresholdValue(body, a.units);
      await c.var.services.trainingLoad.setThreshold(a.id, body.kind, value, body.effectiveFrom);
      await c.var.services.audit.record({ actor: actorOf(viewer), action: 'threshold.set', target: { type: 'user', id: a.id }, payload: { kind: body.kind, effectiveFrom: body.effectiveFrom } });
      const rows = await c.var.services.analytics.thresholds(a);
      return c.json({ units: a.units, thresholds: rows.map((r) => presentThreshold(r.id, r.threshold, a.units)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/thresholds/{id}',
      tags,
      security,
      summary: 'Remove a manual threshold; its days fall back to the previous value or the estimate',
      request: { params: ThresholdIdParam },
      responses: { 200: json(ThresholdsResponse, 'Thresholds'), 404: errorResponses[404], ...read },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const a = await athlete(c);
      await c.var.services.trainingLoad.deleteThreshold(a.id, c.req.valid('param').id);
      await c.var.services.audit.record({ actor: actorOf(viewer), action: 'threshold.deleted', target: { type: 'user', id: a.id } });
      const rows = await c.var.services.analytics.thresholds(a);
      return c.json({ units: a.units, thresholds: rows.map((r) => presentThreshold(r.id, r.threshold, a.units)) }, 200);
    },
  );

/** Converts the entered value to the stored SI value, refusing implausible numbers with a field error. */
export function thresholdValue(body: { kind: keyof typeof RANGES | 'threshold_pace' | 'css'; value?: number | undefined; paceSeconds?: number | undefined }, units: 'km' | 'mi'): number {
  const fail = (path: string, message: string) => new AppError(ErrorCode.VALIDATION, message, { fields: [{ path, message }] });
  if (body.kind === 'threshold_pace' || body.kind === 'css') {
    const s = body.paceSeconds;
    if (s === undefined) throw fail('paceSeconds', 'Enter the pace in seconds');
    const [min, max] = body.kind === 'css' ? [50, 300] : units === 'mi' ? [240, 1800] : [150, 1200];
    if (s < min || s > max) throw fail('paceSeconds', `Pace must be between ${min} and ${max} seconds`);
    return body.kind === 'css' ? 100 / s : METRES_PER[units] / s;
  }
  const [min, max, unit] = RANGES[body.kind];
  if (body.value === undefined) throw fail('value', 'Enter a value');
  if (body.value < min || body.value > max) throw fail('value', `Must be between ${min} and ${max} ${unit}`);
  return body.value;
}

export const exportsRoutes = createRouter()
  .get('/activities.csv', async (c) => {
    const a = await athlete(c);
    const rows = await c.var.services.analytics.exportRows(a);
    const csv = toCsv(
      ['date', 'start_time', 'name', 'sport', 'source', `distance_${a.units}`, 'moving_time_s', 'elapsed_time_s', 'elevation_gain_m', 'avg_hr', 'max_hr', 'avg_power', 'load', 'load_method', 'intensity', 'confidence'],
      rows.map((r) => [
        r.date,
        new Date(r.start_time as string).toISOString(),
        r.name,
        r.sport,
        r.source,
        distanceIn(Number(r.distance_m), a.units),
        r.moving_time_s,
        r.elapsed_time_s,
        r.elevation_gain_m,
        r.avg_hr,
        r.max_hr,
        r.avg_power,
        r.load === null ? null : Math.round(Number(r.load) * 10) / 10,
        r.load_method,
        r.intensity === null ? null : Math.round(Number(r.intensity) * 1000) / 1000,
        r.confidence,
      ]),
    );
    return csvResponse(csv, 'cadence-activities.csv');
  })
  .get('/fitness.csv', async (c) => {
    const a = await athlete(c);
    const f = await c.var.services.analytics.fitness(a, Number.MAX_SAFE_INTEGER);
    const r1 = (x: number) => Math.round(x * 10) / 10;
    return csvResponse(toCsv(['date', 'load', 'ctl', 'atl', 'tsb'], f.series.map((d) => [d.date, r1(d.load), r1(d.ctl), r1(d.atl), r1(d.tsb)])), 'cadence-fitness.csv');
  });

const csvResponse = (body: string, filename: string) =>
  new Response(body, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'private, no-store' } });
