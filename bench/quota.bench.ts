// Quota benchmark: 500 concurrent `useQuota` calls on one athlete with a known allowance (an Elite comp:
// 1,000 AI coach messages a month), then 600 more, then 50 concurrent refunds of one unit. Exactness is
// checked against the database each round (500 taken and the counter at 500; then 500 more taken and 100
// refused with QUOTA_EXCEEDED; then exactly one refund granted); a mismatch makes the bench exit non-zero.
// The calls run inside workerd through the production membership service (bench/quota/quota.entry.ts),
// spread over several per-"request" pools so they meet at the counter's row lock as concurrent requests
// would. Throughput is the first burst's units ÷ its wall time, over fresh athletes each round. Same-run
// references, interleaved with the rounds: the same 500-call burst spread over 500 other athletes (one unit
// each: the quota path without contention on one row), and back-to-back `select 1` round trips.
import pg from 'pg';
import type { Stack } from '../scripts/lib/stack.ts';
import { TIERS, type QuotaKind } from '../worker/features/membership/entitlements.ts';
import { post, startBenchWorker } from './bench-worker.ts';
import { fmt, percentile } from './lib.ts';
import { createUsers } from './users.ts';

const KIND: QuotaKind = 'coach_messages';
const FIRST = 500;
const SECOND = 600;
const REFUNDS = 50;
const ROUNDS = 5; // measured, each on a fresh athlete, after one warm-up round (checked, not counted)
const POOLS = 10; // ≤ 50 connections: 10 concurrent "requests" with the production pool size (5) each
const REFERENCE_SECONDS = 2;
const TIME_ZONE = 'America/Denver';
const COMP_DAYS = 30;
const SPREAD = FIRST; // athletes of the uncontended reference burst (one call each per round)

interface Burst {
  ok: number;
  refused: number;
  errors: Record<string, number>;
  ms: number;
  latencies: number[];
  used: number[];
  unitIds: string[];
}

interface Counts {
  counter: number;
  units: number;
  live: number;
}

async function withDb<T>(databaseUrl: string, f: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: databaseUrl });
  db.on('error', () => {});
  await db.connect();
  try {
    return await f(db);
  } finally {
    await db.end();
  }
}

/** The athletes (in a non-UTC zone) and an operator who grants their comps. */
async function people(databaseUrl: string, athletes: number) {
  const emails = await createUsers(databaseUrl, athletes + 1, 'quota');
  return withDb(databaseUrl, async (db) => {
    const ids = async (list: string[], set: string, value: string) =>
      (await db.query<{ id: string }>(`update users set ${set} = $2 where email = any($1) returning id, email`, [list, value])).rows.map(
        (r) => r.id,
      );
    const [operatorId] = await ids([emails[0]!], 'role', 'admin');
    const athleteIds = await ids(emails.slice(1), 'time_zone', TIME_ZONE);
    return { operatorId: operatorId!, athleteIds };
  });
}

/** What the database says (summed over the athletes given), independently of what the calls answered. */
const counts = (databaseUrl: string, athleteIds: string[]) =>
  withDb(databaseUrl, async (db) => {
    const { rows } = await db.query<Counts>(
      `select (select coalesce(sum(used), 0)::int from usage_counters where user_id = any($1) and kind = $2) as counter,
              count(*)::int as units, (count(*) filter (where refunded_at is null))::int as live
         from usage_units where user_id = any($1) and kind = $2`,
      [athleteIds, KIND],
    );
    return rows[0]!;
  });

/** 1, 2, …, n shifted by `from`: the counts a run of successful takes must have answered, one each. */
const consecutive = (values: number[], from: number) =>
  [...values].sort((a, b) => a - b).every((v, i) => v === from + i + 1) && values.length > 0;

export async function quotaBench(stack: Stack): Promise<string> {
  const limit = TIERS.elite.quotas[KIND];
  if (limit === null || limit < FIRST || limit >= FIRST + SECOND)
    throw new Error(`the Elite ${KIND} allowance (${limit}) must be ≥ ${FIRST} and < ${FIRST + SECOND} for this bench`);
  const secondOk = limit - FIRST;
  const secondRefused = FIRST + SECOND - limit;

  const everyone = await people(stack.databaseUrl, ROUNDS + 1 + SPREAD);
  const { operatorId } = everyone;
  const athleteIds = everyone.athleteIds.slice(0, ROUNDS + 1);
  const spreadIds = everyone.athleteIds.slice(ROUNDS + 1);
  const worker = await startBenchWorker(stack, 'bench/quota/wrangler.toml');
  const mismatches: string[] = [];
  const check = (round: string, what: string, ok: boolean) => {
    if (!ok) mismatches.push(`${round}: ${what}`);
    return ok ? 'ok' : 'MISMATCH';
  };
  try {
    const { limits } = await post<{ limits: Record<string, Record<QuotaKind, number | null>> }>(`${worker.url}/setup`, {
      athleteIds: everyone.athleteIds,
      operatorId,
      days: COMP_DAYS,
    });
    for (const id of everyone.athleteIds)
      check('setup', `resolved ${KIND} allowance ${limits[id]?.[KIND]} ≠ ${limit}`, limits[id]?.[KIND] === limit);
    console.log(
      `${athleteIds.length} + ${SPREAD} athletes with an Elite comp (${KIND}: ${limit}/month, zone ${TIME_ZONE}); ${POOLS} pools of ≤ 5 connections`,
    );

    const rounds: { rate: number; ms: number; p50: number; p95: number; refRate: number; spreadRate: number; spreadP95: number }[] = [];
    for (const [r, athleteId] of athleteIds.entries()) {
      const tag = r === 0 ? 'warm-up' : `round ${r}`;
      const ref = await post<{ count: number; seconds: number }>(`${worker.url}/reference`, { seconds: REFERENCE_SECONDS });
      const refRate = ref.count / ref.seconds;
      const burst = (calls: number, ids: string[]) =>
        post<Burst>(`${worker.url}/burst`, { athleteIds: ids, timeZone: TIME_ZONE, kind: KIND, calls, pools: POOLS });

      const spread = await burst(SPREAD, spreadIds);
      const cs = await counts(stack.databaseUrl, spreadIds);
      const sExact = check(
        tag,
        `spread burst ok=${spread.ok} refused=${spread.refused} errors=${JSON.stringify(spread.errors)} counters=${cs.counter} units=${cs.units}`,
        spread.ok === SPREAD && spread.refused === 0 && cs.counter === SPREAD * (r + 1) && cs.units === SPREAD * (r + 1),
      );
      const a = await burst(FIRST, [athleteId]);
      const ca = await counts(stack.databaseUrl, [athleteId]);
      const aExact = check(
        tag,
        `first burst ok=${a.ok} refused=${a.refused} errors=${JSON.stringify(a.errors)} counter=${ca.counter} units=${ca.units}`,
        a.ok === FIRST && a.refused === 0 && ca.counter === FIRST && ca.units === FIRST && consecutive(a.used, 0),
      );
      const b = await burst(SECOND, [athleteId]);
      const cb = await counts(stack.databaseUrl, [athleteId]);
      const bExact = check(
        tag,
        `second burst ok=${b.ok} refused=${b.refused} errors=${JSON.stringify(b.errors)} counter=${cb.counter} units=${cb.units}`,
        b.ok === secondOk && b.refused === secondRefused && cb.counter === limit && cb.units === limit && consecutive(b.used, FIRST),
      );
      const refund = await post<{ granted: number; declined: number; failed: string[]; ms: number }>(`${worker.url}/refund`, {
        athleteId,
        unitId: a.unitIds[0],
        calls: REFUNDS,
        pools: POOLS,
      });
      const cr = await counts(stack.databaseUrl, [athleteId]);
      const rExact = check(
        tag,
        `refunds granted=${refund.granted} declined=${refund.declined} failed=${JSON.stringify(refund.failed)} counter=${cr.counter} live=${cr.live}`,
        refund.granted === 1 && refund.failed.length === 0 && cr.counter === limit - 1 && cr.live === limit - 1,
      );

      const sorted = [...a.latencies].sort((x, y) => x - y);
      const round = {
        rate: (a.ok / a.ms) * 1000,
        ms: a.ms,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        refRate,
        spreadRate: (spread.ok / spread.ms) * 1000,
        spreadP95: percentile(
          [...spread.latencies].sort((x, y) => x - y),
          95,
        ),
      };
      if (r > 0) rounds.push(round);
      console.log(
        `${tag}: ${FIRST} at once → ${a.ok} taken, ${a.refused} refused in ${a.ms} ms = ${fmt(round.rate, 0)} units/s (call p50 ${round.p50} ms, p95 ${round.p95} ms), counter ${ca.counter} [${aExact}]; ` +
          `${SECOND} more → ${b.ok} taken, ${b.refused} refused (QUOTA_EXCEEDED) in ${b.ms} ms, counter ${cb.counter} [${bExact}]; ` +
          `${REFUNDS} refunds of one unit → ${refund.granted} granted, ${refund.declined} declined in ${refund.ms} ms, counter ${cr.counter} [${rExact}]; ` +
          `reference: the same burst over ${SPREAD} athletes ${spread.ms} ms = ${fmt(round.spreadRate, 0)} units/s (call p95 ${round.spreadP95} ms) [${sExact}], bare select 1 ${fmt(refRate, 0)}/s`,
      );
    }

    const median = <T>(xs: T[], by: (x: T) => number) => [...xs].sort((p, q) => by(p) - by(q))[Math.floor(xs.length / 2)]!;
    const mid = median(rounds, (x) => x.rate);
    const rates = rounds.map((x) => x.rate);
    const refMid = median(rounds, (x) => x.refRate).refRate;
    const msMid = median(rounds, (x) => x.ms).ms;
    const p95 = median(rounds, (x) => x.p95).p95;
    const spreadMid = median(rounds, (x) => x.spreadRate).spreadRate;
    const spreadRates = rounds.map((x) => x.spreadRate);
    // Each round's contended rate over its own uncontended reference, then the median of those.
    const toSpread = median(rounds, (x) => x.rate / x.spreadRate);
    const exact = mismatches.length === 0;
    console.log(
      `\n${ROUNDS} rounds on fresh athletes (+1 warm-up): ${FIRST}-unit burst ${fmt(mid.rate, 0)} units/s median (min ${fmt(Math.min(...rates), 0)}, max ${fmt(Math.max(...rates), 0)}), wall ${msMid} ms median; ` +
        `the same burst over ${SPREAD} athletes ${fmt(spreadMid, 0)} units/s median (min ${fmt(Math.min(...spreadRates), 0)}, max ${fmt(Math.max(...spreadRates), 0)}; ` +
        `one athlete ÷ spread, per round: ${rounds.map((x) => fmt(x.rate / x.spreadRate, 2)).join(', ')}); ` +
        `bare select 1 ${fmt(refMid, 0)}/s median (units ÷ select 1 = ${fmt(mid.rate / refMid, 2)})`,
    );
    if (!exact) {
      console.log(`MISMATCH:\n  ${mismatches.join('\n  ')}`);
      process.exitCode = 1;
    } else console.log('every round exact: burst counts, counters, unit rows and refunds');
    return [
      `bench=quota burst=${FIRST} then=${SECOND} limit=${limit} refunds=${REFUNDS} rounds=${ROUNDS} pools=${POOLS}`,
      `units_per_s=${fmt(mid.rate, 0)} min_units_per_s=${fmt(Math.min(...rates), 0)} max_units_per_s=${fmt(Math.max(...rates), 0)}`,
      `burst_ms=${msMid} call_p95_ms=${p95} spread_units_per_s=${fmt(spreadMid, 0)} one_athlete_to_spread=${fmt(toSpread.rate / toSpread.spreadRate, 2)}`,
      `select1_per_s=${fmt(refMid, 0)} units_to_select1=${fmt(mid.rate / refMid, 2)} exact=${exact}`,
    ].join(' ');
  } finally {
    await worker.stop();
  }
}
