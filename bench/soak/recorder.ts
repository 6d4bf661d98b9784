// Every request the soak makes goes through `call`: its class, status and time land in the minute it
// started in, beside the health route's own p95 of that minute (probed once a second), so each class's p95
// is read as a ratio to the same minute's health (../shared/docs/benchmarks.md).
import { percentile } from '../lib.ts';

/** Route classes of the per-minute table. */
export const CLASSES = ['page', 'api-read', 'api-write', 'ledger', 'coach-stream', 'upload', 'connect', 'webhook', 'export'] as const;
export type RouteClass = (typeof CLASSES)[number];

/**
 * The routes with a p95 target of their own (bench/README.md: each measured alone under 20 clients, interleaved
 * with health): here they are read the same way, minute by minute, under the whole mix.
 */
export const ROUTE_TARGETS: Record<string, { target: number; bench: string }> = {
  'GET /api/v1/me': { target: 3, bench: 'http' },
  'GET /api/v1/analytics/fitness': { target: 3, bench: 'analytics' },
  'GET /api/v1/analytics/weekly-volume': { target: 3, bench: 'analytics' },
  'GET /api/v1/analytics/personal-bests': { target: 3, bench: 'analytics' },
  'GET /api/v1/analytics/insights': { target: 3, bench: 'analytics' },
  'GET /api/v1/plans/:id/calendar': { target: 3, bench: 'plans' },
  'GET /api/v1/calendar': { target: 2, bench: 'calendar' },
  'GET /api/v1/activities/:id/streams': { target: 3, bench: 'streams' },
  'GET /api/v1/analytics/curves': { target: 2, bench: 'curves' },
  'GET /api/v1/social/feed': { target: 3, bench: 'social-feed' },
};

interface Minute {
  byClass: Map<RouteClass, { ms: number[]; errors: Record<string, number> }>;
  /** Latencies of the answered calls to routes with a target of their own. */
  byRoute: Map<string, number[]>;
  health: number[];
  healthErrors: number;
  /** 503s with Retry-After during the database fault, refused connections while the worker restarted: what
   * those faults promise, counted apart from errors. */
  expected503: number;
  expectedOutage: number;
}

export interface CallInit extends RequestInit {
  /** Statuses that are the right answer here (a 409 for a session already used, a 404 probe). */
  okStatuses?: number[];
  timeoutMs?: number;
}

export class Recorder {
  readonly t0 = Date.now();
  private minutes: Minute[] = [];
  /** Set by the fault schedule: what the fault on now lets users see (a 503 with Retry-After, or no server). */
  expecting: '503' | 'outage' | null = null;
  /** Set by each provider fault while it is on: the routes whose 503 with Retry-After it promises (schedule.ts). */
  readonly answers503 = new Set<RegExp>();
  get faultOn() {
    return this.expecting !== null;
  }
  /** A 503 with Retry-After that the fault on now promises: the database's anywhere, a provider's on its routes. */
  private promised503(status: number, retryAfter: string | null, path: string) {
    if (status !== 503 || !retryAfter) return false;
    return this.expecting === '503' || [...this.answers503].some((r) => r.test(path));
  }
  /** Other refusals (4xx, hangs, refused connections) by status and route, for the end report. */
  readonly refusals = new Map<string, number>();
  /** Every 5xx with its route, for the end report (never bodies: they may name a person). */
  readonly serverErrors: { minute: number; cls: RouteClass; path: string; status: number; during: boolean }[] = [];

  minuteOf(at = Date.now()) {
    return Math.floor((at - this.t0) / 60_000);
  }

  private minute(m: number): Minute {
    while (this.minutes.length <= m)
      this.minutes.push({ byClass: new Map(), byRoute: new Map(), health: [], healthErrors: 0, expected503: 0, expectedOutage: 0 });
    return this.minutes[m]!;
  }

  private slot(m: number, cls: RouteClass) {
    const minute = this.minute(m);
    const s = minute.byClass.get(cls) ?? { ms: [], errors: {} };
    minute.byClass.set(cls, s);
    return s;
  }

  /** Records a call made some other way (an SSE turn read to its end, a sandbox action). */
  note(cls: RouteClass, startedAt: number, status: number | string, ok: boolean, path = '') {
    const m = this.minuteOf(startedAt);
    if (!ok && this.expecting === 'outage' && (status === 0 || status === 'network')) {
      this.minute(m).expectedOutage++;
      return;
    }
    // A stream or a provider's delivery answered 503 while the database is down: the promised answer.
    if (!ok && this.expecting === '503' && status === 503) {
      this.minute(m).expected503++;
      return;
    }
    const s = this.slot(m, cls);
    if (ok) s.ms.push(Date.now() - startedAt);
    else {
      const kind = String(status);
      s.errors[kind] = (s.errors[kind] ?? 0) + 1;
      if (typeof status === 'number' && status >= 500)
        this.serverErrors.push({ minute: m, cls, path: templated(path), status, during: this.faultOn });
    }
  }

  /** fetch with a deadline; the answer is read whole and returned with its text. */
  async call(cls: RouteClass, url: string, init: CallInit = {}): Promise<{ status: number; text: string; res: Response | null }> {
    const { okStatuses = [], timeoutMs = 30_000, ...rest } = init;
    const started = Date.now();
    const path = new URL(url).pathname;
    try {
      const res = await fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs), redirect: rest.redirect ?? 'manual' });
      const text = await res.text();
      const ok = res.status < 400 || okStatuses.includes(res.status);
      const route = `${rest.method ?? 'GET'} ${templated(path)}`;
      if (res.ok && ROUTE_TARGETS[route]) {
        const byRoute = this.minute(this.minuteOf(started)).byRoute;
        byRoute.set(route, [...(byRoute.get(route) ?? []), Date.now() - started]);
      }
      if (!ok && this.promised503(res.status, res.headers.get('retry-after'), path)) {
        this.minute(this.minuteOf(started)).expected503++;
      } else this.note(cls, started, res.status, ok, path);
      return { status: res.status, text, res };
    } catch (err) {
      const kind = err instanceof Error && err.name === 'TimeoutError' ? 'hang' : 'network';
      if (kind === 'network' && this.expecting === 'outage') this.minute(this.minuteOf(started)).expectedOutage++;
      else this.note(cls, started, kind, false, path);
      return { status: 0, text: '', res: null };
    }
  }

  /** Probes /api/health once a second until `signal` aborts. */
  async probeHealth(base: string, signal: AbortSignal) {
    while (!signal.aborted) {
      const started = Date.now();
      try {
        const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        if (res.ok) this.minute(this.minuteOf(started)).health.push(Date.now() - started);
        else this.minute(this.minuteOf(started)).healthErrors++;
      } catch {
        this.minute(this.minuteOf(started)).healthErrors++;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, 1_000 - (Date.now() - started))));
    }
  }

  /** The per-minute rows: requests, errors and p50/p95 per class, and the p95 ratio to health. */
  table(m: number) {
    const minute = this.minute(m);
    const health = [...minute.health].sort((a, b) => a - b);
    const healthP95 = percentile(health, 95);
    const rows = [...minute.byClass.entries()].map(([cls, s]) => {
      const ms = [...s.ms].sort((a, b) => a - b);
      const errors = Object.values(s.errors).reduce((a, b) => a + b, 0);
      return {
        cls,
        n: ms.length + errors,
        errors,
        errorKinds: s.errors,
        p50: percentile(ms, 50),
        p95: percentile(ms, 95),
        ratio: percentile(ms, 95) / healthP95,
      };
    });
    return {
      healthP50: percentile(health, 50),
      healthP95,
      healthErrors: minute.healthErrors,
      expected503: minute.expected503,
      expectedOutage: minute.expectedOutage,
      rows,
    };
  }

  /** Requests made in minute `m` (every class, and the health probes). */
  requestsIn(m: number) {
    const minute = this.minute(m);
    let n = minute.health.length + minute.healthErrors + minute.expected503 + minute.expectedOutage;
    for (const s of minute.byClass.values()) n += s.ms.length + Object.values(s.errors).reduce((a, b) => a + b, 0);
    return n;
  }

  /** Per route with a target: its p95 ÷ health p95 in each minute after warm-up with ≥ 5 answers, and all latencies. */
  routeRatios(fromMinute: number) {
    const out = new Map<string, { ratios: number[]; ms: number[] }>();
    for (let m = fromMinute; m < this.minutes.length; m++) {
      const health = percentile(
        [...this.minute(m).health].sort((a, b) => a - b),
        95,
      );
      for (const [route, ms] of this.minute(m).byRoute) {
        const o = out.get(route) ?? { ratios: [], ms: [] };
        o.ms.push(...ms);
        if (ms.length >= 5 && Number.isFinite(health))
          o.ratios.push(
            percentile(
              [...ms].sort((a, b) => a - b),
              95,
            ) / health,
          );
        out.set(route, o);
      }
    }
    return out;
  }

  /** Every minute's p95 per class over the run (after warm-up), for the end summary. */
  totals(fromMinute: number) {
    const out = new Map<RouteClass, { n: number; errors: number; ms: number[]; ratios: number[] }>();
    for (let m = fromMinute; m < this.minutes.length; m++) {
      const t = this.table(m);
      for (const [cls, s] of this.minute(m).byClass) {
        const o = out.get(cls) ?? { n: 0, errors: 0, ms: [], ratios: [] };
        o.ms.push(...s.ms);
        o.n += s.ms.length;
        o.errors += Object.values(s.errors).reduce((a, b) => a + b, 0);
        const row = t.rows.find((r) => r.cls === cls);
        if (row && Number.isFinite(row.ratio) && s.ms.length >= 5) o.ratios.push(row.ratio);
        out.set(cls, o);
      }
    }
    return out;
  }
}

/** A path with its ids replaced, so the error list groups by route and names nobody. */
export const templated = (path: string) =>
  path
    .split('?')[0]!
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id')
    .replace(/\/\d+(?=\/|$)/g, '/:n');
