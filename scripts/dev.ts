// `npm run dev`: the whole local stack with one command (see scripts/lib/stack.ts for the steps).
// Data persists in .data/, so a second run finds the same database and demo users.
import { join, resolve } from 'node:path';
import { formatLogins } from './seed.ts';
import { seedCoachDemo } from './seed-coach.ts';
import { ensureDemoPlan } from './lib/demo-plan.ts';
import { ensureSampleAthlete } from './lib/demo-sample.ts';
import { connectDemoAthlete } from './lib/demo-strava.ts';
import { connectDemoGarmin } from './lib/demo-garmin.ts';
import { demoWindow, startDemoHistory } from './lib/demo-history.ts';
import type { DemoHistoryOutcome } from './lib/demo-history.ts';
import { ROOT, startStack, takeOverSignals } from './lib/stack.ts';
import type { Stack } from './lib/stack.ts';

const USAGE = `Usage: npm run dev [-- --skip-build] [--no-seed] [--quiet]
  --skip-build  reuse web/build when it exists (default: build every time)
  --no-seed     do not insert the demo users and invite
  --quiet       hide wrangler, sandbox and build output unless something fails
Env: DATABASE_URL (use this Postgres instead of the embedded one in .data/postgres)
     CADENCE_DATA_DIR (keep local state here instead of .data/, e.g. for a second, fresh stack)`;

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

const dataDir = process.env.CADENCE_DATA_DIR ? resolve(process.env.CADENCE_DATA_DIR) : join(ROOT, '.data');
// The demo athlete's history: one generated history, its older part in files she imports, its recent
// two weeks on Strava (scripts/lib/demo-history.ts). Kept from the first start.
const historyWindow = demoWindow(dataDir);
// wrangler dev restarts the worker when a source file changes; a restart ends a running import.
let reloads = 0;
const controller = new AbortController();
const started: Promise<Stack> = startStack({
  dataDir,
  log: (line) => {
    if (line.includes('Reloading local server')) reloads++;
    console.log(line);
  },
  databaseUrl: process.env.DATABASE_URL || undefined,
  build: flags.has('--skip-build') ? 'if-missing' : 'always',
  seed: !flags.has('--no-seed'),
  quiet: flags.has('--quiet'),
  signal: controller.signal,
  // About three years of demo history ending the day before the first start (so the dashboard's recent
  // weeks are full), of which Strava serves the last two weeks, and generous sandbox limits so they
  // arrive within a minute; set Strava's real numbers with POST /strava/_control/config to watch
  // deferral at work.
  strava: {
    activitiesPerAthlete: historyWindow.count,
    historyEnd: historyWindow.historyEnd,
    historyStart: historyWindow.filesBefore,
    limits: { shortLimit: 5000, dailyLimit: 50_000, readShortLimit: 5000, readDailyLimit: 50_000 },
  },
  // The same history in the Garmin Connect sandbox, from where her export ends: her recent two weeks arrive as
  // FIT files through the live door (scripts/lib/demo-garmin.ts), the copies Strava serves are linked to them.
  garmin: {
    activitiesPerUser: historyWindow.count,
    historyEnd: historyWindow.historyEnd,
    historyStart: historyWindow.filesBefore,
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
let history: DemoHistoryOutcome | null = null;
if (demoAthlete) {
  try {
    history = await startDemoHistory(stack, demoAthlete, {
      dataDir,
      window: historyWindow,
      signal: controller.signal,
      reloads: () => reloads,
      log: (line) => console.log(line),
    });
    if (history.state === 'importing')
      console.log(
        `  Importing the demo athlete's Garmin export (her history before ${historyWindow.filesBefore.slice(0, 10)}) in the background.`,
      );
    if (history.state === 'already') console.log("  The demo athlete's Garmin export was imported on an earlier start.");
    if (history.state === 'strava-only')
      console.log(
        "  The demo athlete's history in .data is all from Strava (made before file-based demo history); delete .data for the new demo.",
      );
  } catch (err) {
    console.error(`  Could not start the demo athlete's file import: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const outcome = await connectDemoAthlete(stack, demoAthlete);
    if (outcome === 'connected') console.log('  Demo athlete connected to the Strava sandbox; her recent two weeks are being ingested.');
  } catch (err) {
    console.error(`  Could not connect the demo athlete to the Strava sandbox: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const outcome = await connectDemoGarmin(stack, demoAthlete);
    if (outcome === 'connected')
      console.log(
        '  Demo athlete connected to the Garmin Connect sandbox; her recent two weeks arrive as FIT files (the backfill on connect).',
      );
  } catch (err) {
    console.error(
      `  Could not connect the demo athlete to the Garmin Connect sandbox: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
const demoCoach = stack.seed?.logins.find((l) => l.role === 'coach');
const demoAdmin = stack.seed?.logins.find((l) => l.role === 'admin');
if (demoCoach && demoAthlete && demoAdmin) {
  try {
    const made = await seedCoachDemo(stack, { coach: demoCoach, athlete: demoAthlete, admin: demoAdmin });
    if (made.org) console.log("  Made the demo coach's business through the coach API.");
    if (made.team) console.log('  Put the demo business on the Team plan (an operator comp through the admin API).');
    if (made.bookings) console.log(`  Booked ${made.bookings} demo sessions for this fortnight.`);
  } catch (err) {
    console.error(`  Could not make the demo coach's business: ${err instanceof Error ? err.message : String(err)}`);
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
  // "A session recorded now": POST /garmin/_control/users/1001/activities pings the app, which fetches its FIT file.
  row('Garmin', `${stack.sandboxUrl}/garmin/`),
  row('Database', stack.databaseUrlForDisplay),
  row('Crons', stack.crons.length ? `${stack.crons.join(', ')} (fired locally each UTC minute they match)` : 'none in wrangler.toml'),
];
if (stack.seed) {
  lines.push('', '  Demo logins', formatLogins(stack.seed.logins), '', row('Invite link', stack.inviteUrl ?? ''));
}
lines.push('', '  Ctrl-C to stop.', '');
console.log(lines.join('\n'));

/** The demo plan comes after the history it is made from (a plan from no history would ask to be rebuilt). */
const demoPlan = () =>
  demoAthlete
    ? ensureDemoPlan(stack, demoAthlete).then(
        (made) => made === 'made' && console.log("  Made the demo athlete's training plan (Training tab) through the plans API."),
        (err) => console.error(`  Could not make the demo athlete's plan: ${err instanceof Error ? err.message : String(err)}`),
      )
    : undefined;
/** The read-only demo account's sample history: a copy of the demo athlete's files, once they are in. */
const demoOwner = stack.seed?.logins.find((l) => l.role === 'owner');
const demoViewer = stack.seed?.logins.find((l) => l.role === 'demo');
const sampleAthlete = () =>
  demoAthlete && demoOwner && demoViewer
    ? ensureSampleAthlete(stack, { athlete: demoAthlete, demo: demoViewer, owner: demoOwner }).then(
        (n) =>
          typeof n === 'number' && n > 0 && console.log(`  Copied ${n} file activities to the read-only demo account's sample athlete.`),
        (err) => console.error(`  Could not make the demo account's sample history: ${err instanceof Error ? err.message : String(err)}`),
      )
    : undefined;
if (history && history.state !== 'importing') {
  void demoPlan();
  void sampleAthlete();
}
if (history?.state === 'importing') {
  history.done.then(
    (report) => {
      console.log(`  Demo history: ${report}`);
      void demoPlan();
      void sampleAthlete();
    },
    (err) => {
      if (!shuttingDown)
        console.error(
          `  Demo history import failed: ${err instanceof Error ? err.message : String(err)} (it is retried on the next start).`,
        );
    },
  );
}

void stack.exited.then((reason) => {
  if (shuttingDown) return;
  console.error(`wrangler dev stopped unexpectedly (${reason}); stopping the rest.`);
  void shutdown(1);
});
