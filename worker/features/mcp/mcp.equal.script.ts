// Issue 59's "MCP = REST": scripted tool calls, each with the REST reads it wraps and the pure mapping from their
// answers to the tool's fields (mcp.equal.map.ts). The workerd test and `npm run bench -- api-access` both run it.
// A new tool adds its rows here: a name, arguments, its REST paths and a mapping; nothing else changes.
import { addDays } from '../../lib/dates.ts';
import {
  activityFrom,
  bestsFrom,
  curvesFrom,
  type EqualWorld,
  fitnessFrom,
  planChangesFrom,
  planFrom,
  type RestActivity,
  recentFrom,
  weeklyFrom,
  wellnessFrom,
  withoutActivityZone,
} from './mcp.equal.map.ts';
import { effortsFrom, libraryFrom, segmentsFrom, withoutEffortZones, withoutLoadBasis } from './mcp.equal.more.ts';
import { racePlanFrom, racePlanPaths, withUnplannedSaid } from './mcp.equal.race.ts';

export type Args = Record<string, unknown>;
export type Answer = Record<string, any>;
export interface RestAnswer {
  status: number;
  body: any;
}

export interface EqualCall {
  /** Unique: a later row may read this row's answer (page 2 reads page 1's `next_cursor`). */
  label: string;
  tool: string;
  /** The arguments; null when this world has nothing to ask (no swim, no next page): the row is skipped, and says so. */
  args(w: EqualWorld, earlier: ReadonlyMap<string, Answer>): Args | null;
  /** The REST reads (same session) the tool's answer maps from. */
  rest(w: EqualWorld, args: Args, earlier: ReadonlyMap<string, Answer>): string[];
  /** The tool's answer as it must be, from those REST answers alone. */
  expected(rest: RestAnswer[], w: EqualWorld, args: Args): unknown;
  /** The part of the tool's answer compared: all of it, but for fields REST has no counterpart of (named where cut). */
  compared?(answer: Answer): unknown;
}

/** The activities REST lists (owner's list, newest first) a row may pick from. */
const pick = (w: EqualWorld, test: (a: RestActivity, i: number) => boolean) => w.activities.find(test)?.id ?? null;
const startOf = (w: EqualWorld, id: string) => w.activities.find((a) => a.id === id)?.startTime;
const byId = (id: string | null) => (id ? { id } : null);
/** An activity started on another UTC date than its local one: recorded around midnight, east or west of Greenwich. */
const aroundMidnight = (a: RestActivity, west: boolean) =>
  a.startTime.slice(0, 10) !== a.localStartDate && a.startTime.slice(0, 10) > a.localStartDate === west;

const recentPage = (label: string, limit: number | undefined, after?: string): EqualCall => ({
  label,
  tool: 'recent_activities',
  args: (_w, earlier) => {
    if (!after) return limit === undefined ? {} : { limit };
    const cursor = earlier.get(after)?.next_cursor as string | null | undefined;
    return cursor ? { limit, cursor } : null;
  },
  // Page 2 on REST: before the start of the last activity the tool's previous page listed.
  rest: (w, a, earlier) => {
    const last = after ? (earlier.get(after)?.activities as Answer[] | undefined)?.at(-1) : undefined;
    const before = last ? startOf(w, last.id as string) : undefined;
    return [
      `/api/v1/activities?limit=${((a.limit as number | undefined) ?? 20) + 1}${before ? `&before=${encodeURIComponent(before)}` : ''}`,
    ];
  },
  expected: ([list], w, a) => recentFrom(list!.body.activities, (a.limit as number | undefined) ?? 20, w),
  compared: (x) => ({ ...x, activities: (x.activities as Answer[]).map(withoutActivityZone) }),
});

const activityRow = (label: string, choose: (w: EqualWorld) => string | null): EqualCall => ({
  label,
  tool: 'activity',
  args: (w) => byId(choose(w)),
  rest: (_w, a) => [`/api/v1/activities/${a.id as string}`],
  expected: ([one], w) => ({ activity: activityFrom(one!.body, w) }),
  compared: (x) => ({ activity: withoutActivityZone(x.activity) }),
});

const fitnessRow = (days?: number): EqualCall => ({
  label: `fitness ${days ?? 'default'}`,
  tool: 'fitness',
  args: () => (days === undefined ? {} : { days }),
  rest: () => [`/api/v1/analytics/fitness?days=${days ?? 42}`],
  expected: ([f], w) => fitnessFrom(f!.body, days ?? 42, w),
});

const weeklyRow = (weeks?: number): EqualCall => ({
  label: `weekly_volume ${weeks ?? 'default'}`,
  tool: 'weekly_volume',
  args: () => (weeks === undefined ? {} : { weeks }),
  rest: () => [`/api/v1/analytics/weekly-volume?weeks=${weeks ?? 8}`, `/api/v1/analytics/fitness?days=${7 * (weeks ?? 8) + 7}`],
  expected: ([v, f], w) => weeklyFrom(v!.body, f!.body, weeks ?? 8, w),
});

const wellnessRow = (days?: number): EqualCall => ({
  label: `wellness_readiness ${days ?? 'default'}`,
  tool: 'wellness_readiness',
  args: () => (days === undefined ? {} : { days }),
  rest: (w) => ['/api/v1/wellness/readiness', `/api/v1/wellness/days?from=${addDays(w.today, -((days ?? 7) - 1))}&to=${w.today}`],
  expected: ([r, d], w) => wellnessFrom(r!.body, d!.body, w),
});

const planRow = (days?: number): EqualCall => ({
  label: `plan ${days ?? 'default'}`,
  tool: 'plan',
  args: () => (days === undefined ? {} : { days }),
  rest: (w) => [
    '/api/v1/plans/active',
    ...(w.planId ? [`/api/v1/plans/${w.planId}/calendar?from=${w.today}&to=${addDays(w.today, (days ?? 7) - 1)}`] : []),
  ],
  expected: ([active, calendar], w) => planFrom(active!, calendar?.body ?? null, w),
});

const planChangesRow = (limit?: number): EqualCall => ({
  label: `plan_changes ${limit ?? 'default'}`,
  tool: 'plan_changes',
  args: () => (limit === undefined ? {} : { limit }),
  rest: (w) => (w.planId ? [`/api/v1/plans/${w.planId}/adaptations`] : []),
  expected: ([list], w) => planChangesFrom(list?.body ?? null, limit ?? 10, w),
});

/** Page `page` (0-based) of a paged tool: its first page asks without a cursor, a later one with the page before's. */
const paged = (limit: number | undefined, page: number, before: string | undefined, earlier: ReadonlyMap<string, Answer>) => {
  const base = limit === undefined ? {} : { limit };
  if (page === 0 || !before) return base;
  const cursor = earlier.get(before)?.next_cursor as string | null | undefined;
  return cursor ? { ...base, cursor } : null;
};
const pageLabel = (what: string, limit: number | undefined, page: number) => `${what} ${limit ?? 'default'} p${page + 1}`;

/** The athlete's segments, a page of `limit` (at most 10): REST's list, and each listed segment's detail. */
const segmentsPage = (limit: number | undefined, page: number): EqualCall => {
  const per = Math.min(limit ?? 10, 10);
  return {
    label: pageLabel('segments', limit, page),
    tool: 'segments',
    args: (_w, earlier) => paged(limit, page, page ? pageLabel('segments', limit, page - 1) : undefined, earlier),
    rest: (w) => ['/api/v1/segments', ...w.segments.slice(page * per, (page + 1) * per).map((id) => `/api/v1/segments/${id}`)],
    expected: ([list, ...details], w) =>
      segmentsFrom(
        list!.body,
        details.map((d) => d.body),
        page * per,
        per,
        w,
      ),
    compared: withoutEffortZones,
  };
};

/** The `n`th segment (REST's list, newest first) and a page of its efforts. */
const effortsPage = (n: number, limit: number | undefined, page: number): EqualCall => {
  const label = (p: number) => pageLabel(`segment #${n} efforts`, limit, p);
  return {
    label: label(page),
    tool: 'segments',
    args: (w, earlier) => {
      const id = w.segments[n];
      const rest = paged(limit, page, page ? label(page - 1) : undefined, earlier);
      return id && rest ? { segment_id: id, ...rest } : null;
    },
    rest: (_w, a) => [`/api/v1/segments/${a.segment_id as string}`],
    expected: ([d], w) => effortsFrom(d!.body, page * (limit ?? 25), limit ?? 25, w),
    compared: withoutEffortZones,
  };
};

/** A page of the library, all sports or one. */
const libraryPage = (limit: number | undefined, page: number, sport?: string): EqualCall => {
  const label = (p: number) => pageLabel(`library${sport ? ` ${sport}` : ''}`, limit, p);
  return {
    label: label(page),
    tool: 'library',
    args: (_w, earlier) => {
      const rest = paged(limit, page, page ? label(page - 1) : undefined, earlier);
      return rest && (sport ? { ...rest, sport } : rest);
    },
    rest: () => [`/api/v1/library/workouts${sport ? `?sport=${sport}` : ''}`],
    expected: ([list], w) => libraryFrom(list!.body, page * (limit ?? 10), limit ?? 10, w),
    compared: withoutLoadBasis,
  };
};

/** race_plan for the next race (`n` undefined) or REST's `n`th upcoming one by id. */
const racePlanRow = (n?: number): EqualCall => ({
  label: `race_plan ${n === undefined ? 'next' : `#${n}`}`,
  tool: 'race_plan',
  args: (w) => (n === undefined ? {} : w.races[n] ? { race_id: w.races[n].id } : null),
  rest: (w, a) => racePlanPaths(w, a.race_id as string | undefined),
  expected: (rest, w) => racePlanFrom(rest, w),
  compared: withUnplannedSaid,
});

const nth = (i: number) => (w: EqualWorld) => w.activities[i]?.id ?? null;

/** The script: every tool, arguments varied (windows, pages through cursors, activities of each sport and zone). */
export const EQUAL_SCRIPT: EqualCall[] = [
  recentPage('recent default', undefined),
  recentPage('recent 1', 1),
  recentPage('recent 5 p1', 5),
  recentPage('recent 5 p2', 5, 'recent 5 p1'),
  recentPage('recent 5 p3', 5, 'recent 5 p2'),
  recentPage('recent 20 p1', 20),
  recentPage('recent 20 p2', 20, 'recent 20 p1'),
  recentPage('recent 20 p3', 20, 'recent 20 p2'),
  recentPage('recent 50 p1', 50),
  recentPage('recent 50 p2', 50, 'recent 50 p1'),
  ...[0, 1, 2, 3, 4, 6, 9, 13, 19, 27, 38].map((i) => activityRow(`activity #${i}`, nth(i))),
  activityRow('activity oldest', (w) => w.activities.at(-1)?.id ?? null),
  activityRow('activity kept from AI', (w) => pick(w, (a) => w.keptFromAi.has(a.source))),
  activityRow('activity swim', (w) => pick(w, (a) => a.sport === 'swim')),
  activityRow('activity ride', (w) => pick(w, (a) => a.sport === 'ride' && !w.keptFromAi.has(a.source))),
  activityRow('activity run', (w) => pick(w, (a) => a.sport === 'run' && !w.keptFromAi.has(a.source))),
  activityRow('activity around midnight, west', (w) => pick(w, (a) => aroundMidnight(a, true))),
  activityRow('activity around midnight, east', (w) => pick(w, (a) => aroundMidnight(a, false))),
  ...[undefined, 7, 8, 14, 28, 30, 42, 60, 90, 120, 180].map(fitnessRow),
  ...[undefined, 1, 2, 3, 4, 12, 16, 26].map(weeklyRow),
  {
    label: 'bests',
    tool: 'bests',
    args: () => ({}),
    rest: () => ['/api/v1/analytics/personal-bests', '/api/v1/analytics/age-grades'],
    expected: ([pb, grades], w) => bestsFrom(pb!.body, grades!.body, w),
  },
  {
    label: 'curves',
    tool: 'curves',
    args: () => ({}),
    rest: () => ['/api/v1/analytics/models?sport=ride', '/api/v1/analytics/models?sport=run'],
    expected: ([ride, run], w) => curvesFrom(ride!.body, run!.body, w),
  },
  ...[undefined, 1, 3, 14, 28].map(wellnessRow),
  ...[undefined, 1, 3, 14, 28].map(planRow),
  ...[undefined, 1, 30].map(planChangesRow),
  segmentsPage(undefined, 0),
  ...[0, 1, 2].map((p) => segmentsPage(1, p)),
  segmentsPage(2, 0),
  segmentsPage(2, 1),
  ...[0, 1, 2].map((n) => effortsPage(n, undefined, 0)),
  ...[0, 1, 2].map((p) => effortsPage(2, 2, p)),
  effortsPage(2, 50, 0),
  libraryPage(undefined, 0),
  libraryPage(20, 0),
  ...[0, 1, 2].map((p) => libraryPage(2, p)),
  libraryPage(undefined, 0, 'run'),
  libraryPage(undefined, 0, 'bike'),
  racePlanRow(),
  ...[0, 1, 2].map(racePlanRow),
];
