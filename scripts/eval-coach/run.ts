// `npm run eval:coach [-- --repeat N] [--json file]`: asks the AI coach ≥ 30 questions about fixture
// athletes whose answers the eval computes itself, and reports accuracy, invented numbers and cost.
// Offline (default) the sandbox model answers: that tests the tool loop, routing, checker and receipts.
// With ANTHROPIC_API_KEY (and MISTRAL_API_KEY) set to real keys, the worker talks to the real APIs.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startStack, takeOverSignals, type Stack } from '../lib/stack.ts';
import { createUsers, login } from '../../bench/users.ts';
import { evalCases, type EvalCase } from './cases.ts';
import { evalAthletes, garminExport, type EvalAthlete } from './fixture.ts';
import { found, invented, readClaims, truthFor } from './score.ts';

const { values: args } = parseArgs({
  options: { repeat: { type: 'string', default: '1' }, json: { type: 'string' }, only: { type: 'string' } },
});
const repeat = Math.max(1, Number(args.repeat));
const real = !!process.env.ANTHROPIC_API_KEY && !process.env.ANTHROPIC_API_KEY.startsWith('sandbox');
const vars: Record<string, string> = real
  ? {
      ANTHROPIC_API_URL: 'https://api.anthropic.com',
      ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY!,
      ...(process.env.MISTRAL_API_KEY ? { MISTRAL_API_URL: 'https://api.mistral.ai', MISTRAL_API_KEY: process.env.MISTRAL_API_KEY } : {}),
    }
  : {};

const aborter = new AbortController();
let stack: Stack | null = null;
takeOverSignals(() => {
  aborter.abort();
  void (stack?.stop() ?? Promise.resolve()).then(() => process.exit(130));
});

interface Session {
  cookie: string;
  userId: string;
}

async function api<T>(s: Session, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${stack!.workerUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { cookie: s.cookie, origin: stack!.appUrl, 'content-type': 'application/json', accept: 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

async function until<T>(what: string, f: () => Promise<T | null>, timeoutMs = 180_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await f();
    if (v !== null) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function makeAthlete(db: pg.Client, a: EvalAthlete | { key: 'strava' }, i: number): Promise<Session> {
  const [email] = await createUsers(stack!.databaseUrl, 1, `eval-${a.key}`);
  const cookie = await login(stack!.workerUrl, stack!.appUrl, email!);
  const userId = (await db.query<{ id: string }>('select id from users where email = $1', [email])).rows[0]!.id;
  // Pro for every eval athlete: the questions, not the Free allowance, are under test.
  await db.query(
    "insert into membership_grants (user_id, kind, tier, ends_at, reason) values ($1, 'comp', 'pro', now() + interval '7 days', 'coach eval')",
    [userId],
  );
  const s = { cookie, userId };
  if (!('activities' in a)) {
    await connectStrava(s, 2_000_000 + Math.floor(Math.random() * 1_000_000));
    return s;
  }
  await api(s, '/api/v1/me', { method: 'PATCH', body: { units: a.units, timeZone: a.timeZone } });
  const { strToU8, zipSync } = await import('fflate');
  const zip = zipSync({
    [`DI_CONNECT/DI-Connect-Fitness/eval_${a.key}_summarizedActivities.json`]: strToU8(
      JSON.stringify(garminExport(a, 7_000_000_000 + i * 10_000)),
    ),
  });
  const up = await fetch(`${stack!.workerUrl}/api/v1/imports?filename=garmin-export.zip`, {
    method: 'POST',
    headers: { cookie, origin: stack!.appUrl, 'content-type': 'application/octet-stream' },
    body: new Blob([zip]),
  });
  const job = (await up.json()) as { id: string };
  if (up.status !== 202) throw new Error(`import refused for ${a.key}: ${up.status}`);
  const done = await until(`the ${a.key} import`, async () => {
    const r = await api<{ status: string; imported: number; error?: string }>(s, `/api/v1/imports/${job.id}`);
    return ['done', 'error'].includes(r.body.status) ? r.body : null;
  });
  if (done.status !== 'done' || done.imported !== a.activities.length)
    throw new Error(`${a.key}: imported ${done.imported} of ${a.activities.length} (${done.status} ${done.error ?? ''})`);
  return s;
}

async function connectStrava(s: Session, stravaAthlete: number) {
  const start = await fetch(`${stack!.workerUrl}/api/v1/connections/strava/authorize`, {
    headers: { cookie: s.cookie },
    redirect: 'manual',
  });
  const consent = new URL(start.headers.get('location') ?? '');
  consent.searchParams.set('auto', 'approve');
  consent.searchParams.set('athlete_id', String(stravaAthlete));
  const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location') ?? '');
  await (
    await fetch(`${stack!.workerUrl}${back.pathname}${back.search}`, { headers: { cookie: s.cookie }, redirect: 'manual' })
  ).body?.cancel();
  await until('the Strava backfill', async () => {
    // Recent weeks come first: a dozen activities cover the windows the questions ask about.
    const r = await api<{ total: number }>(s, '/api/v1/activities?limit=1');
    return r.body.total >= 12 ? true : null;
  });
}

interface Outcome {
  id: string;
  run: number;
  pass: boolean;
  why: string[];
  route: string | null;
  invented: string[];
  answer: string;
}

async function ask(s: Session, c: EvalCase, run: number, athlete: EvalAthlete | null, all: EvalCase[]): Promise<Outcome> {
  const conv = await api<{ conversation: { id: string } }>(s, '/api/v1/ai-coach/conversations', { body: { title: `eval ${c.id}` } });
  type Msg = { content: string; route: string | null; proposal: unknown; status: string; errorCode: string | null };
  let last: { status: number; body: { message: Msg } } | null = null;
  for (const [i, q] of c.ask.entries())
    last = await api(s, `/api/v1/ai-coach/conversations/${conv.body.conversation.id}/messages`, {
      body: { text: q, clientMessageId: `eval-${c.id}-${run}-${i}` },
    });
  const m = last!.body.message;
  const why: string[] = [];
  if (last!.status !== 200 || !m)
    return { id: c.id, run, pass: false, why: [`HTTP ${last!.status}`], route: null, invented: [], answer: JSON.stringify(last!.body) };
  const claims = readClaims(m.content, athlete?.units ?? 'km', new Date().getUTCFullYear());
  for (const e of c.expect)
    if (!found(e, claims, m.content)) why.push(`missing ${e.kind === 'text' ? e.label : `${e.kind} ${JSON.stringify(e).slice(0, 60)}`}`);
  if (c.route && m.route !== c.route) why.push(`route ${m.route}, wanted ${c.route}`);
  if (c.noNumbers && claims.some((x) => x.kind !== 'date')) why.push('states numbers where it should not');
  if (c.proposal && !m.proposal) why.push('no proposal');
  if (m.status !== 'complete') why.push(`status ${m.status} (${m.errorCode ?? 'no code'}: ${m.content.slice(0, 80)})`);
  // A guardrail's wording may hold an example date ("e.g. October 5"): not a claim about the athlete.
  // Numbers the question itself holds (an explicit window) are the athlete's, not claims.
  const asked = readClaims(c.ask.join(' '), athlete?.units ?? 'km', new Date().getUTCFullYear());
  // A date in the question starts a window ("since 2026-11-03"): its totals are known values too.
  const starts = asked.filter((x) => x.kind === 'date').map((x) => String(x.value).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3'));
  const truth = [...truthFor(athlete, all, starts), ...asked];
  const inv = m.route === 'guardrail' ? [] : invented(claims, truth).map((x) => x.text);
  return { id: c.id, run, pass: why.length === 0, why, route: m.route, invented: inv, answer: m.content };
}

stack = await startStack({
  seed: false,
  cronTicker: true,
  quiet: !process.env.EVAL_VERBOSE,
  build: 'if-missing',
  signal: aborter.signal,
  vars,
});
const db = new pg.Client({ connectionString: stack.databaseUrl });
db.on('error', () => {});
await db.connect();
try {
  const athletes = evalAthletes();
  const only = args.only?.split(',');
  const cases = evalCases(athletes).filter((c) => !only || only.includes(c.id));
  console.log(`coach eval: ${cases.length} questions × ${repeat}, ${real ? 'REAL models' : 'sandbox model'}`);
  const sessions = new Map<string, Session>();
  for (const [i, a] of [...athletes, { key: 'strava' as const }].entries()) sessions.set(a.key, await makeAthlete(db, a, i));
  // The proposal case needs a plan (made through the plans API, as the demo's is).
  const race = new Date(Date.now() + 12 * 7 * 86_400_000).toISOString().slice(0, 10);
  const made = await api(sessions.get('kim')!, '/api/v1/plans', {
    body: {
      goal: { kind: 'run_half', eventDate: race, eventName: 'Eval Half' },
      availableDays: [1, 2, 4, 6],
      longDay: 6,
      hoursPerWeek: 6,
      includeStrength: false,
    },
  });
  if (made.status !== 201) throw new Error(`the plans API answered ${made.status}: ${JSON.stringify(made.body).slice(0, 200)}`);
  const outcomes: Outcome[] = [];
  for (let run = 1; run <= repeat; run++)
    for (const c of cases) {
      const o = await ask(sessions.get(c.athlete)!, c, run, athletes.find((a) => a.key === c.athlete) ?? null, cases);
      outcomes.push(o);
      console.log(
        `${o.pass ? 'PASS' : 'FAIL'} ${c.id.padEnd(24)} ${String(o.route).padEnd(13)} ${o.why.join('; ')}${o.invented.length ? ` invented: ${o.invented.join(', ')}` : ''}`,
      );
    }
  const ids = [...sessions.values()].map((s) => s.userId);
  const cost = (
    await db.query<{ calls: string; nano: string; fallbacks: string }>(
      "select count(*) calls, coalesce(sum(cost_nano_usd), 0) nano, count(*) filter (where provider = 'mistral') fallbacks from coach_llm_calls where user_id = any($1)",
      [ids],
    )
  ).rows[0]!;
  const checks = (
    await db.query<{ outcome: string | null; n: string }>(
      "select checks->>'outcome' outcome, count(*) n from coach_messages where user_id = any($1) and role = 'assistant' group by 1",
      [ids],
    )
  ).rows;
  const passed = outcomes.filter((o) => o.pass).length;
  const claimsTotal = outcomes.reduce((t, o) => t + readClaims(o.answer, 'km', 2026).length, 0);
  const inventedTotal = outcomes.reduce((t, o) => t + o.invented.length, 0);
  const summary = {
    mode: real ? 'real' : 'sandbox',
    questions: outcomes.length,
    accuracy: passed / outcomes.length,
    inventedNumberRate: claimsTotal ? inventedTotal / claimsTotal : 0,
    routes: Object.fromEntries(['deterministic', 'guardrail', 'model'].map((r) => [r, outcomes.filter((o) => o.route === r).length])),
    modelCalls: Number(cost.calls),
    fallbackCalls: Number(cost.fallbacks),
    costUsd: Number(cost.nano) / 1e9,
    costPerQuestionUsd: Number(cost.nano) / 1e9 / outcomes.length,
    checkerOutcomes: Object.fromEntries(checks.map((r) => [r.outcome ?? 'none', Number(r.n)])),
  };
  console.log(JSON.stringify(summary, null, 2));
  if (args.json) writeFileSync(args.json, JSON.stringify({ summary, outcomes }, null, 2));
  console.log(
    `eval_coach mode=${summary.mode} questions=${summary.questions} accuracy=${summary.accuracy.toFixed(3)} invented_rate=${summary.inventedNumberRate.toFixed(3)} cost_per_question_usd=${summary.costPerQuestionUsd.toFixed(6)}`,
  );
} finally {
  await db.end();
  await stack.stop();
}
