// AI coach benchmark. Three figures:
// 1. Stream overhead: the first `delta` at a Node fetch client minus the sandbox model's own time to
//    first token for that request, i.e. (first delta at client − request start) − (firstTokenAt −
//    receivedAt), both clocks this process's. One caller, 4 Pro athletes in turn, a fresh conversation
//    every 6 turns; a plain question (no tools, no guardrail, no deterministic answer). Target ≤ 50 ms p95.
// 2. 100 athletes (100 CoachSession objects) asking at once, several rounds: errors of any kind
//    (target 0), wall time, per-turn latency.
// 3. The production worker bundle (both LLM SDKs) gzipped, from `wrangler deploy --dry-run`. Target ≤ 1.5 MiB.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Stack } from '../scripts/lib/stack.ts';
import { type Athlete, askTurn, hrNow, newConversation, proAthletes, type TurnTiming } from './coach-turns.ts';
import { assertLoopback, fmt, percentile } from './lib.ts';

const QUESTION = 'Any advice for staying consistent this winter?';
const FIRST_TOKEN_MS = 100;
const CHUNK_MS = 2;
const OVERHEAD_ATHLETES = 4;
const WARMUP = 20;
const SAMPLES = 240;
const TURNS_PER_CONVERSATION = 6;
const CONCURRENT = 100;
const ROUNDS = 5;
const TURN_TIMEOUT_MS = 60_000;
const MiB = 1024 * 1024;

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const line = (name: string, xs: number[], digits = 1) => {
  const s = sorted(xs);
  return `${name} p50=${fmt(percentile(s, 50), digits)} p95=${fmt(percentile(s, 95), digits)} max=${fmt(s.at(-1) ?? NaN, digits)} ms (n=${s.length})`;
};

export async function coachBench(stack: Stack): Promise<string> {
  const base = stack.workerUrl;
  const origin = stack.appUrl;
  assertLoopback(base);
  const llm = stack.sandbox.llm;
  llm.configure({ firstTokenMs: FIRST_TOKEN_MS, chunkMs: CHUNK_MS });
  console.log(`load average at start: ${load()}; sandbox firstTokenMs=${FIRST_TOKEN_MS} chunkMs=${CHUNK_MS}`);

  /** The model request this turn made (exactly one for a plain answer), or why it cannot be used. */
  const modelRequest = (a: Athlete, before: number) => {
    const reqs = llm.requests(a.userId, 'anthropic');
    if (reqs.length !== before + 1) return `model calls ${reqs.length - before}`;
    const r = reqs.at(-1)!;
    return r.firstTokenAt === null ? 'no first token recorded' : r;
  };

  // 1. Overhead, one caller; the health route between turns is the same-run reference (a bare round trip).
  const solo = await proAthletes(stack.databaseUrl, base, origin, OVERHEAD_ATHLETES, 'coach-solo');
  const parts = {
    overhead: [] as number[],
    ttfb: [] as number[],
    model: [] as number[],
    before: [] as number[],
    mid: [] as number[],
    after: [] as number[],
  };
  const headers: number[] = [];
  const health: number[] = [];
  const rejected: Record<string, number> = {};
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const a = solo[i % OVERHEAD_ATHLETES]!;
    const turnNo = Math.floor(i / OVERHEAD_ATHLETES);
    if (turnNo > 0 && turnNo % TURNS_PER_CONVERSATION === 0 && i % OVERHEAD_ATHLETES === 0)
      for (const x of solo) x.conversationId = await newConversation(base, origin, x.cookie);
    const before = llm.requests(a.userId, 'anthropic').length;
    const t = await askTurn(base, origin, a, QUESTION, TURN_TIMEOUT_MS);
    const h0 = hrNow();
    await (await fetch(`${base}/api/health`)).arrayBuffer();
    const h = hrNow() - h0;
    const r = modelRequest(a, before);
    const why = t.errors[0] ?? (t.route !== 'model' ? `route ${t.route}` : typeof r === 'string' ? r : null);
    if (why) {
      rejected[why] = (rejected[why] ?? 0) + 1;
      continue;
    }
    if (i < WARMUP || typeof r === 'string') continue;
    const ttfb = t.firstDeltaAt! - t.t0;
    const model = r.firstTokenAt! - r.receivedAt;
    parts.ttfb.push(ttfb);
    parts.model.push(model);
    parts.overhead.push(ttfb - model);
    parts.before.push(r.receivedAt - t.t0);
    parts.mid.push(r.receivedAt - t.headersAt!);
    parts.after.push(t.firstDeltaAt! - r.firstTokenAt!);
    headers.push(t.headersAt! - t.t0);
    health.push(h);
  }
  const ov = sorted(parts.overhead);
  console.log(`\nstream overhead, one caller, ${ov.length} samples after ${WARMUP} warm-up turns (target ≤ 50 ms p95):`);
  console.log(`  ${line('overhead (first delta at client − model TTFT)', parts.overhead)}`);
  console.log(`  ${line('first delta at client since request start', parts.ttfb)}`);
  console.log(`  ${line('model TTFT (sandbox firstTokenAt − receivedAt)', parts.model)}`);
  console.log(`  where the overhead goes:`);
  console.log(`    ${line('request start → model request received', parts.before)}`);
  console.log(`    ${line('model first token → client first delta', parts.after)}`);
  console.log(`    ${line('request start → response headers (auth, DO, prepare)', headers)}`);
  console.log(`    ${line('response headers → model request received (context block, SDK)', parts.mid)}`);
  console.log(`  ${line('reference: GET /api/health, same run, between turns', health)}`);
  if (Object.keys(rejected).length) console.log(`  turns not counted: ${JSON.stringify(rejected)}`);

  // 2. 100 athletes at once, each its own CoachSession; a warm-up round (cold objects) counts errors too.
  const crowd = await proAthletes(stack.databaseUrl, base, origin, CONCURRENT, 'coach-crowd');
  const errors: Record<string, number> = {};
  const turnMs: number[] = [];
  const deltaMs: number[] = [];
  const crowdOverhead: number[] = [];
  const walls: number[] = [];
  let turns = 0;
  let errorCount = 0;
  console.log(`\n${CONCURRENT} concurrent conversations, ${ROUNDS} rounds after a warm-up round (target 0 errors):`);
  for (let round = 0; round <= ROUNDS; round++) {
    const before = crowd.map((a) => llm.requests(a.userId, 'anthropic').length);
    const started = hrNow();
    const results: TurnTiming[] = await Promise.all(crowd.map((a) => askTurn(base, origin, a, QUESTION, TURN_TIMEOUT_MS)));
    const wall = hrNow() - started;
    let roundErrors = 0;
    const roundTurns: number[] = [];
    results.forEach((t, i) => {
      turns++;
      if (t.errors.length) {
        roundErrors++;
        for (const e of t.errors) errors[e] = (errors[e] ?? 0) + 1;
        return;
      }
      roundTurns.push(t.doneAt! - t.t0);
      if (round === 0) return;
      turnMs.push(t.doneAt! - t.t0);
      deltaMs.push(t.firstDeltaAt! - t.t0);
      const r = modelRequest(crowd[i]!, before[i]!);
      if (typeof r !== 'string') crowdOverhead.push(t.firstDeltaAt! - t.t0 - (r.firstTokenAt! - r.receivedAt));
    });
    errorCount += roundErrors;
    if (round > 0) walls.push(wall);
    const rt = sorted(roundTurns);
    console.log(
      `  ${round === 0 ? 'warm-up' : `round ${round}`}: wall ${fmt(wall / 1000, 2)} s, turn p50=${fmt(percentile(rt, 50), 0)} p95=${fmt(percentile(rt, 95), 0)} ms, errors=${roundErrors}`,
    );
  }
  console.log(`  ${line('turn (request start → done)', turnMs, 0)}`);
  console.log(`  ${line('first delta at client', deltaMs, 0)}`);
  console.log(`  ${line('overhead under this load', crowdOverhead, 0)}`);
  console.log(`  errors: ${errorCount} of ${turns} turns ${JSON.stringify(errors)}`);
  console.log(`load average after the turns: ${load()}`);

  // 3. The production bundle, as wrangler would upload it (modules, no source maps).
  const bundle = await bundleSize();
  console.log(
    `\nworker bundle (production, dry run): ${fmt(bundle.rawMiB, 2)} MiB raw, ${fmt(bundle.gzipMiB, 3)} MiB gzipped (zlib, ${bundle.files} files; wrangler says gzip ${bundle.wranglerGzipKiB} KiB); target ≤ 1.5 MiB`,
  );
  console.log(`  in the raw bundle: @anthropic-ai ${fmt(bundle.anthropicKiB, 0)} KiB, @mistralai ${fmt(bundle.mistralKiB, 0)} KiB`);

  const wallSorted = sorted(walls);
  const to = sorted(turnMs);
  return [
    'bench=coach',
    `overhead_p50_ms=${fmt(percentile(ov, 50))} overhead_p95_ms=${fmt(percentile(ov, 95))} overhead_max_ms=${fmt(ov.at(-1) ?? NaN)} overhead_samples=${ov.length}`,
    `model_ttft_p50_ms=${fmt(percentile(sorted(parts.model), 50))} health_p50_ms=${fmt(percentile(sorted(health), 50))}`,
    `concurrent=${CONCURRENT} rounds=${ROUNDS} turns=${turns} errors=${errorCount} wall_p50_s=${fmt(percentile(wallSorted, 50) / 1000, 2)}`,
    `turn_p50_ms=${fmt(percentile(to, 50), 0)} turn_p95_ms=${fmt(percentile(to, 95), 0)}`,
    `bundle_gzip_mib=${fmt(bundle.gzipMiB, 3)} load_avg=${loadavg()[0]!.toFixed(2)}`,
  ].join(' ');
}

async function bundleSize() {
  const out = mkdtempSync(join(tmpdir(), 'cadence-bench-bundle-'));
  try {
    const meta = join(out, 'bundle-meta.json');
    const { stdout } = await promisify(execFile)(
      'npx',
      ['wrangler', 'deploy', '--dry-run', '--outdir', out, '--env', 'production', '--metafile', meta],
      { cwd: new URL('..', import.meta.url).pathname, maxBuffer: 16 * MiB },
    );
    // What wrangler uploads: the modules, not the source maps or its README.
    const files = readdirSync(out).filter((f) => !f.endsWith('.map') && f !== 'README.md' && f !== 'bundle-meta.json');
    let raw = 0;
    let gz = 0;
    for (const f of files) {
      const bytes = readFileSync(join(out, f));
      raw += bytes.length;
      gz += gzipSync(bytes).length;
    }
    const outputs = (
      JSON.parse(readFileSync(meta, 'utf8')) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> }
    ).outputs;
    const share = (pkg: string) =>
      Object.values(outputs)
        .flatMap((o) => Object.entries(o.inputs))
        .filter(([path]) => path.includes(`node_modules/${pkg}/`))
        .reduce((n, [, i]) => n + i.bytesInOutput, 0) / 1024;
    return {
      files: files.length,
      rawMiB: raw / MiB,
      gzipMiB: gz / MiB,
      wranglerGzipKiB: /gzip: ([\d.]+) KiB/.exec(stdout)?.[1] ?? '?',
      anthropicKiB: share('@anthropic-ai'),
      mistralKiB: share('@mistralai'),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
