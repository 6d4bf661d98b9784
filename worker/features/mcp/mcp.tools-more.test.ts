// segments, library and race_plan through real clients of both protocol generations: each result valid against the
// output schema the client was given, with receipts; an effort on a Strava API copy `unavailable` with no figure and
// left out of the ranks; a segment cut from one without figures; another athlete's segment and race not found, their
// library not listed; no race a clear empty answer; a brand-new athlete's race "not enough data yet"; a key's scopes.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addDays } from '../../lib/dates';
import { analyticsWorld } from '../../testing/analytics';
import { Harness } from '../../testing/harness';
import { giveTier } from '../../testing/scenarios';
import { runOn, today } from '../analytics/analytics.testing';
import { makeKey } from '../api-keys/api-keys.testing';
import { effort, ride } from '../maps/segments/segments.testing';
import { STRAVA_UNAVAILABLE } from './mcp.schema';
import { connect, type McpClient } from './mcp.testing';
import { figuresIn } from '../../testing/figures';

type Result = { structuredContent?: Record<string, unknown>; content: { type: string; text?: string }[]; isError?: boolean };
type Row = Record<string, unknown>;

const INTERVALS = {
  sport: 'bike',
  type: 'intervals',
  title: 'Bike 4 × 4 min',
  workout: {
    steps: [
      { kind: 'warmup', durationSec: 600, distanceM: null, target: { metric: 'power', low: 0.55, high: 0.65 } },
      {
        kind: 'repeat',
        count: 4,
        steps: [
          { kind: 'work', durationSec: 240, distanceM: null, target: { metric: 'power', unit: 'W', low: 300, high: 320 } },
          { kind: 'recovery', durationSec: 120, distanceM: null, target: { metric: 'hr', unit: 'bpm', low: 120, high: 130 } },
        ],
      },
    ],
  },
};
const EASY_RUN = { sport: 'run', type: 'easy', title: 'Easy hour', durationSec: 3600, targetLoad: 50 };

async function world() {
  const h = Harness.init();
  const [me, other] = await Promise.all([h.signup(), h.signup()]);
  const segment = (cookie: string, activityId: string, name: string) =>
    h.json<{ id: string }>('/api/v1/segments', { body: { activityId, fromS: 60, toS: 300, name }, cookie });
  // Three rides over the same road: two from files, the fastest a Strava API copy.
  const [r1, r2, rs] = [
    await ride(h, me.user.id, { daysAgo: 3 }),
    await ride(h, me.user.id, { daysAgo: 2 }),
    await ride(h, me.user.id, { daysAgo: 1, source: 'strava' }),
  ];
  const hill = (await segment(me.cookie, r1.id, 'Hill')).body.id;
  const efforts = {
    r1: await effort(h, { segmentId: hill, activity: r1, userId: me.user.id, startS: 60, elapsedS: 250 }),
    r2: await effort(h, { segmentId: hill, activity: r2, userId: me.user.id, startS: 61, elapsedS: 230 }),
    rs: await effort(h, { segmentId: hill, activity: rs, userId: me.user.id, startS: 62, elapsedS: 199 }),
  };
  const cutFromStrava = (await segment(me.cookie, rs.id, 'Strava stretch')).body.id;
  const theirSegment = (await segment(other.cookie, (await ride(h, other.user.id)).id, 'Theirs')).body.id;
  // Bests for the prediction: two from files, a faster half from Strava's API that must not count.
  const w = analyticsWorld(h.db);
  const runs = {
    fiveK: (
      await w.activities.ingest(
        me.user.id,
        runOn(20, { source: 'fit_upload', name: 'Parkrun', distanceM: 5000, movingTimeS: 1260, elapsedTimeS: 1260 }),
      )
    ).id,
    tenK: (
      await w.activities.ingest(
        me.user.id,
        runOn(35, { source: 'gpx_upload', name: 'Club 10K', distanceM: 10000, movingTimeS: 2640, elapsedTimeS: 2640 }),
      )
    ).id,
    strava: (
      await w.activities.ingest(
        me.user.id,
        runOn(30, { source: 'strava', name: 'Strava half', distanceM: 21098, movingTimeS: 5000, elapsedTimeS: 5000 }),
      )
    ).id,
  };
  const race = (cookie: string, name: string, days: number) =>
    h.json<{ id: string }>('/api/v1/races', { body: { name, distanceM: 10000, raceDate: addDays(today(), days) }, cookie });
  const river = (await race(me.cookie, 'River 10K', 60)).body.id;
  const later = (await race(me.cookie, 'Autumn 10K', 90)).body.id;
  const theirRace = (await race(other.cookie, 'Their 10K', 30)).body.id;
  const lib = (cookie: string, body: object) => h.json<{ id: string }>('/api/v1/library/workouts', { body, cookie });
  const intervals = (await lib(me.cookie, INTERVALS)).body.id;
  const easy = (await lib(me.cookie, EASY_RUN)).body.id;
  const theirWorkout = (await lib(other.cookie, { ...EASY_RUN, title: 'Their run' })).body.id;
  return {
    h,
    me,
    other,
    rides: { r1, r2, rs },
    hill,
    efforts,
    cutFromStrava,
    theirSegment,
    runs,
    river,
    later,
    theirRace,
    intervals,
    easy,
    theirWorkout,
  };
}

/** Calls a tool and checks its result against the output schema the client received (not the server's own object). */
async function call(client: McpClient, schemas: Map<string, unknown>, name: string, args: Record<string, unknown> = {}) {
  const res = (await client.callTool({ name, arguments: args })) as Result;
  expect(res.isError ?? false, `${name}: ${res.content[0]?.text}`).toBe(false);
  const parsed = z.fromJSONSchema(schemas.get(name) as Parameters<typeof z.fromJSONSchema>[0]).safeParse(res.structuredContent);
  expect(parsed.success, `${name}: ${parsed.error?.message}`).toBe(true);
  expect(JSON.stringify(res.structuredContent).length / 4, name).toBeLessThan(25_000);
  return res.structuredContent as Row;
}

describe.each(['modern', 'legacy'] as const)('segments, library and race_plan, %s client', (generation) => {
  it('answer with receipts, Strava’s API copies unavailable and unranked, another athlete’s ids not found', async () => {
    const w = await world();
    const client = await connect(generation, w.me.cookie);
    const schemas = new Map((await client.listTools()).tools.map((t) => [t.name, t.outputSchema]));
    for (const name of ['segments', 'library', 'race_plan']) expect(schemas.get(name), name).toBeTruthy();

    const list = await call(client, schemas, 'segments');
    const segs = list.segments as Row[];
    expect(segs.map((s) => s.name).sort()).toEqual(['Hill', 'Strava stretch']);
    const hill = segs.find((s) => s.id === w.hill)!;
    // The PR is the fastest effort Cadence may pass on: the Strava copy's 199 s is not it.
    expect(hill).toMatchObject({
      effort_count: 2,
      left_out: { count: 1, by_source: [{ source: 'strava', count: 1 }], ...STRAVA_UNAVAILABLE },
      unavailable: null,
      pr: { elapsed_time_s: 230, activity_id: w.rides.r2.id },
    });
    expect(hill.distance_m).toBeGreaterThan(1800);
    expect(segs.find((s) => s.id === w.cutFromStrava)).toMatchObject({
      source_activity_id: w.rides.rs.id,
      distance_m: null,
      climb_m: null,
      grade_percent: null,
      unavailable: STRAVA_UNAVAILABLE,
    });

    const one = await call(client, schemas, 'segments', { segment_id: w.hill, limit: 2 });
    const page1 = one.efforts as Row[];
    // Newest first: the Strava copy's effort is there as done, with no figure at all.
    expect(page1[0]).toEqual({
      id: w.efforts.rs,
      activity_id: w.rides.rs.id,
      date: expect.any(String),
      time_zone: 'UTC',
      source: 'strava',
      unavailable: STRAVA_UNAVAILABLE,
    });
    expect(page1[1]).toMatchObject({ id: w.efforts.r2, activity_id: w.rides.r2.id, elapsed_time_s: 230, rank: 1, of: 2, pr: true });
    const page2 = await call(client, schemas, 'segments', { segment_id: w.hill, limit: 2, cursor: one.next_cursor });
    expect(page2.efforts).toMatchObject([{ id: w.efforts.r1, elapsed_time_s: 250, rank: 2, of: 2, pr: false, time_zone: 'UTC' }]);
    expect(page2.next_cursor).toBeNull();
    expect(figuresIn(JSON.stringify([list, one, page2]))).not.toContain(199);

    const lib = await call(client, schemas, 'library');
    const workouts = lib.workouts as Row[];
    expect(workouts.map((x) => x.id).sort()).toEqual([w.intervals, w.easy].sort());
    expect(JSON.stringify(lib)).not.toContain(w.theirWorkout);
    const bike = workouts.find((x) => x.id === w.intervals)!;
    expect(bike).toMatchObject({ name: 'Bike 4 × 4 min', sport: 'bike', duration_s: 600 + 4 * 360 });
    expect(bike.steps).toEqual([
      'warmup 600 s at ftp_percent 55–65',
      '4× [work 240 s at power_w 300–320; recovery 120 s at hr_bpm 120–130]',
    ]);
    expect(bike.load_basis).toMatch(/steps/);
    expect(workouts.find((x) => x.id === w.easy)).toMatchObject({ duration_s: 3600, planned_load: 50, steps: [] });
    const runsOnly = await call(client, schemas, 'library', { sport: 'run' });
    expect((runsOnly.workouts as Row[]).map((x) => x.id)).toEqual([w.easy]);

    const plan = await call(client, schemas, 'race_plan');
    expect(plan.race).toMatchObject({ id: w.river, name: 'River 10K', date: addDays(today(), 60), days_to_race: 60, time_zone: 'UTC' });
    expect(plan.other_races).toEqual([{ id: w.later, name: 'Autumn 10K', date: addDays(today(), 90) }]);
    const p = plan.prediction as { state: string; finish_mid_s: number; methods: { bests: { activity_id: string }[] }[] };
    expect(p.state, JSON.stringify(plan.prediction)).toBe('predicted');
    const receipts = p.methods.flatMap((m) => m.bests.map((b) => b.activity_id));
    expect(receipts).toEqual(expect.arrayContaining([w.runs.fiveK, w.runs.tenK]));
    expect(receipts).not.toContain(w.runs.strava);
    const pacing = plan.pacing as { state: string; splits: { km: number; pace_s_per_km: number; clock_s: number }[] };
    expect(pacing.state).toBe('planned');
    expect(pacing.splits).toHaveLength(10);
    expect(pacing.splits.at(-1)!.clock_s).toBeCloseTo(p.finish_mid_s, -1);
    expect(plan.fuelling).toMatchObject({ state: 'planned', carbs_g_per_h: expect.any(Number), fluid_ml_per_h_low: expect.any(Number) });
    const byId = await call(client, schemas, 'race_plan', { race_id: w.later });
    expect(byId.race).toMatchObject({ id: w.later });

    for (const [name, args] of [
      ['segments', { segment_id: w.theirSegment }],
      ['race_plan', { race_id: w.theirRace }],
    ] as const) {
      const res = (await client.callTool({ name, arguments: args })) as Result;
      expect(res.isError, name).toBe(true);
      expect(res.content[0]?.text, name).toMatch(/not found/i);
      expect(JSON.stringify(res)).not.toMatch(/Theirs|Their 10K/);
    }
    await client.close();
  });
});

describe('race_plan without a race or a basis', () => {
  it('no race: a clear empty answer; a race with no bests: "not enough data yet", no pacing or fuelling', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const client = await connect('modern', me.cookie);
    const schemas = new Map((await client.listTools()).tools.map((t) => [t.name, t.outputSchema]));
    const none = await call(client, schemas, 'race_plan');
    expect(none).toMatchObject({ race: null, prediction: null, pacing: null, fuelling: null, other_races: [] });
    expect(none.empty).toMatch(/No upcoming race/);
    const made = await h.json('/api/v1/races', {
      body: { name: 'First 5K', distanceM: 5000, raceDate: addDays(today(), 40) },
      cookie: me.cookie,
    });
    expect(made.status).toBe(201);
    const bare = await call(client, schemas, 'race_plan');
    expect(bare.prediction).toMatchObject({ state: 'not_enough_data', finish_mid_s: null, methods: [] });
    expect((bare.prediction as { reason: string }).reason).toMatch(/^Not enough data yet/);
    expect(bare.pacing).toMatchObject({ state: 'none', splits: [] });
    expect(bare.fuelling).toMatchObject({ state: 'none', stops: [] });
    await client.close();
  });
});

describe('the new tools with an API key', () => {
  it('a key with activities:read and analytics:read is offered segments, not library or race_plan', async () => {
    const h = Harness.init();
    const me = await h.signup();
    await giveTier(h, me.user.id, 'pro');
    const key = await makeKey(h, me.cookie, ['activities:read', 'analytics:read']);
    const client = await connect('modern', null, [], key.secret);
    const listed = (await client.listTools()).tools.map((t) => t.name);
    expect(listed).toContain('segments');
    expect(listed).not.toContain('library');
    expect(listed).not.toContain('race_plan');
    const refused = await client.callTool({ name: 'race_plan', arguments: {} }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: -32602 });
    expect(await client.callTool({ name: 'segments', arguments: {} })).toMatchObject({ structuredContent: { segments: [] } });
    await client.close();
  });
});
