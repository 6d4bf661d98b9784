// `npm run dev`: the whole local stack with one command (see scripts/lib/stack.ts for the steps).
// Data persists in .data/, so a second run finds the same database and demo users.
import { join } from 'node:path';
import { formatLogins } from './seed.ts';
import { connectDemoAthlete } from './lib/demo-strava.ts';
import { ROOT, startStack, takeOverSignals } from './lib/stack.ts';
import type { Stack } from './lib/stack.ts';

const USAGE = `Usage: npm run dev [-- --skip-build] [--no-seed] [--quiet]
  --skip-build  reuse web/build when it exists (default: build every time)
  --no-seed     do not insert the demo users and invite
  --quiet       hide wrangler, sandbox and build output unless something fails
Env: DATABASE_URL (use this Postgres instead of the embedded one in .data/postgres)`;

const flags = new Set<string>(process.argv.slice(2));
for (const flag of flags) {
  if (!['--skip-build', '--build', '--no-seed', '--quiet', '--help', '-h'].includes(flag)) {
    console.error(`Unknown option ${flag}\n${USAGE}`);
    process.exit(2);
  }
}
if (flags.has('--help') || flags.has('-h')) {
  console.log(USAGE);
  process.exit(0);
}

const controller = new AbortController();
const started: Promise<Stack> = startStack({
  dataDir: join(ROOT, '.data'),
  databaseUrl: process.env.DATABASE_URL || undefined,
  build: flags.has('--skip-build') ? 'if-missing' : 'always',
  seed: !flags.has('--no-seed'),
  quiet: flags.has('--quiet'),
  signal: controller.signal,
  // About three years of demo history ending yesterday (so the dashboard's recent weeks are full), and
  // generous sandbox limits so it arrives in a few minutes; set Strava's real numbers with
  // POST /strava/_control/config to watch deferral at work.
  strava: {
    activitiesPerAthlete: 450,
    historyEnd: new Date(new Date().setUTCHours(0, 0, 0, 0)).toISOString(),
    limits: { shortLimit: 5000, dailyLimit: 50_000, readShortLimit: 5000, readDailyLimit: 50_000 },
  },
});

let shuttingDown = false;
async function shutdown(code: number): Promise<void> {
  if (shuttingDown) {
    // A second Ctrl-C: give up waiting; the exit hook still kills wrangler's process group.
    console.error('Forced exit.');
    process.exit(1);
  }
  shuttingDown = true;
  console.log('\nStopping (Ctrl-C again to force)…');
  controller.abort();
  try {
    await (await started).stop();
  } catch {
    // A start interrupted by the abort has already cleaned up after itself.
  }
  process.exit(code);
}
takeOverSignals(() => void shutdown(0));

let stack: Stack;
try {
  stack = await started;
} catch (err) {
  if (!controller.signal.aborted) {
    console.error(`\nnpm run dev failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  await new Promise(() => {}); // shutdown() is exiting
  throw err;
}

const demoAthlete = stack.seed?.logins.find((l) => l.role === 'athlete');
if (demoAthlete) {
  try {
    const outcome = await connectDemoAthlete(stack, demoAthlete);
    if (outcome === 'connected') console.log('  Demo athlete connected to the Strava sandbox; the history is being ingested.');
  } catch (err) {
    console.error(`  Could not connect the demo athlete to the Strava sandbox: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const row = (label: string, value: string) => `  ${label.padEnd(13)} ${value}`;
const lines = [
  '',
  '  Cadence is running',
  '',
  row('App', stack.appUrl),
  row('API docs', stack.apiDocsUrl),
  row('Email outbox', stack.outboxUrl),
  row('SMS outbox', `${stack.sandboxUrl}/twilio/outbox`),
  row('Stripe', `${stack.sandboxUrl}/stripe/`),
  row('Database', stack.databaseUrlForDisplay),
  row('Crons', stack.crons.length ? `${stack.crons.join(', ')} (fired locally each UTC minute they match)` : 'none in wrangler.toml'),
];
if (stack.seed) {
  lines.push('', '  Demo logins', formatLogins(stack.seed.logins), '', row('Invite link', stack.inviteUrl ?? ''));
}
lines.push('', '  Ctrl-C to stop.', '');
console.log(lines.join('\n'));

void stack.exited.then((reason) => {
  if (shuttingDown) return;
  console.error(`wrangler dev stopped unexpectedly (${reason}); stopping the rest.`);
  void shutdown(1);
});
