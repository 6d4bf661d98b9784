// Viral spike: many athletes connect Strava at once against the sandbox with Strava's default
// budget (100 reads / 15 min, 1,000 / day). Time is scaled 450x (a 15-minute window lasts 2 s, a
// day 192 s) and the crowd is scaled to 50 athletes x 20 activities, so the run spans two scaled
// days (the daily read limit binds) and finishes in minutes.
import pg from 'pg';
import type { Stack } from '../scripts/lib/stack.ts';
import { assertLoopback, fmt, percentile } from './lib.ts';
import { createUsers, login } from './users.ts';

export const SPIKE = { athletes: 50, activities: 20, timeScale: 450, windowS: 2, dayS: 192, readShort: 100, readDaily: 1000 };
export const spikeStackOptions = {
  vars: { STRAVA_WINDOW_SECONDS: String(SPIKE.windowS), STRAVA_DAY_SECONDS: String(SPIKE.dayS) },
  strava: {
    timeScale: SPIKE.timeScale,
    alignToWallClock: true,
    activitiesPerAthlete: SPIKE.activities,
    limits: { shortLimit: 200, dailyLimit: 2000, readShortLimit: SPIKE.readShort, readDailyLimit: SPIKE.readDaily },
  },
};

export interface IdealPlan {
  /** Real seconds from the start until the budget has allowed every read needed. */
  seconds: number;
  /** Where the run started: seconds into its 15-minute window and into its day (real, scaled). */
  offsetInWindowS: number;
  offsetInDayS: number;
  /** Short windows that grant reads (the first one partly, if it had spent some), and days touched. */
  windows: number;
  days: number;
  /** Reads granted per day, in order (the binding daily limit shows up as the full days). */
  perDay: number[];
}

/**
 * The earliest the provider's read budget allows `needed` reads, starting at `startMs`: walk the real
 * (scaled, wall-clock aligned) 15-minute windows from the one the run starts in, granting each
 * min(short limit, what the day has left) and resetting the daily count at each day boundary. The
 * last read is allowed at the start of the window that completes the count (or at once, if the first
 * one does). `used` is what the current windows had already spent when the run started.
 */
export function idealPlan(startMs: number, needed: number, used = { short: 0, daily: 0 }, cfg = SPIKE): IdealPlan {
  const windowMs = cfg.windowS * 1000;
  const dayMs = cfg.dayS * 1000;
  let left = needed;
  let w = Math.floor(startMs / windowMs);
  let day = Math.floor(startMs / dayMs);
  let dailyLeft = cfg.readDaily - used.daily;
  let shortLeft = cfg.readShort - used.short;
  const perDay = [0];
  let windows = 0;
  for (;;) {
    const windowStart = w * windowMs;
    const d = Math.floor(windowStart / dayMs);
    if (d !== day) {
      day = d;
      dailyLeft = cfg.readDaily;
      perDay.push(0);
    }
    const granted = Math.max(0, Math.min(left, shortLeft, dailyLeft));
    if (granted > 0) windows++;
    left -= granted;
    dailyLeft -= granted;
    perDay[perDay.length - 1]! += granted;
    if (left <= 0) {
      return {
        seconds: (Math.max(startMs, windowStart) - startMs) / 1000,
        offsetInWindowS: (startMs % windowMs) / 1000,
        offsetInDayS: (startMs % dayMs) / 1000,
        windows,
        days: perDay.length,
        perDay,
      };
    }
    w++;
    shortLeft = cfg.readShort;
  }
}

async function connect(stack: Stack, cookie: string, athleteId: number): Promise<void> {
  const start = await fetch(`${stack.workerUrl}/api/v1/connections/strava/authorize`, { headers: { cookie }, redirect: 'manual' });
  const consent = new URL(start.headers.get('location') ?? '');
  consent.searchParams.set('auto', 'approve');
  consent.searchParams.set('athlete_id', String(athleteId));
  const back = await fetch(consent, { redirect: 'manual' });
  const callback = new URL(back.headers.get('location') ?? '');
  const done = await fetch(`${stack.workerUrl}${callback.pathname}${callback.search}`, { headers: { cookie }, redirect: 'manual' });
  await done.body?.cancel();
  if (done.headers.get('location') !== '/home?connected=strava') throw new Error(`connect failed: ${done.headers.get('location')}`);
}

export async function spikeBench(stack: Stack): Promise<string> {
  assertLoopback(stack.workerUrl);
  const n = SPIKE.athletes;
  const emails = await createUsers(stack.databaseUrl, n, 'spike');
  const cookies = await Promise.all(emails.map((e) => login(stack.workerUrl, stack.appUrl, e)));
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  db.on('error', () => {});
  await db.connect();
  const { rows: users } = await db.query<{ id: string; email: string }>('select id, email from users where email = any($1)', [emails]);
  const idOf = new Map(users.map((u) => [u.email, u.id]));

  const requestsNeeded = n * (1 + SPIKE.activities * 2); // one list page + detail and streams per activity
  // The ideal depends on where the run starts inside the day: a run starting late in a day gets that
  // day's whole read budget within seconds and the next day's soon after, so it is computed from the
  // actual window boundaries and what they had already spent (not needed ÷ daily rate).
  const before = (await (await fetch(`${stack.sandboxUrl}/strava/_control/state`)).json()) as {
    usage: { readShort: number; readDaily: number };
  };
  const t0 = Date.now();
  const ideal = idealPlan(t0, requestsNeeded, { short: before.usage.readShort, daily: before.usage.readDaily });
  const idealS = ideal.seconds;
  const naiveS = (requestsNeeded / SPIKE.readDaily) * SPIKE.dayS;
  console.log(
    `${n} athletes x ${SPIKE.activities} activities = ${requestsNeeded} reads needed; budget ${SPIKE.readShort} per ${SPIKE.windowS} s window, ${SPIKE.readDaily} per ${SPIKE.dayS} s day (already spent ${before.usage.readShort}/${before.usage.readDaily})`,
  );
  console.log(
    `start ${fmt(ideal.offsetInWindowS, 2)} s into its window, ${fmt(ideal.offsetInDayS)} s into its day; ideal ${fmt(idealS)} s: ${ideal.windows} windows over ${ideal.days} days granting ${ideal.perDay.join(' + ')} reads (needed ÷ daily rate would say ${fmt(naiveS)} s)`,
  );

  const connectedAt = new Map<string, number>();
  await Promise.all(
    emails.map(async (email, i) => {
      await connect(stack, cookies[i]!, 1_000 + i);
      connectedAt.set(idOf.get(email)!, Date.now());
    }),
  );
  console.log(`all connected in ${fmt((Date.now() - t0) / 1000)} s`);

  const firstSeen = new Map<string, number>();
  const doneAt = new Map<string, number>();
  const deadline = t0 + 9 * 60_000;
  while (doneAt.size < n && Date.now() < deadline) {
    const { rows } = await db.query<{ user_id: string; has: boolean; done: boolean }>(
      `select u.id as user_id,
              exists(select 1 from activities a where a.user_id = u.id) as has,
              coalesce((select s.status = 'done' from ingestion_state s where s.user_id = u.id and s.source = 'strava'), false) as done
         from users u where u.id = any($1)`,
      [users.map((u) => u.id)],
    );
    const now = Date.now();
    for (const r of rows) {
      if (r.has && !firstSeen.has(r.user_id)) firstSeen.set(r.user_id, now);
      if (r.done && !doneAt.has(r.user_id)) doneAt.set(r.user_id, now);
    }
    if (Math.floor((now - t0) / 30_000) !== Math.floor((now - t0 - 500) / 30_000))
      console.log(`  ${fmt((now - t0) / 1000, 0)} s: ${firstSeen.size} with a first activity, ${doneAt.size} done`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const totalS = (Math.max(...doneAt.values()) - t0) / 1000;
  const { rows: counts } = await db.query<{ n: number }>('select count(*)::int as n from activities where user_id = any($1)', [
    users.map((u) => u.id),
  ]);
  await db.end();

  const state = (await (await fetch(`${stack.sandboxUrl}/strava/_control/state`)).json()) as {
    calls: {
      reads: number;
      unauthorized: number;
      rateLimited: number;
      rateLimitedByWindow: Record<string, number>;
      byEndpoint: Record<string, number>;
    };
  };
  // Refreshes go to the OAuth endpoint, outside the API's rate limits: they cost no read.
  const refreshes = state.calls.byEndpoint['POST /oauth/token (refresh_token)'] ?? 0;
  const windowsWith429 = Object.keys(state.calls.rateLimitedByWindow).length;
  const repeat429 = state.calls.rateLimited - windowsWith429;
  const first = [...firstSeen.entries()].map(([u, t]) => (t - connectedAt.get(u)!) / 1000).sort((a, b) => a - b);
  const completions = [...doneAt.values()].map((t) => (t - t0) / 1000);
  const complete = doneAt.size === n && counts[0]!.n === n * SPIKE.activities;
  // Tokens expire every 48 real seconds at this scale; a read answered 401 (and its retry) would spend
  // budget too: the ideal for the reads actually made tells the scheduler's pacing apart from any such waste.
  const idealMade = idealPlan(t0, state.calls.reads, { short: before.usage.readShort, daily: before.usage.readDaily });
  console.log(
    `reads made ${state.calls.reads} (needed ${requestsNeeded}; ideal for the reads made ${fmt(idealMade.seconds)} s over ${idealMade.days} days), 429s ${state.calls.rateLimited} in ${windowsWith429} windows; activities stored ${counts[0]!.n} of ${n * SPIKE.activities}`,
  );
  return [
    'bench=spike',
    `athletes=${n} activities_each=${SPIKE.activities} time_scale=${SPIKE.timeScale} complete=${complete}`,
    `total_s=${fmt(totalS)} ideal_s=${fmt(idealS)} ratio_to_ideal=${fmt(totalS / idealS, 3)} start_in_day_s=${fmt(ideal.offsetInDayS)} ideal_windows=${ideal.windows} ideal_days=${ideal.days}`,
    `reads_made=${state.calls.reads} unauthorized_401=${state.calls.unauthorized} token_refreshes=${refreshes} ideal_for_reads_made_s=${fmt(idealMade.seconds)} ratio_to_ideal_for_reads_made=${fmt(totalS / idealMade.seconds, 3)}`,
    `repeat_429=${repeat429} total_429=${state.calls.rateLimited}`,
    `p50_first_activity_s=${fmt(percentile(first, 50))} p95_first_activity_s=${fmt(percentile(first, 95))}`,
    `completion_min_s=${fmt(Math.min(...completions))} completion_max_s=${fmt(Math.max(...completions))}`,
  ].join(' ');
}
