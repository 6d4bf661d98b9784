// The database fault: Postgres stopped for N seconds under light load, then started again. A fixed set of
// routes (an API read, a ledger write through the ClientLedger Durable Object, a page, health) is probed every
// ~250 ms from before the stop until the stack answers normally again; exports queued just before the stop
// must finish afterwards, and every write answered 2xx must be in the ledger. Self-contained (its own coach,
// client and athletes per run), bounded, and Postgres is always started again.
import { createUsers, login } from '../users.ts';
import type { Fault, FaultContext, FaultReport } from './fault.ts';
import { withDatabase } from '../lib.ts';

export interface DatabaseFaultOptions {
  /** How long Postgres stays stopped (default 20). */
  seconds?: number;
  /** Probing before the stop, for the baseline (default 10). */
  leadSeconds?: number;
  /** Exports queued just before the stop, which must finish afterwards (default 3). */
  exports?: number;
}

const PROBE_EVERY_MS = 250;
const HANG_MS = 10_000;
const GIVE_UP_AFTER_START_MS = 120_000;

type Phase = 'before' | 'during' | 'after';
interface Probe {
  route: string;
  phase: Phase;
  at: number;
  ms: number;
  status: number;
  retryAfter: string | null;
  code: string | null;
  writeKey?: string;
}

interface World {
  coachCookie: string;
  clientId: string;
  packageId: string;
  athleteCookies: string[];
}

const withDb = withDatabase;

/** A coach with an org, a client and a package of 100,000 sessions; athletes for the exports. */
async function makeWorld({ stack }: FaultContext, athletes: number): Promise<World> {
  const [coach, ...others] = await createUsers(stack.databaseUrl, 1 + athletes, 'fault-db');
  const ids = await withDb(stack.databaseUrl, async (db) => {
    const one = async (text: string, values: unknown[]) => (await db.query<{ id: string }>(text, values)).rows[0]!.id;
    const userId = await one("update users set role = 'coach' where email = $1 returning id", [coach]);
    const orgId = await one("insert into orgs (name, time_zone, created_by) values ('Fault Coaching', 'UTC', $1) returning id", [userId]);
    await db.query("insert into org_members (org_id, user_id, role) values ($1, $2, 'owner')", [orgId, userId]);
    const clientId = await one("insert into clients (org_id, name) values ($1, 'Fault Client') returning id", [orgId]);
    const packageId = await one(
      "insert into client_packages (org_id, client_id, name, sessions_total, sessions_remaining, purchased_on, source) values ($1, $2, 'Fault', 100000, 100000, current_date, 'manual') returning id",
      [orgId, clientId],
    );
    return { clientId, packageId };
  });
  const coachCookie = await login(stack.workerUrl, stack.appUrl, coach!);
  const athleteCookies = await Promise.all(others.map((e) => login(stack.workerUrl, stack.appUrl, e)));
  return { coachCookie, athleteCookies, ...ids };
}

export function databaseFaultWith(opts: DatabaseFaultOptions = {}): Fault {
  const seconds = opts.seconds ?? 20;
  const leadSeconds = opts.leadSeconds ?? 10;
  return async (ctx) => {
    const { stack, log, signal } = ctx;
    const report: FaultReport = {
      name: `database-${seconds}s`,
      startedAt: new Date().toISOString(),
      faultSeconds: 0,
      userSaw: [],
      retried: [],
      recoverySeconds: null,
      reconciliation: { accepted: 0, done: 0, lost: 0, duplicated: 0 },
      problems: [],
    };
    if (!stack.database) {
      report.problems.push('the stack has no embedded Postgres to stop (a supplied DATABASE_URL)');
      return report;
    }
    const w = await makeWorld(ctx, opts.exports ?? 3);
    const tag = `fault-db-${Date.now()}`;
    const probes: Probe[] = [];
    let phase: Phase = 'before';
    let writes = 0;
    const t0 = Date.now();

    const probe = async (route: string, url: string, init: RequestInit = {}, writeKey?: string) => {
      const at = Date.now();
      const p: Probe = { route, phase, at: at - t0, ms: 0, status: 0, retryAfter: null, code: null, ...(writeKey ? { writeKey } : {}) };
      try {
        const res = await fetch(`${stack.workerUrl}${url}`, { ...init, signal: AbortSignal.timeout(HANG_MS + 5_000) });
        p.status = res.status;
        p.retryAfter = res.headers.get('retry-after');
        const text = await res.text();
        if (res.status >= 400)
          p.code = text.match(/"code":"([A-Z_]+)"/)?.[1] ?? (res.headers.get('content-type')?.includes('html') ? 'html' : 'other');
      } catch (err) {
        p.status = -1;
        p.code = err instanceof Error ? err.name : 'error';
      }
      p.ms = Date.now() - at;
      probes.push(p);
      return p;
    };
    const round = () => {
      const key = `${tag}-${writes++}`;
      return Promise.all([
        probe('api-read', '/api/v1/me', { headers: { cookie: w.coachCookie } }),
        probe(
          'api-write',
          `/api/v1/coach/clients/${w.clientId}/sessions/use`,
          {
            method: 'POST',
            headers: { cookie: w.coachCookie, origin: stack.appUrl, 'content-type': 'application/json' },
            body: JSON.stringify({ idempotencyKey: key }),
          },
          key,
        ),
        probe('page', '/home', { headers: { cookie: w.coachCookie } }),
        probe('health', '/api/health'),
      ]);
    };

    // The probing loop: one round every ~250 ms, never more than a few in flight (a hang must not pile up load).
    let probing = true;
    let inFlight = 0;
    const loop = (async () => {
      const pending = new Set<Promise<unknown>>();
      while (probing && !signal.aborted) {
        if (inFlight < 8) {
          inFlight++;
          const r = round().finally(() => {
            inFlight--;
            pending.delete(r);
          });
          pending.add(r);
        }
        await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
      }
      await Promise.all(pending);
    })();

    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    let exportIds: { cookie: string; id: string }[] = [];
    let stoppedAt = 0;
    let startedAt = 0;
    const crons: string[] = [];
    try {
      await sleep(leadSeconds * 1000);
      // Queue work accepted just before the stop: its consumers meet the stopped database.
      exportIds = (
        await Promise.all(
          w.athleteCookies.map(async (cookie) => {
            const res = await fetch(`${stack.workerUrl}/api/v1/privacy/exports`, {
              method: 'POST',
              headers: { cookie, origin: stack.appUrl },
            });
            return res.status === 202 ? { cookie, id: ((await res.json()) as { id: string }).id } : null;
          }),
        )
      ).filter((e) => e !== null);
      if (signal.aborted) {
        probing = false;
        await loop;
        return report;
      }
      phase = 'during';
      log(`database: stopping Postgres for ${seconds} s`);
      stoppedAt = Date.now();
      await stack.database.stop();
      await sleep(Math.min(2_000, seconds * 500));
      crons.push(`during: HTTP ${await stack.fireCron('* * * * *').catch((e: Error) => e.message)}`);
      await sleep(Math.max(0, seconds * 1000 - (Date.now() - stoppedAt)));
    } finally {
      await stack.database.start();
      startedAt = Date.now();
      phase = 'after';
      report.faultSeconds = Math.round((startedAt - stoppedAt) / 100) / 10;
      log(`database: Postgres started again after ${report.faultSeconds} s`);
    }

    // Recovery: the first round after the start whose every answer is 2xx.
    let recoveredAt = 0;
    while (!signal.aborted && Date.now() - startedAt < GIVE_UP_AFTER_START_MS) {
      const r = await round();
      if (r.every((p) => p.status >= 200 && p.status < 300)) {
        recoveredAt = Date.now();
        break;
      }
      await sleep(PROBE_EVERY_MS);
    }
    if (recoveredAt) report.recoverySeconds = Math.round((recoveredAt - startedAt) / 100) / 10;
    await sleep(2_000);
    probing = false;
    await loop;
    crons.push(`after: HTTP ${await stack.fireCron('* * * * *').catch((e: Error) => e.message)}`);

    // What users saw, by phase.
    for (const ph of ['before', 'during', 'after'] as const) {
      const inPhase = probes.filter((p) => p.phase === ph);
      const by = new Map<string, number>();
      for (const p of inPhase) {
        const k = `${p.status}${p.code ? ` ${p.code}` : ''}${p.status === 503 ? (p.retryAfter ? ` Retry-After ${p.retryAfter}` : ' no Retry-After') : ''}`;
        by.set(k, (by.get(k) ?? 0) + 1);
      }
      const slowest = Math.max(0, ...inPhase.map((p) => p.ms));
      report.userSaw.push(
        `${ph === 'before' ? 'before the stop (or in flight at it)' : ph}: ${inPhase.length} requests — ${[...by].map(([k, n]) => `${n}× ${k}`).join(', ')}; slowest ${slowest} ms`,
      );
      for (const route of ['api-read', 'api-write', 'page', 'health']) {
        const rs = inPhase.filter((p) => p.route === route);
        if (ph === 'during' && rs.length) {
          const statuses = [...new Set(rs.map((p) => p.status))].join('/');
          report.userSaw.push(
            `  during, ${route}: ${rs.length} requests, statuses ${statuses}, slowest ${Math.max(...rs.map((p) => p.ms))} ms`,
          );
        }
      }
    }
    const fivehundreds = probes.filter((p) => p.status >= 500 && p.status !== 503);
    const bare503 = probes.filter((p) => p.status === 503 && !p.retryAfter);
    const hangs = probes.filter((p) => p.ms > HANG_MS || p.status === -1);
    if (fivehundreds.length)
      report.problems.push(
        `${fivehundreds.length} answers were 5xx other than 503 (${[...new Set(fivehundreds.map((p) => p.route))].join(', ')})`,
      );
    if (bare503.length) report.problems.push(`${bare503.length} answers were 503 without Retry-After`);
    if (hangs.length) report.problems.push(`${hangs.length} requests took over ${HANG_MS / 1000} s or failed at the socket (a hang)`);
    if (!recoveredAt) report.problems.push(`the stack did not answer normally within ${GIVE_UP_AFTER_START_MS / 1000} s of the start`);
    report.retried.push(`cron ticks (* * * * *): ${crons.join(', ')}`);

    // Reconciliation: every 2xx write is a ledger row; queued exports finish.
    const accepted = probes.filter((p) => p.writeKey && p.status >= 200 && p.status < 300).map((p) => p.writeKey!);
    const errored = probes.filter((p) => p.writeKey && !(p.status >= 200 && p.status < 300)).map((p) => p.writeKey!);
    const rows = await withDb(stack.databaseUrl, async (db) => {
      const { rows } = await db.query<{ cause: string | null; n: number }>(
        "select cause, count(*)::int as n from session_ledger where client_package_id = $1 and kind = 'use' group by cause",
        [w.packageId],
      );
      return rows;
    });
    const ledgerRows = rows.reduce((s, r) => s + r.n, 0);
    const twice = rows.filter((r) => r.n > 1).length;
    const exportsDone = await waitForExports(stack.workerUrl, exportIds, signal);
    const lostWrites = Math.max(0, accepted.length - ledgerRows);
    report.reconciliation = {
      accepted: accepted.length + exportIds.length,
      done: Math.min(ledgerRows, accepted.length) + exportsDone.ready,
      lost: lostWrites + (exportIds.length - exportsDone.ready),
      duplicated: twice,
      detail: `writes: ${accepted.length} answered 2xx, ${errored.length} refused, ${ledgerRows} ledger rows (${Math.max(0, ledgerRows - accepted.length)} committed though the caller saw an error); exports queued just before the stop: ${exportsDone.ready}/${exportIds.length} ready (${exportsDone.statuses.join(', ')}) ${exportsDone.seconds} s after the start`,
    };
    if (exportsDone.ready < exportIds.length) report.problems.push(`exports not finished: ${exportsDone.statuses.join(', ')}`);
    report.retried.push(`exports (cadence-privacy): ${exportsDone.ready}/${exportIds.length} finished after the restart`);
    return report;

    async function waitForExports(base: string, ids: { cookie: string; id: string }[], abort: AbortSignal) {
      const statuses = new Map<string, string>();
      const deadline = Date.now() + GIVE_UP_AFTER_START_MS;
      while (!abort.aborted && Date.now() < deadline) {
        for (const e of ids) {
          const res = await fetch(`${base}/api/v1/privacy/exports`, { headers: { cookie: e.cookie } });
          if (!res.ok) continue;
          const list = (await res.json()) as { exports: { id: string; status: string }[] };
          statuses.set(e.id, list.exports.find((x) => x.id === e.id)?.status ?? 'missing');
        }
        if ([...statuses.values()].every((s) => s === 'ready' || s === 'failed') && statuses.size === ids.length) break;
        await sleep(1_000);
      }
      const all = [...statuses.values()];
      return { ready: all.filter((s) => s === 'ready').length, statuses: all, seconds: Math.round((Date.now() - startedAt) / 1000) };
    }
  };
}

/** The soak's database fault: 20 s. */
export const databaseFault: Fault = databaseFaultWith();

/** `npm run bench -- fault-database`: the fault once on a fresh stack (DB_FAULT_SECONDS to change its length). */
export async function databaseFaultBench(stack: import('../../scripts/lib/stack.ts').Stack): Promise<string> {
  const seconds = Number(process.env.DB_FAULT_SECONDS ?? 20);
  const r = await databaseFaultWith({ seconds })({ stack, log: (l) => console.log(l), signal: new AbortController().signal });
  for (const l of [...r.userSaw, ...r.retried, r.reconciliation.detail ?? '', ...r.problems.map((p) => `PROBLEM: ${p}`)]) console.log(l);
  const { faultVerdict } = await import('./fault.ts');
  console.log(faultVerdict(r));
  return `bench=fault-database seconds=${r.faultSeconds} recovery_s=${r.recoverySeconds ?? 'never'} accepted=${r.reconciliation.accepted} done=${r.reconciliation.done} lost=${r.reconciliation.lost} duplicated=${r.reconciliation.duplicated} problems=${r.problems.length}`;
}
