// /api/v1/exports: the athlete's activities and fitness as CSV. A paid feature (entitlements.ts): Free athletes get
// 403 ENTITLEMENT_REQUIRED naming Pro.
import { guardRoute, highRisk, signedIn } from '../../http/access';
import { requireUser } from '../../http/guards';
import { createRouter } from '../../http/router';
import { csvResponse, toCsv } from '../../lib/csv';
import { entitled } from '../membership';
import { athleteOf } from './analytics-shared';
import { distanceIn } from './analytics.present';

export const exportsRoutes = createRouter()
  .use('*', guardRoute(signedIn, highRisk('export the data'), 'owner', 'none'))
  .use('*', entitled('exports'))
  .get('/activities.csv', async (c) => {
    const a = athleteOf((await requireUser(c.var.auth)).user);
    const rows = await c.var.services.analytics.exportRows(a);
    const csv = toCsv(
      [
        'date',
        'start_time',
        'name',
        'sport',
        'source',
        `distance_${a.units}`,
        'moving_time_s',
        'elapsed_time_s',
        'elevation_gain_m',
        'avg_hr',
        'max_hr',
        'avg_power',
        'load',
        'load_method',
        'intensity',
        'confidence',
      ],
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
    const a = athleteOf((await requireUser(c.var.auth)).user);
    const f = await c.var.services.analytics.fitness(a, Number.MAX_SAFE_INTEGER);
    const r1 = (x: number) => Math.round(x * 10) / 10;
    return csvResponse(
      toCsv(
        ['date', 'load', 'ctl', 'atl', 'tsb'],
        f.series.map((d) => [d.date, r1(d.load), r1(d.ctl), r1(d.atl), r1(d.tsb)]),
      ),
      'cadence-fitness.csv',
    );
  });
