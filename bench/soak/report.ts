// The soak's printed report: a line per minute while it runs, and the verdicts at the end.
import { fmt, percentile } from '../lib.ts';
import type { FaultReport } from '../faults/fault.ts';
import type { MinuteSample } from './monitor.ts';
import type { Line } from './reconcile.ts';
import { CLASSES, ROUTE_TARGETS, type Recorder } from './recorder.ts';

export function minuteLine(rec: Recorder, m: number, s: MinuteSample | null, faults: string[]): string {
  const t = rec.table(m);
  const n = t.rows.reduce((a, r) => a + r.n, 0);
  const errors = t.rows.reduce((a, r) => a + r.errors, 0);
  const classes = t.rows
    .sort((a, b) => a.cls.localeCompare(b.cls))
    .map(
      (r) => `${r.cls} ${r.n}${r.errors ? `/${r.errors}✗${JSON.stringify(r.errorKinds)}` : ''} p95 ${fmt(r.p95, 0)} (${fmt(r.ratio, 1)}×)`,
    )
    .join(' · ');
  const queues = s?.queues
    ?.filter((q) => q.backlog || q.deadLetter)
    .map((q) => `${q.name} ${q.backlog}${q.deadLetter ? `+${q.deadLetter}dl` : ''}${q.oldestAgeS !== null ? ` ${q.oldestAgeS}s` : ''}`);
  const slow = s?.slowest[0] ? `slowest ${fmt(s.slowest[0].meanMs, 0)} ms ×${s.slowest[0].calls}: ${s.slowest[0].query.slice(0, 70)}` : '';
  return [
    `m${String(m).padStart(2, '0')} ${n} req, ${errors} errors${t.expected503 ? `, ${t.expected503} × 503+Retry-After (fault)` : ''}${t.expectedOutage ? `, ${t.expectedOutage} refused while restarting (fault)` : ''}${faults.length ? ` [${faults.join(', ')}]` : ''}`,
    `    health p50/p95 ${fmt(t.healthP50, 0)}/${fmt(t.healthP95, 0)} ms${t.healthErrors ? ` (${t.healthErrors} failed)` : ''} · ${classes}`,
    s
      ? `    workerd RSS ${fmt(s.rssMiB, 0)} MiB · isolate live heap ${fmt(s.liveHeapMiB, 1)} MiB (V8 reserved ${fmt(s.heapTotalMiB, 0)}) · pg ${s.pgConnections} conns (${s.pgActive} active) · bench loop late p95/max ${fmt(s.loopDelayMs.p95, 0)}/${fmt(s.loopDelayMs.max, 0)} ms · queues ${!queues ? 'n/a (Ops Pulse unreadable)' : queues.length ? queues.join(', ') : 'empty'}${slow ? ` · ${slow}` : ''}`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
}

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

/**
 * workerd's RSS per request over the run, segment by segment (a worker restart starts a new process), against the
 * runtime's own cost per `/api/health` request measured before the load.
 */
export function rssPerRequest(rec: Recorder, samples: MinuteSample[], warmup: number) {
  // One segment per workerd process (the restart fault starts new ones), each from the end of its own warm-up — a
  // new process loads and compiles everything again, as the first did in the run's warm-up — to its last sample.
  // Within a process a drop is memory handed back, not a new start: growth is its last sample over its first.
  const segments: { from: number; to: number; growthMiB: number; requests: number }[] = [];
  const byProcess = new Map<string, MinuteSample[]>();
  for (const s of samples) byProcess.set(s.processes, [...(byProcess.get(s.processes) ?? []), s]);
  for (const run of byProcess.values()) {
    const warm = run.filter((s) => s.minute >= run[0]!.minute + warmup);
    if (warm.length < 2) continue;
    const first = warm[0]!;
    const last = warm.at(-1)!;
    let requests = 0;
    for (let m = first.minute + 1; m <= last.minute; m++) requests += rec.requestsIn(m);
    segments.push({ from: first.minute, to: last.minute, growthMiB: last.rssMiB - first.rssMiB, requests });
  }
  return segments.map((g) => ({ ...g, kibPerRequest: g.requests ? (g.growthMiB * 1024) / g.requests : Number.NaN }));
}

/** Flat: the last third's median within 10 % (and 8 MiB) of the median just after warm-up. */
export function flatness(samples: MinuteSample[], warmup: number, key: 'rssMiB' | 'liveHeapMiB') {
  const after = samples.filter((s) => s.minute >= warmup && Number.isFinite(s[key]));
  if (after.length < 4) return { flat: true, early: NaN, late: NaN, note: 'too short to judge' };
  const third = Math.max(2, Math.floor(after.length / 3));
  const early = median(after.slice(0, third).map((s) => s[key]));
  const late = median(after.slice(-third).map((s) => s[key]));
  return { flat: late - early <= Math.max(8, early * 0.1), early, late, note: '' };
}

export interface Verdict {
  lines: string[];
  pass: boolean;
  keyValues: string[];
}

export function verdict(
  rec: Recorder,
  samples: MinuteSample[],
  recon: Line[],
  faults: FaultReport[],
  opts: { minutes: number; warmup: number; drainS: number; runtimeKibPerRequest: number },
): Verdict {
  const out: string[] = [];
  const unexpected5xx = rec.serverErrors.filter((e) => !(e.during && e.status === 503));
  const totals = rec.totals(opts.warmup);
  out.push('\nper class after warm-up (p95 ÷ the same minute’s health p95: median of minutes / worst minute):');
  for (const cls of CLASSES) {
    const t = totals.get(cls);
    if (!t) continue;
    const ms = [...t.ms].sort((a, b) => a - b);
    out.push(
      `  ${cls.padEnd(13)} ${String(t.n).padStart(6)} ok, ${t.errors} errors · p50 ${fmt(percentile(ms, 50), 0)} ms p95 ${fmt(percentile(ms, 95), 0)} ms · ratio ${fmt(median(t.ratios), 2)} / ${fmt(Math.max(...t.ratios), 2)}`,
    );
  }
  let ratiosOk = true;
  const routes = rec.routeRatios(opts.warmup);
  out.push('routes with a target of their own (bench/README.md; there each alone under 20 clients, here under the whole mix):');
  for (const [route, { target, bench }] of Object.entries(ROUTE_TARGETS)) {
    const r = routes.get(route);
    if (!r?.ms.length) continue;
    const med = median(r.ratios);
    if (Number.isFinite(med) && med > target) ratiosOk = false;
    const ms = [...r.ms].sort((a, b) => a - b);
    out.push(
      `  ${route.padEnd(40)} ${String(ms.length).padStart(5)} · p95 ${fmt(percentile(ms, 95), 0)} ms · ratio ${fmt(med, 2)} (minutes ${r.ratios.length}, worst ${fmt(Math.max(...r.ratios), 2)}) · target ≤ ${target} (${bench}) ${Number.isFinite(med) ? (med <= target ? 'met' : 'OVER') : 'too few'}`,
    );
  }
  const loopLate = samples.filter((s) => s.minute >= opts.warmup).map((s) => s.loopDelayMs.p95);
  out.push(
    `  (the bench process's own event loop — load generator, provider sandbox, database proxy — ran late by ${fmt(median(loopLate), 0)} ms at p95, median of minutes)`,
  );
  const heap = flatness(samples, opts.warmup, 'liveHeapMiB');
  const segments = rssPerRequest(rec, samples, opts.warmup);
  // Our code's memory is the isolate's live heap; workerd's RSS also grows by wrangler dev's own cost per request
  // (measured on /api/health before the load): it passes when it grows no faster than twice that.
  const rssOk = segments.every((g) => !(g.kibPerRequest > 2 * opts.runtimeKibPerRequest));
  const rss = { flat: rssOk, early: samples[0]?.rssMiB ?? Number.NaN, late: samples.at(-1)?.rssMiB ?? Number.NaN };
  out.push(
    `\nmemory after warm-up: isolate live heap ${fmt(heap.early, 1)} → ${fmt(heap.late, 1)} MiB (${heap.flat ? 'flat' : 'GROWING'}) ${heap.note}`,
  );
  out.push(
    `  workerd RSS by segment (a restart starts a new process): ${segments.map((g) => `m${g.from}–m${g.to} +${fmt(g.growthMiB, 0)} MiB over ${g.requests} requests = ${fmt(g.kibPerRequest, 1)} KiB/request`).join('; ')}`,
  );
  out.push(
    `  wrangler dev's own RSS growth on /api/health before the load: ${fmt(opts.runtimeKibPerRequest, 1)} KiB/request → RSS ${rssOk ? 'within 2× the runtime’s own growth' : 'GROWING faster than the runtime’s own'}`,
  );
  const last = samples.slice(-3);
  // A minute whose queues could not be read leaves the backlog unknown: judged as not flat.
  const unread = last.filter((s) => s.queues === null).length;
  const growing = [...new Set(last.flatMap((s) => (s.queues ?? []).filter((q) => (q.oldestAgeS ?? 0) > 300).map((q) => q.name)))];
  if (unread > 0) growing.push(`unknown (${unread} of the last ${last.length} minutes unread)`);
  out.push(
    `queues: ${growing.length ? `oldest item over 5 min or unread in the last minutes: ${growing.join(', ')}` : 'no backlog older than 5 minutes in the last minutes'}; drained in ${fmt(opts.drainS, 0)} s after the load stopped`,
  );

  out.push('\nreconciliation (accepted → done, lost, twice):');
  for (const l of recon)
    out.push(
      `  ${l.what.padEnd(34)} ${String(l.accepted).padStart(5)} → ${String(l.done).padStart(5)} · lost ${l.lost} · twice ${l.twice}${l.note ? ` (${l.note})` : ''}`,
    );
  const lost = recon.reduce((s, l) => s + Math.max(0, l.lost), 0);
  const twice = recon.reduce((s, l) => s + l.twice, 0);

  if (faults.length) out.push('\nfaults:');
  for (const f of faults) {
    const ok = f.problems.length === 0 && f.reconciliation.lost === 0 && f.reconciliation.duplicated === 0;
    out.push(
      `  ${f.name}: ${ok ? 'OK' : 'FAILED'} · ${f.faultSeconds} s · recovery ${f.recoverySeconds ?? 'never'} s · ${f.reconciliation.done}/${f.reconciliation.accepted} done, ${f.reconciliation.lost} lost, ${f.reconciliation.duplicated} twice`,
    );
    for (const u of f.userSaw) out.push(`      saw: ${u}`);
    for (const r of f.retried) out.push(`      retried: ${r}`);
    for (const p of f.problems) out.push(`      PROBLEM: ${p}`);
  }
  const faultsOk = faults.every((f) => f.problems.length === 0 && f.reconciliation.lost === 0 && f.reconciliation.duplicated === 0);

  if (unexpected5xx.length) {
    out.push(`\n5xx answers (${unexpected5xx.length}):`);
    const byRoute = new Map<string, number>();
    for (const e of unexpected5xx)
      byRoute.set(
        `${e.status} ${e.cls} ${e.path}${e.during ? ' (during a fault)' : ''}`,
        (byRoute.get(`${e.status} ${e.cls} ${e.path}${e.during ? ' (during a fault)' : ''}`) ?? 0) + 1,
      );
    for (const [k, n] of byRoute) out.push(`  ${n} × ${k}`);
  }
  const pass =
    unexpected5xx.length === 0 && lost === 0 && twice === 0 && rss.flat && heap.flat && growing.length === 0 && faultsOk && ratiosOk;
  out.push(
    `\nVERDICT: ${pass ? 'PASS' : 'FAIL'} — 5xx ${unexpected5xx.length}, lost ${lost}, twice ${twice}, memory ${rss.flat && heap.flat ? 'flat' : 'growing'}, backlogs ${growing.length ? 'growing' : 'flat'}, faults ${faults.filter((f) => f.problems.length === 0).length}/${faults.length} ok, ratios ${ratiosOk ? 'within targets' : 'over target'}`,
  );
  const all = [...totals.values()];
  return {
    lines: out,
    pass,
    keyValues: [
      'bench=soak',
      `minutes=${opts.minutes} requests=${all.reduce((s, t) => s + t.n + t.errors, 0)} errors=${all.reduce((s, t) => s + t.errors, 0)} unexpected_5xx=${unexpected5xx.length}`,
      `lost=${lost} twice=${twice} rss_mib=${fmt(rss.early, 0)}->${fmt(rss.late, 0)} live_heap_mib=${fmt(heap.early, 1)}->${fmt(heap.late, 1)}`,
      `faults=${faults.length} faults_ok=${faults.filter((f) => f.problems.length === 0).length} drain_s=${fmt(opts.drainS, 0)} pass=${pass}`,
    ],
  };
}
