// Bundled by adapt.bench.ts (esbuild, `cloudflare:` modules stubbed) so Node runs the worker's own wiring
// (`createServices`, as a cron tick builds it) against the stack's Postgres through the same driver and proxy: the
// plan is made by the plans service, the history goes in through the activities service (loads, training days,
// the analytics version), and the figures are `adapt.pass` and `adapt.drain` as production wires them (issue 58).
import { sql } from 'drizzle-orm';
import type { ActivityInput } from '../worker/features/activities';
import { athleteOf } from '../worker/features/analytics';
import { readRange, stateOf } from '../worker/features/plans/adapt/adapt-state';
import { triggersOf } from '../worker/features/plans/adapt/adapt-triggers';
import { replan } from '../worker/features/plans/adapt/replan.calc';
import { addDays } from '../worker/lib/dates';
import { createLogger } from '../worker/lib/logger';
import { createServices } from '../worker/wiring';
import { benchEnv } from './entry-env';
import { history } from './analytics.entry';
import { followPlan } from './plans.entry';

type Services = ReturnType<typeof createServices>;
const logger = createLogger('error');
const inertQueue = { send: async () => {}, sendBatch: async () => {} };

// The root wrangler.toml's local development values (the sandbox's worthless keys): the services need them to start.
const VARS = {
  APP_ENV: 'development',
  APP_ORIGIN: 'http://localhost:8787',
  EMAIL_API_URL: 'http://127.0.0.1:8790/email/',
  EMAIL_API_KEY: 'sandbox-key',
  EMAIL_FROM: 'Cadence <no-reply@cadence.test>',
  LOG_LEVEL: 'error',
  STRAVA_CLIENT_ID: '12345',
  STRAVA_CLIENT_SECRET: 'sandbox-secret',
  STRAVA_API_URL: 'http://127.0.0.1:8790/strava/api/v3/',
  STRAVA_OAUTH_URL: 'http://127.0.0.1:8790/strava/oauth/',
  STRAVA_WEBHOOK_VERIFY_TOKEN: 'sandbox-verify-token',
  GARMIN_AUTHORIZE_URL: 'http://127.0.0.1:8790/garmin/oauth2Confirm',
  GARMIN_TOKEN_URL: 'http://127.0.0.1:8790/garmin/di-oauth2-service/oauth/token',
  GARMIN_API_URL: 'http://127.0.0.1:8790/garmin/',
  POLAR_CLIENT_ID: '7e5a1c2d-90b4-4f7e-a1d3-5c0ffee0a11c',
  POLAR_CLIENT_SECRET: 'polar-sandbox-secret-dev-only',
  POLAR_API_URL: 'http://127.0.0.1:8790/polar/accesslink/',
  POLAR_AUTH_URL: 'http://127.0.0.1:8790/polar/flow/oauth2/authorization',
  POLAR_TOKEN_URL: 'http://127.0.0.1:8790/polar/remote/v2/oauth2/token',
  STRIPE_API_URL: 'http://127.0.0.1:8790/stripe/',
  STRIPE_SECRET_KEY: 'sk_test_sandbox',
  STRIPE_WEBHOOK_SECRET: 'whsec_sandbox_dev_only',
  TWILIO_API_URL: 'http://127.0.0.1:8790/twilio/',
  TWILIO_ACCOUNT_SID: 'ACc0ffee00000000000000000000000000',
  TWILIO_AUTH_TOKEN: 'sandbox-twilio-auth-token-dev-only',
  TWILIO_MESSAGING_SERVICE_SID: 'MGc0ffee00000000000000000000000000',
  ANTHROPIC_API_URL: 'http://127.0.0.1:8790/anthropic',
  ANTHROPIC_API_KEY: 'sk-ant-sandbox-dev-only',
  MISTRAL_API_URL: 'http://127.0.0.1:8790/mistral',
  MISTRAL_API_KEY: 'sandbox-mistral-key-dev-only',
  TOKEN_ENCRYPTION_KEY: 'ZGV2LW9ubHktdG9rZW4tZW5jcnlwdGlvbi1rZXktMzI=',
  OAUTH_STATE_SECRET: 'dev-only-oauth-state-secret-change-me-in-prod',
  UNSUBSCRIBE_SECRET: 'dev-only-unsubscribe-link-secret-change-me-in-prod',
};

/**
 * Where a pass's time went: the reads it makes through other services, timed where they are called (they overlap:
 * the pass reads its calendar, fitness and readiness side by side; the calendar reads its step verdicts and, through
 * its cached form, fitness too).
 */
export type Spent = Record<'calendar' | 'verdicts' | 'fitness' | 'wellness', number>;
export const noneSpent = (): Spent => ({ calendar: 0, verdicts: 0, fitness: 0, wellness: 0 });

// biome-ignore lint/suspicious/noExplicitAny: any service method, wrapped in place with its own arguments
function wrap<O extends Record<K, (...args: any[]) => Promise<unknown>>, K extends keyof O>(
  o: O,
  k: K,
  spent: Spent,
  key: keyof Spent,
  starts?: number[],
) {
  const f = o[k].bind(o);
  o[k] = (async (...args: unknown[]) => {
    const t0 = performance.now();
    starts?.push(t0);
    try {
      return await f(...args);
    } finally {
      spent[key] += performance.now() - t0;
    }
  }) as O[K];
}

function timed(s: Services, spent: Spent, starts?: number[]) {
  wrap(s.trainingCalendar, 'read', spent, 'calendar', starts);
  wrap(s.analytics, 'fitness', spent, 'fitness');
  wrap(s.intervals, 'verdicts', spent, 'verdicts');
  wrap(s.wellness, 'lowMornings', spent, 'wellness');
}

export function open(databaseUrl: string, wsProxy: string) {
  const env = benchEnv({ ...VARS, DATABASE_URL: databaseUrl, DB_WS_PROXY: wsProxy }, inertQueue);
  const services = (at?: Date) =>
    createServices(env, { requestId: null, logger, waitUntil: () => {}, ...(at ? { clock: { now: () => at } } : {}) });
  const athlete = async (s: Services, userId: string) => {
    const user = await s.auth.userById(userId);
    if (!user) throw new Error(`no user ${userId}`);
    return athleteOf(user);
  };

  return {
    /**
     * Eight weeks of the sandbox's history before the plan (what generation reads), then a 16-week half-marathon plan
     * made by the plans service 8 weeks ago, followed (four sessions in five, 75–125 % of the planned time) until
     * yesterday through the activities service. `missLast`: the last session before today missed too; `ride`: a 3-hour
     * ride in no plan, just added (it bumps the analytics version).
     */
    async athleteWithPlan(userId: string, today: string, opts: { ride: boolean; missLast: boolean }) {
      const start = addDays(today, -56);
      const before = services();
      const earlier = [...history(7117 + userId.charCodeAt(0), 48, new Date(`${addDays(start, -1)}T18:00:00Z`), 48)];
      await before.activities.ingestMany(userId, earlier);
      await before.close();
      const made = services(new Date(`${start}T06:00:00Z`));
      const plan = await made.plans.create(await athlete(made, userId), {
        goal: { kind: 'run_half', eventDate: addDays(start, 16 * 7 - 1), eventName: 'Bench Half' },
        availableDays: [0, 1, 2, 3, 5, 6],
        longDay: 6,
        hoursPerWeek: 8,
        includeStrength: false,
        startDate: start,
      });
      await made.close();
      const s = services();
      try {
        const past = (await s.db.execute(sql`
          select to_char(date, 'YYYY-MM-DD') as date, sport, duration_sec as "durationSec" from planned_workouts
          where plan_id = ${plan.id} and date < ${today}::date order by date, created_at`)) as unknown as {
          rows: { date: string; sport: string; durationSec: number }[];
        };
        const last = past.rows.at(-1)?.date;
        const done = followPlan(past.rows).filter((x) => !(opts.missLast && x.localStartDate === last));
        await s.activities.ingestMany(userId, done);
        if (opts.ride) await s.activities.ingestMany(userId, [longRide()]);
        const total = (await s.db.execute(sql`select count(*)::int as n from planned_workouts where plan_id = ${plan.id}`)) as unknown as {
          rows: { n: number }[];
        };
        return { planId: plan.id, workouts: total.rows[0]!.n, past: past.rows.length, done: done.length, earlier: earlier.length, last };
      } finally {
        await s.close();
      }
    },

    /** One pass on a services instance kept across calls (its pool warm, as a busy isolate's is). */
    passer() {
      const s = services();
      const spent = noneSpent();
      timed(s, spent);
      return {
        spent,
        pass: async (userId: string) => (await s.adapt.pass(await athlete(s, userId))).length,
        /** The engine alone on the state the pass reads: triggers and `replan` per trigger (pure, no I/O). */
        engine: async (userId: string, rounds: number) => {
          const a = await athlete(s, userId);
          const today = s.analytics.today(a);
          const plan = (await s.plans.active(a.id))!;
          const range = readRange(today);
          const calendar = await s.trainingCalendar.read(a, range.from, range.to, 'analytics');
          const times: number[] = [];
          let proposals = 0;
          let triggers = 0;
          for (let i = 0; i < rounds; i++) {
            const t0 = performance.now();
            const state = stateOf({ today, plan, calendar, mornings: [null, null, null], notes: [] });
            const ts = triggersOf(state);
            proposals = ts.flatMap((t) => replan(state, t)).length;
            triggers = ts.length;
            times.push(performance.now() - t0);
          }
          return { times, triggers, proposals, workouts: calendar.days.flatMap((d) => d.items).length };
        },
        close: s.close,
      };
    },

    /** One minute tick of `plans.adapt` (services built for it, as the cron does); each pass's start is recorded. */
    async tick(limit: number, budgetMs: number) {
      const s = services();
      const spent = noneSpent();
      const starts: number[] = [];
      timed(s, spent, starts);
      try {
        await s.db.execute(sql`select 1`);
        const t0 = performance.now();
        const r = await s.adapt.drain(limit, budgetMs);
        const t1 = performance.now();
        // A pass runs from its calendar read to the next one's (the last to the tick's end); the first also
        // carries the due query and the first athlete's plan read before its calendar read.
        const passes = starts.map((t, i) => (starts[i + 1] ?? t1) - t);
        return { ms: t1 - t0, ...r, passes, beforeFirst: (starts[0] ?? t1) - t0, spent };
      } finally {
        await s.close();
      }
    },
  };
}

/** A 3-hour ride, shaped like the sandbox history's rides, started three hours ago (in no plan: unplanned load). */
function longRide(): ActivityInput {
  let t: ActivityInput | undefined;
  for (const a of history(9002, 300, new Date(), 300))
    if (a.sport === 'ride') {
      t = a;
      break;
    }
  if (!t) throw new Error('no ride template');
  const start = new Date(Date.now() - 3 * 3600_000);
  const moving = 3 * 3600;
  const speed = t.distanceM / Math.max(1, t.movingTimeS);
  return {
    ...t,
    externalId: `bench-adapt-ride-${start.getTime()}`,
    name: 'Long ride (unplanned)',
    startTime: start,
    localStartDate: start.toISOString().slice(0, 10),
    movingTimeS: moving,
    elapsedTimeS: moving + 300,
    distanceM: Math.round(speed * moving),
    streams: null,
    laps: [],
    bestEfforts: [],
  };
}
