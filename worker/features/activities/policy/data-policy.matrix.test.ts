// The data policy from outside, in both modes (ADR 036): one activity per source, then every route that
// declares a data use (read from the OpenAPI document, not a hand list) is asked over HTTP what it shows or
// counts, and that must be exactly what the table allows that use. A route with a data use and no probe
// fails the first test until it gets one or a written reason; one the document cannot list (/mcp, the CSV
// exports) until it names where it is read (/mcp: every tool, in data-policy.mcp.test.ts).
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates';
import { Harness } from '../../../testing/harness';
import { llmRequests } from '../../../testing/llm-sandbox';
import { coachOrg } from '../../../testing/scenarios';
import { askJson, coachAthlete } from '../../ai-coach/turn/e2e.testing';
import { ACTIVITY_SOURCES, type ActivitySource } from '../activity.types';
import { policyFor } from './policy';
import { type DataUse, POLICY_MODES, type PolicyMode } from './policy.table';
import { ALL } from '../../../http/route-table.testing';
import { NOT_PROBED, OUTSIDE_THE_DOCUMENT } from './data-policy.not-probed.testing';

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
    // Routes the document cannot list (plain router routes, /mcp) that declare a data use: each says where it is read.
    const plain = ALL.filter((e) => !e.op && e.declaration && e.declaration.dataUse !== 'none').map((e) =>
      e.key.replace(/:(\w+)/g, '{$1}'),
    );
    expect(plain.filter((k) => !OUTSIDE_THE_DOCUMENT[k])).toEqual([]);
    expect(Object.keys(OUTSIDE_THE_DOCUMENT).filter((k) => !plain.includes(k))).toEqual([]);
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
