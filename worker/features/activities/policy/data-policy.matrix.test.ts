// The data policy from outside, in both modes (ADR 036): one activity per source, then every route that
// declares a data use (read from the OpenAPI document, not a hand list) is asked over HTTP what it shows or
// counts, and that must be exactly what the table allows that use. A route with a data use and no probe
// fails the first test until it gets one or a written reason.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates';
import { Harness } from '../../../testing/harness';
import { llmRequests } from '../../../testing/llm-sandbox';
import { coachOrg } from '../../../testing/scenarios';
import { askJson, coachAthlete } from '../../ai-coach/turn/e2e.testing';
import { ACTIVITY_SOURCES, type ActivitySource } from '../activity.types';
import { policyFor } from './policy';
import { type DataUse, POLICY_MODES, type PolicyMode } from './policy.table';

type World = Awaited<ReturnType<typeof world>>;
type Seen = Set<ActivitySource>;
/** What a route showed or counted; `expect` overrides "exactly the allowed sources" where the route shows one of them by design. */
type Probe = {
  run: (w: World) => Promise<Seen>;
  expected?: (allowed: ActivitySource[]) => ActivitySource[];
  /** Shows some of the allowed sources by design (the model sees what its tools picked): none outside them, at least one. */
  someOf?: true;
};

// Source i gets a run i+1 days ago of 10 000 + 2^i metres in 3 000 + 2^i seconds: a sum of distances or
// times names exactly the sources it counted.
const DISTANCE = 10_000;
const MOVING = 3_000;
const bit = (i: number) => 2 ** i;
const decode = (sum: number, base: number): Seen => {
  const k = Math.floor(sum / base);
  const bits = Math.round(sum - k * base);
  return new Set(ACTIVITY_SOURCES.filter((_, i) => (bits & bit(i)) !== 0));
};

async function world(h: Harness, mode: PolicyMode) {
  const tag = crypto.randomUUID().slice(0, 8);
  const nameOf = (s: ActivitySource) => `Probe ${s} ${tag}`;
  const a = await coachAthlete(h, {
    pro: true,
    history: ACTIVITY_SOURCES.map((source, i) => ({
      daysAgo: i + 1,
      source,
      externalId: `probe-${source}-${tag}`,
      name: nameOf(source),
      distanceM: DISTANCE + bit(i),
      movingTimeS: MOVING + bit(i),
      elapsedTimeS: MOVING + bit(i) + 60,
    })),
  });
  const ids = Object.fromEntries(ACTIVITY_SOURCES.map((s, i) => [s, a.activityIds[i]!])) as Record<ActivitySource, string>;
  // A note on every activity, so the coach's list of notes has something to leave out.
  for (const s of ACTIVITY_SOURCES) {
    const r = await h.call(`/api/v1/activities/${ids[s]}/notes`, { method: 'PATCH', cookie: a.cookie, body: { note: `felt fine ${s}` } });
    expect(r.status).toBe(200);
  }
  const org = await coachOrg(h, { name: `Policy ${tag}` });
  const client = await org.addClient('Policy Client');
  await org.linkAthlete(client.id, { email: (await h.userById(a.user.id))!.email, cookie: a.cookie });
  // The operator switch, as Ops Pulse uses it.
  const operator = await h.userWithRole('admin', ['system.data_policy', 'ops.read']);
  const set = await h.json<{ mode: PolicyMode }>('/api/v1/admin/ops/data-policy', {
    method: 'PUT',
    cookie: operator.cookie,
    body: { mode },
  });
  expect(set.status).toBe(200);
  expect(set.body.mode).toBe(mode);
  return { h, a, ids, tag, nameOf, coach: org.coach, clientId: client.id, today: todayIn('UTC', new Date()) };
}

const namesIn = (w: World, body: unknown): Seen => {
  // Names may sit inside strings of strings (a model request's tool results): match the bare name.
  const text = JSON.stringify(body);
  return new Set(ACTIVITY_SOURCES.filter((s) => text.includes(w.nameOf(s))));
};
const get = async (w: World, path: string, cookie: string) => {
  const r = await w.h.json(path, { cookie });
  expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
};
/** One request per activity: the sources answered 200 (the others must be 404, as someone else's activity). */
const perActivity = async (w: World, path: (id: string) => string, cookie: string): Promise<Seen> => {
  const seen: Seen = new Set();
  for (const s of ACTIVITY_SOURCES) {
    const res = await w.h.call(path(w.ids[s]), { cookie });
    expect([200, 404], `${path(w.ids[s])}`).toContain(res.status);
    if (res.status === 200) seen.add(s);
  }
  return seen;
};
const range = (w: World) => `from=${addDays(w.today, -12)}&to=${w.today}`;
const owner = (w: World) => w.a.cookie;
const coach = (w: World) => w.coach.cookie;
type Totals = { distanceM: number; movingS: number };
const sum = (xs: Totals[], k: keyof Totals) => xs.reduce((t, x) => t + x[k], 0);

/** Routes with a data use and how to read from outside what each showed, keyed as `METHOD /openapi/path`. */
const PROBES: Record<string, Probe> = {
  'GET /api/v1/activities': { run: async (w) => namesIn(w, await get(w, '/api/v1/activities?limit=50', owner(w))) },
  'GET /api/v1/activities/search': { run: async (w) => namesIn(w, await get(w, '/api/v1/activities/search?limit=50', owner(w))) },
  'GET /api/v1/activities/{id}': { run: (w) => perActivity(w, (id) => `/api/v1/activities/${id}`, owner(w)) },
  'GET /api/v1/activities/{id}/notes': { run: (w) => perActivity(w, (id) => `/api/v1/activities/${id}/notes`, owner(w)) },
  'GET /api/v1/activities/{id}/intervals': { run: (w) => perActivity(w, (id) => `/api/v1/activities/${id}/intervals`, owner(w)) },
  'GET /api/v1/activities/{id}/streams': { run: (w) => perActivity(w, (id) => `/api/v1/activities/${id}/streams`, owner(w)) },
  'GET /api/v1/analytics/activities/{id}': { run: (w) => perActivity(w, (id) => `/api/v1/analytics/activities/${id}`, owner(w)) },
  'GET /api/v1/analytics/weekly-volume': {
    run: async (w) => {
      const b = (await get(w, '/api/v1/analytics/weekly-volume?weeks=4', owner(w))) as { weeks: { total: Totals }[] };
      return decode(
        sum(
          b.weeks.map((x) => x.total),
          'distanceM',
        ),
        DISTANCE,
      );
    },
  },
  'GET /api/v1/analytics/sport-distribution': {
    run: async (w) => {
      const b = (await get(w, '/api/v1/analytics/sport-distribution?weeks=4', owner(w))) as { sports: Totals[] };
      return decode(sum(b.sports, 'distanceM'), DISTANCE);
    },
  },
  'GET /api/v1/analytics/heatmap': {
    run: async (w) => {
      const b = (await get(w, `/api/v1/analytics/heatmap?year=${w.today.slice(0, 4)}`, owner(w))) as { days: Totals[] };
      const inWindow = (b.days as (Totals & { date: string })[]).filter((d) => d.date >= addDays(w.today, -12));
      return decode(sum(inWindow, 'movingS'), MOVING);
    },
  },
  'GET /api/v1/analytics/fitness': { run: async (w) => namesIn(w, await get(w, '/api/v1/analytics/fitness?days=30', owner(w))) },
  'GET /api/v1/calendar': { run: async (w) => namesIn(w, await get(w, `/api/v1/calendar?${range(w)}`, owner(w))) },
  'GET /api/v1/coach/clients/{id}/training': {
    run: async (w) => {
      const b = (await get(w, `/api/v1/coach/clients/${w.clientId}/training`, coach(w))) as { weeks: Totals[] };
      const counted = decode(sum(b.weeks, 'distanceM'), DISTANCE);
      // What it lists and what it counts must agree.
      expect([...namesIn(w, b)].sort()).toEqual([...counted].sort());
      return counted;
    },
  },
  'GET /api/v1/coach/clients/{id}/activities/{activityId}/streams': {
    run: (w) => perActivity(w, (id) => `/api/v1/coach/clients/${w.clientId}/activities/${id}/streams`, coach(w)),
  },
  // The coach's activity page: only where the table lets a coach see it (ADR 061).
  'GET /api/v1/coach/clients/{id}/activities/{activityId}': {
    run: (w) => perActivity(w, (id) => `/api/v1/coach/clients/${w.clientId}/activities/${id}`, coach(w)),
  },
  // The coach's thread on a client's activity answers only where the table lets a coach see it.
  'GET /api/v1/coach/clients/{id}/activities/{activityId}/comments': {
    run: (w) => perActivity(w, (id) => `/api/v1/coach/clients/${w.clientId}/activities/${id}/comments`, coach(w)),
  },
  'GET /api/v1/coach/clients/{id}/activity-notes': {
    run: async (w) => namesIn(w, await get(w, `/api/v1/coach/clients/${w.clientId}/activity-notes`, coach(w))),
  },
  'GET /api/v1/coach/clients/{id}/calendar': {
    run: async (w) => namesIn(w, await get(w, `/api/v1/coach/clients/${w.clientId}/calendar?${range(w)}`, coach(w))),
  },
  // The dashboard shows each client's latest activity the coach may see: the newest allowed one.
  'GET /api/v1/coach/dashboard': {
    run: async (w) => namesIn(w, await get(w, '/api/v1/coach/dashboard', coach(w))),
    expected: (allowed) => ACTIVITY_SOURCES.filter((s) => allowed.includes(s)).slice(0, 1),
  },
  // Every request body the model sandbox received for this athlete: no Strava-API row's name, and only allowed ones.
  'POST /api/v1/ai-coach/conversations/{id}/messages': {
    run: async (w) => {
      const m = await askJson(w.h, w.a, 'What should I learn from my 3 longest runs this month?');
      expect(m.status, m.content).toBe('complete');
      const bodies = (await llmRequests(w.a.user.id)).map((r) => r.body);
      expect(bodies.length).toBeGreaterThan(0);
      return namesIn(w, bodies);
    },
    someOf: true,
  },
};

/** Routes with a data use not probed here, and why (each is a read another test covers, or a write). */
const SOCIAL_POSTS =
  'posts refuse a source the social use forbids and the serializer drops one at read time (social/posts/posts.api.test.ts: a Strava API activity never reaches another account)';
/** The people routes name people (the serializer's SocialPerson) and follow states: no activity data at all. */
const PEOPLE = 'people as the serializer shows them and the follow state; no activity data (social/people/*.test.ts)';
/** The athlete's race mark: place and field on their own activity, which the racing awards read (ADR 084). */
const RACE = 'the owner’s race mark (place, field) on their own activity; no activity data answered (social/awards/races.api.test.ts)';
const NOT_PROBED: Record<string, string> = {
  'GET /api/v1/social/follows/requests': PEOPLE,
  'GET /api/v1/social/following': PEOPLE,
  'GET /api/v1/social/followers': PEOPLE,
  'GET /api/v1/social/blocks': PEOPLE,
  'GET /api/v1/social/mutes': PEOPLE,
  'GET /api/v1/social/people': PEOPLE,
  'GET /api/v1/social/people/{userId}': PEOPLE,
  'GET /api/v1/social/public/people/{userId}': PEOPLE,
  'GET /api/v1/social/achievements':
    'the owner’s own awards: judgeActivities under the owner’s policy (social/awards/achievements.api.test.ts)',
  'GET /api/v1/social/people/{userId}/achievements':
    'only awards also earned without a source whose social use is off, on those receipts (achievements.api.test.ts: Strava-only awards stay hidden)',
  'GET /api/v1/social/leaderboards':
    'board weeks built by judgeActivities under the social policy: a Strava API activity never counts (leaderboards.api.test.ts)',
  'POST /api/v1/social/leaderboards/reviews': 'a review request on the owner’s own activity; no activity data answered',
  'GET /api/v1/social/activities/{activityId}/race': RACE,
  'PUT /api/v1/social/activities/{activityId}/race': RACE,
  'DELETE /api/v1/social/activities/{activityId}/race': RACE,
  'GET /api/v1/social/activities/{activityId}/composer': SOCIAL_POSTS,
  'POST /api/v1/social/posts': SOCIAL_POSTS,
  'GET /api/v1/social/posts/{id}': SOCIAL_POSTS,
  'PATCH /api/v1/social/posts/{id}': SOCIAL_POSTS,
  'GET /api/v1/social/feed': SOCIAL_POSTS,
  'GET /api/v1/social/posts/{id}/kudos': SOCIAL_POSTS,
  'PUT /api/v1/social/posts/{id}/kudos': SOCIAL_POSTS,
  'DELETE /api/v1/social/posts/{id}/kudos': SOCIAL_POSTS,
  'GET /api/v1/social/posts/{id}/comments': SOCIAL_POSTS,
  'POST /api/v1/social/posts/{id}/comments': SOCIAL_POSTS,
  'GET /api/v1/activities/{id}/streams/range': 'the same readable() gate as /streams, which is probed',
  'POST /api/v1/activities/{id}/split': 'a write on the owner’s own duplicate group',
  'POST /api/v1/activities/bulk': 'a write on the owner’s own rows, through the same owner sources as /search (probed)',
  'POST /api/v1/activities/bulk/{editId}/undo': 'puts back what a bulk edit changed on the owner’s own rows',
  'PATCH /api/v1/activities/{id}/notes': 'a write; the owner’s read of the same row is probed',
  'GET /api/v1/analytics/personal-bests': 'needs recorded best efforts; the sources come from the same sourcesFor as weekly-volume',
  'GET /api/v1/analytics/age-grades': 'as personal-bests',
  'GET /api/v1/analytics/efficiency': 'needs heart-rate streams; the same sourcesFor as weekly-volume',
  'GET /api/v1/analytics/curves':
    'needs streams; the same sourcesFor as weekly-volume, and curves.store.test holds a Strava point out of strict analytics',
  'GET /api/v1/analytics/models': 'the curves read of the last 90 days (see curves)',
  'GET /api/v1/coach/clients/{id}/curves':
    'needs streams; client-curves.test holds a Strava ride with the best 5 minutes out of the coach’s curve, and says so',
  'GET /api/v1/coach/clients/{id}/models': 'the coach’s curves read of the last 90 days (client-curves.test)',
  'GET /api/v1/activities/tombstones': 'the owner’s own tombstones: a provider and its id, no activity data',
  'POST /api/v1/activities/tombstones/bring-back': 'removes one of the owner’s own tombstones',
  'GET /api/v1/analytics/trends/zones':
    'needs streams and a threshold; the same sourcesFor as weekly-volume, and trends.api.test holds a Strava run out of strict analytics',
  'GET /api/v1/analytics/trends/efficiency': 'the efficiency points (see efficiency) grouped by month',
  'GET /api/v1/analytics/activities/{id}/curve':
    'the activity’s own curve is the owner’s view of it (every source, like /streams); the season beside it only where analytics may combine the source (activity-curve.api.test, strict mode)',
  'GET /api/v1/analytics/activities/{id}/w-balance':
    'the owner’s activity, with a model only where analytics may combine its source (activity-curve.api.test); the model reads the curves sources (see curves)',
  'GET /api/v1/wellness/days': 'wellness readings (check-ins and device days), not activities; the owner’s only',
  'PUT /api/v1/wellness/days/{day}/check-in': 'a write of the owner’s own check-in',
  'GET /api/v1/wellness/readiness': 'HRV and resting HR readings, not activities',
  'GET /api/v1/wellness/findings':
    'the N=1 engine: its training facts through analytics’ engineFacts with the same sourcesFor(analytics) as weekly-volume (probed), its wellness through wellnessSourcesFor(analytics)',
  'GET /api/v1/wellness/findings/{key}':
    'one question of the same engine state as /findings (its receipts are the analytics reads’ activities)',
  'GET /api/v1/wellness/why': 'the engine’s inputs through the same reader as /findings, and its findings for the chart',
  'GET /api/v1/coach/clients/{id}/wellness':
    'wellness readings only, no activity data, and only on the athlete’s second consent (client-wellness.test)',
  'GET /api/v1/analytics/models/history': 'the curves and facts of the same sourcesFor as curves, every week (see curves)',
  'GET /api/v1/analytics/insights': 'built from the probed fitness, volume and bests reads',
  'GET /api/v1/analytics/thresholds': 'thresholds, not activities; estimates come from analytics reads',
  'GET /api/v1/intake': 'a summary from fitness and weekly volume (probed) and plan-fitness longestSince',
  'POST /api/v1/plans/preview': 'plan generation inputs from fitness and weekly volume (probed)',
  'POST /api/v1/plans': 'as preview',
  'POST /api/v1/plans/{planId}/rebuild': 'as preview',
  'GET /api/v1/plans/{planId}/calendar': 'plan matching through the same matchRange sources as /calendar (probed)',
  'GET /api/v1/coach/clients/{id}/plan': 'the client plan’s workouts; its matches as /clients/{id}/calendar (probed)',
  'GET /api/v1/coach/clients/{id}/plan/calendar': 'as /clients/{id}/calendar (probed)',
  'GET /api/v1/comments/activities/{id}':
    'the athlete’s own threads on their own activity: every source answers, with the reason a coach cannot see it (comments.api.test)',
  'POST /api/v1/coach/clients/{id}/activities/{activityId}/comments': 'the same subject check as the thread (probed)',
  'GET /api/v1/coach/clients/{id}/activities/{activityId}/streams/range':
    'the same readable() gate as the coach’s activity read (probed), then the streams service with the coach use',
  'POST /api/v1/coach/clients/{id}/activities/{activityId}/comments/read': 'the same subject check as the thread (probed)',
  'GET /api/v1/ingestion': 'counts for the Data sources page (owner: every source in both modes)',
  'GET /api/v1/imports': 'the athlete’s own upload jobs',
  'GET /api/v1/imports/{id}': 'one upload job',
  'GET /api/v1/connections/{provider}': 'a live door’s connection state and the uses its source row allows',
  'GET /api/v1/ai-coach/conversations/{id}/stream': 'replays the turn the messages route ran (probed)',
  'POST /api/v1/ai-coach/conversations/{id}/stop': 'stops a turn',
  'POST /api/v1/ai-coach/messages/{id}/retry': 'runs the same turn as messages (probed)',
  'GET /api/v1/ai-coach/conversations/{id}': 'the stored answers of probed turns',
  'POST /api/v1/ai-coach/conversations': 'creates an empty conversation',
  'GET /api/v1/ai-coach/proposals/{id}': 'a proposal the coach made in a probed turn',
  'POST /api/v1/ai-coach/proposals/{id}/confirm': 'applies a proposal (workout control)',
  'POST /api/v1/ai-coach/proposals/{id}/reject': 'a write',
  'POST /api/v1/admin/athletes/{athleteId}/coach-proposals/{id}/confirm': 'an operator applying a proposal',
  'GET /api/v1/privacy/exports/{id}/download':
    'the athlete’s own archive: every row held about them, Strava’s marked by source, in both modes (the right of access; export.test reads it)',
};

async function declaredUses(h: Harness): Promise<Map<string, DataUse | 'none'>> {
  const doc = (await h.json<{ paths: Record<string, Record<string, { 'x-data-use'?: DataUse | 'none' }>> }>('/api/openapi.json')).body;
  const out = new Map<string, DataUse | 'none'>();
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) out.set(`${method.toUpperCase()} ${path}`, op['x-data-use'] as DataUse | 'none');
  return out;
}

describe('the data policy over HTTP', () => {
  it('every operation declares its data use, and every one that uses activity data is probed below or says why not', async () => {
    const h = Harness.init();
    const uses = await declaredUses(h);
    const undeclared = [...uses].filter(([, u]) => u === undefined).map(([k]) => k);
    expect(undeclared).toEqual([]);
    const withData = [...uses].filter(([, u]) => u !== 'none').map(([k]) => k);
    expect(withData.filter((k) => !PROBES[k] && !NOT_PROBED[k])).toEqual([]);
    // No stale rows: every probe and reason names a real operation with a data use.
    expect([...Object.keys(PROBES), ...Object.keys(NOT_PROBED)].filter((k) => !withData.includes(k))).toEqual([]);
  });

  for (const mode of POLICY_MODES)
    it(`${mode} mode: each probed route shows and counts exactly the sources the table allows its use`, async () => {
      const h = Harness.init();
      const w = await world(h, mode);
      const uses = await declaredUses(h);
      const policy = policyFor(mode);
      const wrong: string[] = [];
      for (const [key, probe] of Object.entries(PROBES)) {
        const use = uses.get(key);
        if (!use || use === 'none') throw new Error(`${key}: no data use declared`);
        const allowed = policy.sourcesFor(use);
        const want = (probe.expected ?? ((x) => x))(allowed).sort();
        const got = [...(await probe.run(w))].sort();
        const ok = probe.someOf ? got.length > 0 && got.every((s) => want.includes(s)) : JSON.stringify(got) === JSON.stringify(want);
        if (!ok) wrong.push(`${key} (${use}): showed [${got}] but the table allows [${want}]`);
      }
      expect(wrong).toEqual([]);
    });
});
