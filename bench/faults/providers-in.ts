// The providers we read from failing (issue 43): Strava, Garmin, Polar or the model API answers 5xx, hangs, or
// rate-limits for a while. Each fault connects athletes of its own before the fault (the OAuth token endpoints
// sit under the same prefix), brings new work while the provider is down (webhook deliveries, coach questions),
// clears the fault, waits for the work to finish and reconciles against the sandbox's truth: 0 lost, 0 twice.
import type { Stack } from '../../scripts/lib/stack.ts';
import { askTurn, proAthletes } from '../coach-turns.ts';
import { createUsers, login } from '../users.ts';
import type { Fault, FaultContext, FaultReport } from './fault.ts';
import { garmin, json, openJobs, polar, sleep, strava, uniq, until, withDb, type Driver } from './providers-in-kit.ts';

export type ProviderFaultMode = 'error' | 'timeout' | 'ratelimit';
export interface ProviderFaultOptions {
  /** How long the provider is down (default 60 s). */
  seconds?: number;
  /** Athletes of this fault (default 3), each sending `perAthlete` new activities during it (default 3). */
  athletes?: number;
  perAthlete?: number;
  /** How long to wait for the work after the fault ends (default 15 min: a Strava 429 blocks to the window's end). */
  settleTimeoutS?: number;
}

function activityFault(d: Driver, mode: ProviderFaultMode, o: ProviderFaultOptions = {}): Fault {
  const seconds = o.seconds ?? 60;
  const nAthletes = o.athletes ?? 3;
  const perAthlete = o.perAthlete ?? 3;
  return async (ctx: FaultContext): Promise<FaultReport> => {
    const { stack, log, signal } = ctx;
    const name = `${d.prefix}-${mode}-${seconds}s`;
    const startedAt = new Date().toISOString();
    const problems: string[] = [];
    // Setup before the fault: athletes connected, their first sync finished.
    const emails = await createUsers(stack.databaseUrl, nAthletes, `fault-${d.prefix}-${mode}`);
    const cookies = await Promise.all(emails.map((e) => login(stack.workerUrl, stack.appUrl, e)));
    const base = d.prefix === 'strava' ? 7_000_000 : d.prefix === 'garmin' ? 40_000 : 5_000_000;
    const who = emails.map(() => base + uniq() * 7 + Math.floor(Math.random() * 7));
    if (d.prefix === 'strava')
      for (const w of who) await json(`${stack.sandboxUrl}/strava/_control/athletes/${w}/config`, { activitiesPerAthlete: 2 });
    for (const [i, c] of cookies.entries()) await d.connect(stack, c, who[i]!);
    const users = await withDb(
      stack,
      async (db) => (await db.query<{ id: string; email: string }>('select id, email from users where email = any($1)', [emails])).rows,
    ).then((rows) => emails.map((e) => rows.find((r) => r.email === e)!.id));
    const settledBefore = await withDb(stack, (db) => until(async () => (await openJobs(db, users, d.prefix)) === 0, 300, signal));
    if (settledBefore === null) problems.push('the first sync did not finish within 5 minutes, before any fault');
    log(`${name}: ${nAthletes} athletes connected and synced; fault on`);

    const faultedBefore = (await stack.sandbox.faults.state()).faulted[d.prefix]?.[mode] ?? 0;
    stack.sandbox.faults.inject({ prefix: d.prefix, mode, seconds, retryAfter: Math.min(seconds, 60) });
    const faultStart = Date.now();
    const added: { who: number; id: string }[] = [];
    let statusCalls = 0;
    let statusErrors = 0;
    let statusMaxMs = 0;
    try {
      // The new activities arrive during the fault: their jobs meet a provider that is down.
      for (let i = 0; i < perAthlete && !signal.aborted; i++) for (const w of who) added.push({ who: w, id: await d.add(stack, w, i) });
      // What the athlete sees meanwhile: Data sources' status, every 2 s.
      while (Date.now() - faultStart < seconds * 1000 && !signal.aborted) {
        const t0 = Date.now();
        const res = await fetch(`${stack.workerUrl}/api/v1/ingestion`, { headers: { cookie: cookies[0]! } }).catch(() => null);
        await res?.body?.cancel();
        statusCalls++;
        if (!res || res.status >= 500) statusErrors++;
        statusMaxMs = Math.max(statusMaxMs, Date.now() - t0);
        await sleep(2000, signal);
      }
    } finally {
      stack.sandbox.faults.clear(d.prefix);
    }
    const faultSeconds = (Date.now() - faultStart) / 1000;
    const faulted = ((await stack.sandbox.faults.state()).faulted[d.prefix]?.[mode] ?? faultedBefore) - faultedBefore;
    log(`${name}: fault cleared after ${faultSeconds.toFixed(0)} s; ${faulted} requests answered by it`);

    const recoverySeconds = await withDb(stack, (db) =>
      until(async () => (await openJobs(db, users, d.prefix)) === 0, o.settleTimeoutS ?? 900, signal),
    );
    if (recoverySeconds === null) problems.push('jobs still open when the wait ended');
    const rec = await withDb(stack, async (db) => {
      const jobs = await db.query<{ status: string; n: number; attempts: number; retried: number }>(
        `select status, count(*)::int as n, coalesce(sum(attempts),0)::int as attempts, count(*) filter (where attempts > 1)::int as retried
           from ingest_jobs where user_id = any($1::uuid[]) and kind like $2 and created_at >= $3 group by status`,
        [users, `${d.prefix}.%`, new Date(faultStart - 5000)],
      );
      const causes = await db.query<{ last_error: string | null; n: number }>(
        `select last_error, count(*)::int as n from ingest_jobs where user_id = any($1::uuid[]) and kind like $2 and created_at >= $3 group by 1`,
        [users, `${d.prefix}.%`, new Date(faultStart - 5000)],
      );
      const ours = await db.query<{ user_id: string; external_id: string; n: number }>(
        `select user_id, external_id, count(*)::int as n from activities where user_id = any($1::uuid[]) and source = $2 group by 1, 2`,
        [users, d.source],
      );
      return { jobs: jobs.rows, causes: causes.rows, ours: ours.rows };
    });
    let lost = 0;
    let truthCount = 0;
    for (const [i, w] of who.entries()) {
      const truth = new Set(await d.truth(stack, w));
      truthCount += truth.size;
      const mine = new Set(rec.ours.filter((r) => r.user_id === users[i]).map((r) => r.external_id));
      // What must be here: the whole history, or (a door's 30-day backfill) what was sent during the fault.
      const expected = d.wholeHistory ? [...truth] : added.filter((a) => a.who === w && truth.has(a.id)).map((a) => a.id);
      for (const t of expected) if (!mine.has(t)) lost++;
    }
    const duplicated = rec.ours.filter((r) => r.n > 1).reduce((s, r) => s + r.n - 1, 0);
    const addedStored = added.filter((a) => rec.ours.some((r) => r.external_id === a.id)).length;
    const failed = rec.jobs.find((j) => j.status === 'error')?.n ?? 0;
    if (failed > 0) problems.push(`${failed} jobs failed for good`);
    if (statusErrors > 0) problems.push(`${statusErrors} status reads answered 5xx or failed during the fault`);
    const attempts = rec.jobs.reduce((s, j) => s + j.attempts, 0);
    const jobsN = rec.jobs.reduce((s, j) => s + j.n, 0);
    const retriedJobs = rec.jobs.reduce((s, j) => s + j.retried, 0);
    // A storm: far more requests hit the faulted provider than jobs × the attempts our backoff allows in the window.
    const storm = faulted > Math.max(20, jobsN * 8);
    if (storm) problems.push(`retry storm: ${faulted} requests hit the faulted provider for ${jobsN} jobs`);
    return {
      name,
      startedAt,
      faultSeconds,
      userSaw: [
        `${statusCalls} Data sources reads during the fault, ${statusErrors} failed, slowest ${statusMaxMs} ms`,
        `${added.length} webhook deliveries (each sent twice) all answered 200 at once`,
      ],
      retried: [
        `${faulted} provider requests answered by the fault; ${jobsN} jobs made ${attempts} attempts (${retriedJobs} retried)`,
        `jobs by status: ${rec.jobs.map((j) => `${j.status}×${j.n}`).join(', ')}; last causes: ${rec.causes.map((c) => `${c.last_error ?? 'none'}×${c.n}`).join(', ')}`,
      ],
      recoverySeconds: recoverySeconds === null ? null : Math.round(recoverySeconds),
      reconciliation: {
        accepted: added.length,
        done: addedStored,
        lost,
        duplicated,
        detail: `${truthCount} activities at ${d.prefix}, ${rec.ours.length} here`,
      },
      problems,
    };
  };
}

export const stravaFault = (mode: ProviderFaultMode, o?: ProviderFaultOptions) => activityFault(strava, mode, o);
export const garminFault = (mode: ProviderFaultMode, o?: ProviderFaultOptions) => activityFault(garmin, mode, o);
export const polarFault = (mode: ProviderFaultMode, o?: ProviderFaultOptions) => activityFault(polar, mode, o);

/**
 * The model API down: Anthropic faulted, questions asked meanwhile must each be answered once by the Mistral
 * fallback (streamed), with the quota charged once; `both` faults Mistral too: a clear failure, quota refunded.
 */
export function modelFault(mode: ProviderFaultMode, o: ProviderFaultOptions & { both?: boolean } = {}): Fault {
  const seconds = o.seconds ?? 60;
  const n = o.athletes ?? 3;
  return async ({ stack, log, signal }) => {
    const name = `model${o.both ? '-both' : ''}-${mode}-${seconds}s`;
    const startedAt = new Date().toISOString();
    const problems: string[] = [];
    const athletes = await proAthletes(stack.databaseUrl, stack.workerUrl, stack.appUrl, n, `fault-model-${mode}`);
    const prefixes = o.both ? ['anthropic', 'mistral'] : ['anthropic'];
    const before = (await stack.sandbox.faults.state()).faulted;
    for (const p of prefixes) stack.sandbox.faults.inject({ prefix: p, mode, seconds, retryAfter: Math.min(seconds, 60) });
    const t0 = Date.now();
    const turns: Awaited<ReturnType<typeof askTurn>>[] = [];
    try {
      // Questions keep coming while the model is down: three rounds, one per athlete, spread over the fault.
      for (let round = 0; round < 3 && !signal.aborted; round++) {
        turns.push(
          ...(await Promise.all(athletes.map((a) => askTurn(stack.workerUrl, stack.appUrl, a, `How was my week? (${round})`, 150_000)))),
        );
        await sleep(Math.max(0, t0 + ((round + 1) * seconds * 1000) / 3 - Date.now()), signal);
      }
    } finally {
      for (const p of prefixes) stack.sandbox.faults.clear(p);
    }
    const faultSeconds = (Date.now() - t0) / 1000;
    const after = (await stack.sandbox.faults.state()).faulted;
    const hits = prefixes.map((p) => `${p} ${((after[p]?.[mode] ?? 0) - (before[p]?.[mode] ?? 0)).toString()}`).join(', ');
    log(`${name}: ${turns.length} questions during the fault; faulted requests ${hits}`);
    // Recovery: the first question after the fault answered cleanly.
    const r0 = Date.now();
    let recoverySeconds: number | null = null;
    while (Date.now() - r0 < 120_000 && !signal.aborted) {
      const t = await askTurn(stack.workerUrl, stack.appUrl, athletes[0]!, 'And now?', 120_000);
      if (t.errors.length === 0 && t.doneAt !== null) {
        recoverySeconds = Math.round((Date.now() - r0) / 1000);
        break;
      }
      await sleep(2000, signal);
    }
    const rec = await withDb(stack, async (db) => {
      const rows = await db.query<{ role: string; n: number }>(
        `select m.role, count(*)::int as n from coach_messages m join coach_conversations c on c.id = m.conversation_id
          where c.id = any($1::uuid[]) group by 1`,
        [athletes.map((a) => a.conversationId)],
      );
      return Object.fromEntries(rows.rows.map((r) => [r.role, r.n])) as Record<string, number>;
    }).catch((err: unknown) => {
      problems.push(`message count failed: ${err instanceof Error ? err.message : String(err)}`);
      return {} as Record<string, number>;
    });
    const answered = turns.filter((t) => t.doneAt !== null && t.errors.length === 0);
    const routes = new Map<string, number>();
    for (const t of turns) routes.set(t.route ?? 'none', (routes.get(t.route ?? 'none') ?? 0) + 1);
    const errors = turns.flatMap((t) => t.errors);
    const slowest = Math.max(0, ...turns.map((t) => ((t.doneAt ?? t.headersAt ?? t.t0) - t.t0) / 1000));
    if (!o.both && answered.length < turns.length)
      problems.push(`${turns.length - answered.length} questions not answered by the fallback`);
    const asked = turns.length + (recoverySeconds === null ? 0 : 1);
    const userMsgs = rec.user ?? 0;
    const assistantMsgs = rec.assistant ?? 0;
    if (userMsgs > asked) problems.push(`${userMsgs} athlete messages stored for ${asked} questions`);
    if (assistantMsgs > userMsgs) problems.push(`${assistantMsgs} answers stored for ${userMsgs} questions`);
    return {
      name,
      startedAt,
      faultSeconds,
      userSaw: [
        `${turns.length} questions: ${answered.length} answered (${[...routes].map(([r, k]) => `${r}×${k}`).join(', ')}), slowest ${slowest.toFixed(1)} s`,
        errors.length ? `errors: ${[...new Set(errors)].join(', ')}` : 'no error events',
      ],
      retried: [`faulted model requests: ${hits}`],
      recoverySeconds,
      reconciliation: {
        accepted: turns.length,
        done: o.both ? turns.length - answered.length + answered.length : answered.length,
        lost: o.both ? 0 : turns.length - answered.length,
        duplicated: Math.max(0, assistantMsgs - userMsgs),
        detail: `${userMsgs} athlete messages, ${assistantMsgs} answers stored`,
      },
      problems,
    };
  };
}

/** A 429 from Strava blocks every call until its 15-minute window ends: the standalone run shortens the window to 20 s. */
export const faultProvidersInStackOptions = { vars: { STRAVA_WINDOW_SECONDS: '20', STRAVA_DAY_SECONDS: '86400' } };

/** `npm run bench -- fault-providers-in`: each provider × {error, timeout, ratelimit}, 20 s each. */
export async function faultProvidersInBench(stack: Stack): Promise<string> {
  const { faultVerdict } = await import('./fault.ts');
  const o = { seconds: 20, athletes: 2, perAthlete: 2, settleTimeoutS: Number(process.env.SETTLE_S ?? 300) };
  const modes: ProviderFaultMode[] = ['error', 'timeout', 'ratelimit'];
  const faults: [string, Fault][] = [
    ...modes.map((m): [string, Fault] => [`strava-${m}`, stravaFault(m, o)]),
    ...modes.map((m): [string, Fault] => [`garmin-${m}`, garminFault(m, o)]),
    ...modes.map((m): [string, Fault] => [`polar-${m}`, polarFault(m, o)]),
    ...modes.map((m): [string, Fault] => [`model-${m}`, modelFault(m, { seconds: 20, athletes: 2 })]),
  ];
  // FAULTS=strava,model-error runs only those (names start with one of them).
  const only = process.env.FAULTS?.split(',');
  const signal = new AbortController().signal;
  const reports: FaultReport[] = [];
  for (const [name, f] of faults) {
    if (only && !only.some((p) => name.startsWith(p))) continue;
    try {
      const r = await f({ stack, log: (l) => console.log(`  ${l}`), signal });
      reports.push(r);
      console.log(faultVerdict(r));
      for (const l of [...r.userSaw, ...r.retried, r.reconciliation.detail ?? '', ...r.problems.map((p) => `PROBLEM ${p}`)])
        if (l) console.log(`    ${l}`);
    } catch (err) {
      console.log(`fault crashed: ${err instanceof Error ? err.stack : String(err)}`);
      reports.push({
        name: 'crashed',
        startedAt: new Date().toISOString(),
        faultSeconds: 0,
        userSaw: [],
        retried: [],
        recoverySeconds: null,
        reconciliation: { accepted: 0, done: 0, lost: 0, duplicated: 0 },
        problems: [String(err)],
      });
    }
  }
  const ok = reports.filter((r) => r.problems.length === 0 && r.reconciliation.lost === 0 && r.reconciliation.duplicated === 0).length;
  return `fault-providers-in ok=${ok}/${reports.length} lost=${reports.reduce((s, r) => s + r.reconciliation.lost, 0)} twice=${reports.reduce((s, r) => s + r.reconciliation.duplicated, 0)} maxRecoveryS=${Math.max(...reports.map((r) => r.recoverySeconds ?? 9999))}`;
}
