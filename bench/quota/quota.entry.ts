// Bench worker: bursts of concurrent `useQuota` calls on one athlete through the production membership
// service (the same conditional upsert per unit that a request runs), concurrent refunds of one unit, and a
// reference loop timing a bare query through the same driver, in the same run. Bench use only.
import { createDb, type DbHandle } from '../../worker/db/client';
import { systemClock } from '../../worker/lib/clock';
import { AppError } from '../../worker/lib/errors';
import { createLogger } from '../../worker/lib/logger';
import { createAuditService } from '../../worker/features/audit';
import { createMembershipService, type MembershipService, type QuotaKind } from '../../worker/features/membership';

interface Env {
  DATABASE_URL: string;
  DB_WS_PROXY?: string;
}

const logger = createLogger('error');

/**
 * `pools` database handles, each with its own membership service: in production every request has a pool
 * (at most 5 connections) of its own, so concurrent requests meet at the counter's row lock, not in one pool.
 * Their connections are opened before anything is timed.
 */
async function services(env: Env, pools: number): Promise<{ all: MembershipService[]; close: () => Promise<void> }> {
  const handles: DbHandle[] = Array.from({ length: pools }, () => createDb(env, logger));
  await Promise.all(handles.flatMap((h) => Array.from({ length: 5 }, () => h.db.execute('select 1'))));
  return {
    all: handles.map((h) => createMembershipService({ db: h.db, clock: systemClock, audit: createAuditService(h.db, null) })),
    close: async () => void (await Promise.all(handles.map((h) => h.close()))),
  };
}

interface SetupInput {
  athleteIds: string[];
  operatorId: string;
  days: number;
}

/** An Elite comp for each athlete through the production grantComp (audited); answers each one's resolved allowances. */
async function setup(env: Env, input: SetupInput) {
  const { all, close } = await services(env, 1);
  const membership = all[0]!;
  try {
    const limits: Record<string, Record<QuotaKind, number | null>> = {};
    const grant = async (id: string) => {
      await membership.grantComp({ id: input.operatorId, role: 'admin' }, id, { tier: 'elite', days: input.days, reason: 'quota bench' });
      limits[id] = (await membership.entitlements(id)).quotas;
    };
    for (let i = 0; i < input.athleteIds.length; i += 5) await Promise.all(input.athleteIds.slice(i, i + 5).map(grant));
    return { limits };
  } finally {
    await close();
  }
}

interface BurstInput {
  /** Call i takes from athlete i mod length: one id is the contended case, many ids the uncontended reference. */
  athleteIds: string[];
  timeZone: string;
  kind: QuotaKind;
  calls: number;
  pools: number;
}

/** `calls` useQuota calls started at once, spread over the pools (and the athletes); each outcome is counted, none is retried. */
async function burst(env: Env, input: BurstInput) {
  const { all, close } = await services(env, input.pools);
  const members = input.athleteIds.map((id) => ({ id, timeZone: input.timeZone }));
  const latencies: number[] = [];
  const used: number[] = [];
  const unitIds: string[] = [];
  const errors: Record<string, number> = {};
  let refused = 0;
  try {
    const started = Date.now();
    await Promise.all(
      Array.from({ length: input.calls }, async (_, i) => {
        const t0 = Date.now();
        try {
          const taken = await all[i % all.length]!.useQuota(members[i % members.length]!, input.kind);
          used.push(taken.used);
          unitIds.push(taken.unitId);
        } catch (err) {
          if (err instanceof AppError && err.code === 'QUOTA_EXCEEDED') refused++;
          else {
            const key = err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 120) : String(err);
            errors[key] = (errors[key] ?? 0) + 1;
          }
        }
        latencies.push(Date.now() - t0);
      }),
    );
    const ms = Date.now() - started;
    return { ok: used.length, refused, errors, ms, latencies, used, unitIds };
  } finally {
    await close();
  }
}

interface RefundInput {
  athleteId: string;
  unitId: string;
  calls: number;
  pools: number;
}

/** `calls` concurrent refunds of the same unit: exactly one may answer true. */
async function refunds(env: Env, input: RefundInput) {
  const { all, close } = await services(env, input.pools);
  try {
    const started = Date.now();
    const answers = await Promise.allSettled(
      Array.from({ length: input.calls }, (_, i) => all[i % all.length]!.refundQuota(input.athleteId, input.unitId)),
    );
    const ms = Date.now() - started;
    const failed = answers.filter((a) => a.status === 'rejected').map((a) => String((a as PromiseRejectedResult).reason).slice(0, 120));
    const granted = answers.filter((a) => a.status === 'fulfilled' && a.value).length;
    return { granted, declined: input.calls - granted - failed.length, failed, ms };
  } finally {
    await close();
  }
}

/** The reference: one caller on one connection, back-to-back `select 1` round trips, for a few seconds. */
async function bareQueries(env: Env, seconds: number) {
  const handle = createDb(env, logger);
  let count = 0;
  try {
    await handle.db.execute('select 1'); // connect outside the timed loop
    const started = Date.now();
    while (Date.now() < started + seconds * 1000) {
      await handle.db.execute('select 1');
      count++;
    }
    return { count, seconds: (Date.now() - started) / 1000 };
  } finally {
    await handle.close();
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/health') return new Response('ok');
    const body = await request.json();
    if (url.pathname === '/setup') return Response.json(await setup(env, body as SetupInput));
    if (url.pathname === '/burst') return Response.json(await burst(env, body as BurstInput));
    if (url.pathname === '/refund') return Response.json(await refunds(env, body as RefundInput));
    if (url.pathname === '/reference') return Response.json(await bareQueries(env, (body as { seconds: number }).seconds));
    return new Response('not found', { status: 404 });
  },
};
