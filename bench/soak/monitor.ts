// Once a minute during the soak: workerd's resident memory and the worker isolate's live heap (after a full
// collection, through wrangler's inspector), Postgres's connections and the minute's slowest statements
// (pg_stat_statements, preloaded for the soak's database), and the queues' backlogs and oldest items as Ops
// Pulse reports them to an operator.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import type { Stack } from '../../scripts/lib/stack.ts';
import { isolateHeap } from '../archive.bench.ts';
import { workerdUnder } from '../notifications.bench.ts';

export interface MinuteSample {
  minute: number;
  rssMiB: number;
  /** workerd's process ids: a new set is a new process (the restart fault), with a warm-up of its own. */
  processes: string;
  liveHeapMiB: number;
  /** V8's reserved heap for the isolate: explains RSS that grows while the live heap does not. */
  heapTotalMiB: number;
  pgConnections: number;
  pgActive: number;
  slowest: { query: string; calls: number; meanMs: number; maxMs: number }[];
  /**
   * How late this process's event loop ran its callbacks over the minute (p95, max; ms). The load generator and the
   * provider sandbox share it: a late loop delays every answer the soak times, the health probe's included.
   */
  loopDelayMs: { p95: number; max: number };
  /** Null when Ops Pulse could not be read that minute: said as such, never taken for empty queues. */
  queues: { name: string; backlog: number; deadLetter: number; oldestAgeS: number | null }[] | null;
}

const rssKiB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

type Statement = { queryid: string; query: string; calls: number; total: number; max: number };

const workerdRssMiB = () => workerdUnder(process.pid).reduce((s, pid) => s + rssKiB(pid), 0) / 1024;

/**
 * wrangler dev's own cost per request: RSS growth over a burst of `/api/health` (no database, no Cadence code beyond
 * the router). Both workerd processes grow with every request in local dev — the proxy one runs none of our code —
 * so the soak's RSS is read per request against this, measured in the same run (ADR-free: a bench figure).
 */
export async function runtimeRssPerRequest(base: string, seconds = 20): Promise<{ kibPerRequest: number; requests: number }> {
  const before = workerdRssMiB();
  const end = Date.now() + seconds * 1000;
  let requests = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (Date.now() < end) {
        const res = await fetch(`${base}/api/health`);
        await res.arrayBuffer();
        requests++;
      }
    }),
  );
  return { kibPerRequest: ((workerdRssMiB() - before) * 1024) / requests, requests };
}

export async function startMonitor(stack: Stack, operatorCookie: string) {
  // A client per sample: one that lived through a database restart could not be used again.
  const open = async () => {
    const db = new pg.Client({ connectionString: stack.databaseUrl, connectionTimeoutMillis: 5_000 });
    db.on('error', () => {});
    await db.connect();
    await db.query('create extension if not exists pg_stat_statements').catch(() => {});
    return db;
  };
  let last = new Map<string, Statement>();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let heap: Awaited<ReturnType<typeof isolateHeap>> | null = null;

  /** [live, reserved] bytes of the isolate's heap. */
  async function liveHeap(): Promise<[number, number]> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        heap ??= await isolateHeap();
        const h = heap;
        const both = (async (): Promise<[number, number]> => [await h.live(), await h.total()])();
        return await Promise.race([both, new Promise<never>((_, no) => setTimeout(() => no(new Error('inspector timeout')), 15_000))]);
      } catch {
        // After a worker restart the inspector is a new one: find it again.
        heap?.close();
        heap = null;
      }
    }
    return [Number.NaN, Number.NaN];
  }

  async function statements(db: pg.Client): Promise<MinuteSample['slowest']> {
    const { rows } = await db
      .query<Statement>(
        `select queryid::text, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) as query, calls::int, total_exec_time as total, max_exec_time as max
           from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())`,
      )
      .catch(() => ({ rows: [] as Statement[] }));
    const now = new Map(rows.map((r) => [r.queryid, r]));
    const delta = rows
      .map((r) => {
        const before = last.get(r.queryid);
        const calls = r.calls - (before?.calls ?? 0);
        return { query: r.query, calls, meanMs: calls > 0 ? (r.total - (before?.total ?? 0)) / calls : 0, maxMs: r.max };
      })
      .filter((r) => r.calls > 0)
      .sort((a, b) => b.meanMs - a.meanMs)
      .slice(0, 3);
    last = now;
    return delta;
  }

  async function queues(): Promise<MinuteSample['queues']> {
    try {
      const res = await fetch(`${stack.workerUrl}/api/v1/admin/ops/pulse`, {
        headers: { cookie: operatorCookie },
        signal: AbortSignal.timeout(20_000),
      });
      if (!res.ok) return null;
      const body = (await res.json()) as { queues?: { name: string; backlog: number; deadLetter: number; oldest: string | null }[] };
      return (body.queues ?? []).map((q) => ({
        name: q.name,
        backlog: q.backlog,
        deadLetter: q.deadLetter,
        oldestAgeS: q.oldest ? Math.round((Date.now() - Date.parse(q.oldest)) / 1000) : null,
      }));
    } catch {
      return null;
    }
  }

  return {
    async sample(minute: number): Promise<MinuteSample> {
      let pgConnections = Number.NaN;
      let pgActive = Number.NaN;
      let slowest: MinuteSample['slowest'] = [];
      let db: pg.Client | null = null;
      try {
        db = await open();
        const { rows } = await db.query<{ n: number; active: number }>(
          `select count(*)::int as n, (count(*) filter (where state = 'active'))::int as active from pg_stat_activity where datname = current_database()`,
        );
        pgConnections = rows[0]!.n;
        pgActive = rows[0]!.active;
        slowest = await statements(db);
      } catch {
        // The database is down (a fault): the row says n/a.
      } finally {
        await db?.end().catch(() => {});
      }
      const loopDelayMs = { p95: loop.percentile(95) / 1e6, max: loop.max / 1e6 };
      loop.reset();
      const rss = workerdRssMiB();
      const [live, total] = await liveHeap();
      return {
        minute,
        rssMiB: rss,
        processes: workerdUnder(process.pid)
          .sort((a, b) => a - b)
          .join(','),
        liveHeapMiB: live / 1024 / 1024,
        heapTotalMiB: total / 1024 / 1024,
        pgConnections,
        pgActive,
        slowest,
        loopDelayMs,
        queues: await queues(),
      };
    },
    stop() {
      loop.disable();
      heap?.close();
    },
  };
}
