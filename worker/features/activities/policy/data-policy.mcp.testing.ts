// The MCP probe's world and readers (data-policy.mcp.test.ts): two athletes with the same uploads, plan, library, race
// and segment, one with three Strava API activities as well (one on the segment); each tool's calls built from the
// input schema the server lists, an id filled by the kind its field names; the Strava rows' figures looked for in an
// answer; and an answer reduced to what an athlete without those rows would be told.
import { expect } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import { buildActivity } from '../../../testing/factories/activity';
import type { Harness } from '../../../testing/harness';
import type { ActivityInput } from '../activity.types';
import { type IdsByKind, type Kind, STRAVA_EFFORT_S, trainingWorld } from './data-policy.mcp.world.testing';
import type { PolicyMode } from './policy.table';
import { figuresIn, UUID } from '../../../testing/figures';

const series = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const at = (today: string, daysAgo: number) => {
  const date = addDays(today, -daysAgo);
  return { startTime: new Date(`${date}T07:00:00Z`), localStartDate: date, timezone: 'UTC' };
};

/** The uploads both athletes have, newest first: a run with a best effort and a ride with power, both with streams. */
const uploads = (today: string): Partial<ActivityInput>[] => [
  {
    ...at(today, 1),
    source: 'fit_upload',
    name: 'Upload run',
    distanceM: 10_000,
    movingTimeS: 3_000,
    elapsedTimeS: 3_060,
    elevationGainM: 40,
    avgHr: 142,
    maxHr: 158,
    bestEfforts: [{ name: '5k', distanceM: 5_000, elapsedS: 1_500 }],
    streams: { t: series(3_000, (i) => i), hr: series(3_000, (i) => 140 + (i % 5)), speedCms: series(3_000, () => 333) },
  },
  {
    ...at(today, 2),
    source: 'gpx_upload',
    sport: 'ride',
    sportOriginal: 'Ride',
    name: 'Upload ride',
    distanceM: 40_000,
    movingTimeS: 4_800,
    elapsedTimeS: 4_900,
    elevationGainM: 300,
    avgHr: 130,
    maxHr: 150,
    avgPower: 200,
    streams: { t: series(4_800, (i) => i), hr: series(4_800, (i) => 128 + (i % 5)), power: series(4_800, (i) => 198 + (i % 5)) },
  },
];

/**
 * The Strava API copies, older than the uploads (so a tool's "latest" is an upload for both athletes), with figures
 * no upload has: the Strava ride's power is above the upload's, so a best or a curve that counted it would show it.
 */
const stravaRows = (today: string): Partial<ActivityInput>[] => [
  {
    ...at(today, 3),
    source: 'strava',
    name: 'Strava run',
    distanceM: 8_713,
    movingTimeS: 2_917,
    elapsedTimeS: 3_049,
    elevationGainM: 97,
    avgHr: 163,
    maxHr: 187,
    avgPower: 263,
    bestEfforts: [{ name: '5k', distanceM: 5_000, elapsedS: 1_669 }],
    streams: { t: series(2_917, (i) => i), hr: series(2_917, (i) => 161 + (i % 5)), speedCms: series(2_917, () => 299) },
  },
  {
    ...at(today, 4),
    source: 'strava',
    sport: 'ride',
    sportOriginal: 'Ride',
    name: 'Strava ride',
    distanceM: 31_457,
    movingTimeS: 3_733,
    elapsedTimeS: 3_911,
    elevationGainM: 411,
    avgHr: 151,
    maxHr: 173,
    avgPower: 238,
    normalizedPower: 249,
    streams: { t: series(3_733, (i) => i), hr: series(3_733, (i) => 149 + (i % 5)), power: series(3_733, (i) => 235 + (i % 7)) },
  },
];

/**
 * The Strava rows' own figures, the pace and speed a tool would derive from them, and the Strava ride's time on the
 * segment: none may reach an AI client.
 */
export const STRAVA_FIGURES = [
  8_713,
  2_917,
  3_049,
  97,
  163,
  187,
  263,
  1_669,
  31_457,
  3_733,
  3_911,
  411,
  151,
  173,
  238,
  249,
  334.8,
  30.3,
  STRAVA_EFFORT_S,
];

/**
 * Two athletes, the same uploads, plan, library, race and segment; `withStrava` has the Strava API rows as well (one on
 * the segment). The policy switched to `mode`.
 */
export async function mcpWorld(h: Harness, mode: PolicyMode) {
  const operator = await h.userWithRole('admin', ['system.data_policy', 'ops.read']);
  const set = await h.json<{ mode: PolicyMode }>('/api/v1/admin/ops/data-policy', {
    method: 'PUT',
    cookie: operator.cookie,
    body: { mode },
  });
  expect(set.status).toBe(200);
  const today = todayIn('UTC', new Date());
  const ingest = analyticsWorld(h.db).activities.ingest;
  // The uploads first, then the GPS rides over the segment's road (from files, then the Strava API copy's), then the
  // Strava rows: the twins' activities match index for index, and only the Strava ones come after.
  const athlete = async (rows: Partial<ActivityInput>[], rides: Parameters<typeof trainingWorld>[3]) => {
    const me = await h.signup();
    const ids: string[] = [];
    for (const r of rows) ids.push((await ingest(me.user.id, buildActivity({ detailComplete: true, ...r }))).id);
    // After every activity: the plan is made from a history with the Strava rows in it.
    const t = await trainingWorld(h, me, today, rides, 5);
    const ofKind: IdsByKind = {
      activity: [...ids.slice(0, 2), ...t.rides.slice(0, 2), ...ids.slice(2), ...t.rides.slice(2)],
      segment: [t.segment],
      race: t.races,
      workout: t.workouts,
      plan: [t.plan],
    };
    return { cookie: me.cookie, ids: ofKind };
  };
  const roads = [
    { source: 'gpx_upload', elapsedS: 250 },
    { source: 'fit_upload', elapsedS: 230 },
  ] as const;
  const withStrava = await athlete([...uploads(today), ...stravaRows(today)], [...roads, { source: 'strava', elapsedS: STRAVA_EFFORT_S }]);
  const uploadsOnly = await athlete(uploads(today), [...roads]);
  const uploaded = uploadsOnly.ids.activity.length;
  return { today, withStrava, uploadsOnly, stravaIds: withStrava.ids.activity.slice(uploaded) };
}

export type JsonSchema = {
  type?: string;
  format?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};
/** A call's arguments; an id argument is a kind and an index into the athlete's ids of it, filled in per athlete. */
export type Args = Record<string, unknown>;
const REF = Symbol('id of a kind');
type Ref = { kind: Kind; i: number; fallback: boolean };
const refOf = (v: unknown): Ref | null => (typeof v === 'object' && v !== null && REF in v ? (v as { [REF]: Ref })[REF] : null);

/**
 * The kind of id an input field names, from its name alone (`segment_id` → segment, `race_id` → race, `id` or
 * `activity_id` → activity), so a tool added later is given ids of its kind; a kind this world has none of is given
 * activity ids, and may answer "not found".
 */
function kindOf(name: string, ids: IdsByKind): { kind: Kind; fallback: boolean } {
  const word = name.replace(/_?id$/i, '').toLowerCase() || 'activity';
  return word in ids ? { kind: word as Kind, fallback: false } : { kind: 'activity', fallback: true };
}

/**
 * A tool's calls, read from its listed input schema: its required fields filled (every id of the field's kind, every
 * value of an enum), then with each optional id field filled in turn, then all that with every bounded number at its
 * widest, so a window reaches the Strava rows and a page holds them.
 */
export function callsFor(schema: JsonSchema, ids: IdsByKind, today: string): Args[] {
  const props = schema.properties ?? {};
  const required = schema.required ?? [];
  const isId = (name: string, p: JsonSchema) => p.format === 'uuid' || /id$/i.test(name);
  const refs = (name: string) => {
    const { kind, fallback } = kindOf(name, ids);
    return series(ids[kind].length, (i) => ({ [REF]: { kind, i, fallback } }));
  };
  const values = (name: string, p: JsonSchema): unknown[] => {
    if (p.enum) return p.enum;
    if (p.type === 'integer' || p.type === 'number') return [p.maximum ?? p.minimum ?? 1];
    if (p.type === 'boolean') return [false, true];
    if (isId(name, p)) return refs(name);
    if (p.format === 'date') return [today];
    return [name];
  };
  let calls: Args[] = [{}];
  for (const name of required) calls = calls.flatMap((c) => values(name, props[name] ?? {}).map((v) => ({ ...c, [name]: v })));
  const optionalIds = Object.entries(props).filter(([name, p]) => !required.includes(name) && isId(name, p));
  calls = [...calls, ...optionalIds.flatMap(([name]) => calls.flatMap((c) => refs(name).map((v) => ({ ...c, [name]: v }))))];
  const widest = Object.entries(props).filter(
    ([name, p]) => !required.includes(name) && (p.type === 'integer' || p.type === 'number') && p.maximum !== undefined,
  );
  if (!widest.length) return calls;
  return [...calls, ...calls.map((c) => ({ ...Object.fromEntries(widest.map(([name, p]) => [name, p.maximum])), ...c }))];
}

/** The arguments as one athlete sends them: each id reference replaced by that athlete's id (null: they have none). */
export function argsOf(args: Args, ids: IdsByKind): Args | null {
  const out: Args = {};
  for (const [k, v] of Object.entries(args)) {
    const ref = refOf(v);
    if (ref && ids[ref.kind][ref.i] === undefined) return null;
    out[k] = ref ? ids[ref.kind][ref.i] : v;
  }
  return out;
}

/** Whether a call names an id of another kind than its field's (this world has none of it): "not found" is its answer. */
export const mayBeNotFound = (args: Args) => Object.values(args).some((v) => refOf(v)?.fallback);

/** The Strava figures an answer carries anywhere (its text and structured content), read as numbers, not digits of an id or a date. */
export function stravaFiguresIn(answer: unknown): number[] {
  const numbers = figuresIn(JSON.stringify(answer));
  return STRAVA_FIGURES.filter((f) => numbers.includes(f));
}

/**
 * Every place a Strava row appears in an answer must be its `unavailable` item (id, date, zone, source, reason and
 * fix, nothing else), and every `left_out` may count only Strava: the problems found, by path.
 */
export function stravaMentions(answer: unknown, stravaIds: string[], unavailable: unknown, path = ''): string[] {
  if (typeof answer === 'string') return stravaIds.some((id) => answer.includes(id)) ? [`${path}: names a Strava row`] : [];
  if (Array.isArray(answer)) return answer.flatMap((x, i) => stravaMentions(x, stravaIds, unavailable, `${path}[${i}]`));
  if (typeof answer !== 'object' || answer === null) return [];
  const o = answer as Record<string, unknown>;
  // An item kept from an AI carries `unavailable`; a segment says `unavailable: null` when it is not. The item is the
  // Strava row itself, or something on it (a segment effort: its own id, the row's as `activity_id`).
  if (o.unavailable != null) {
    const { id, activity_id, date, time_zone, source, unavailable: why, ...rest } = o;
    const row = (activity_id ?? id) as string;
    const ok = stravaIds.includes(row) && source === 'strava' && !!date && !!time_zone && Object.keys(rest).length === 0;
    return ok && JSON.stringify(why) === JSON.stringify(unavailable) ? [] : [`${path}: ${JSON.stringify(o)}`];
  }
  return Object.entries(o).flatMap(([k, v]) => {
    if (k !== 'left_out') return stravaMentions(v, stravaIds, unavailable, `${path}.${k}`);
    const by = (v as { by_source?: { source: string }[] }).by_source ?? [];
    return by.every((b) => b.source === 'strava') ? [] : [`${path}.left_out: ${JSON.stringify(v)}`];
  });
}

/** An answer as an athlete without the Strava rows would be told it: their items and `left_out` taken out, ids by name. */
export function withoutStrava(answer: unknown, names: Map<string, string>): unknown {
  if (typeof answer === 'string') return answer.replace(UUID, (id) => names.get(id) ?? 'ID');
  if (Array.isArray(answer))
    return answer
      .filter((x) => !(typeof x === 'object' && x !== null && (x as { unavailable?: unknown }).unavailable != null))
      .map((x) => withoutStrava(x, names));
  if (typeof answer !== 'object' || answer === null) return answer;
  return Object.fromEntries(
    Object.entries(answer)
      .filter(([k]) => k !== 'left_out')
      .map(([k, v]) => [k, withoutStrava(v, names)]),
  );
}
