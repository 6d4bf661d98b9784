// Node, a process of its own: the WebSocket proxy to the test Postgres (and its /sql endpoint) and the
// provider sandbox. Every database query and provider call of the tests passes through here, so they are
// kept off vitest's main process, whose event loop also serves both workers' module loads.
// It also resets a test file's database to the template when the file starts (test-databases.ts).
//   node worker/testing/services.ts <postgres URL of the template database>
// Prints one JSON line with their addresses; stops on SIGTERM or when its parent goes (stdin closes).
import { startWsProxy } from '../../scripts/lib/ws-proxy.ts';
import { startSandbox } from '../../scripts/sandbox/server.ts';
import { startDatabaseReset } from './database-admin.ts';

const templateUrl = new URL(process.argv[2] ?? '');
const proxy = await startWsProxy({ host: templateUrl.hostname, port: Number(templateUrl.port) });
// The run's Strava: limits no test waits on, and 25 activities per athlete. Fixed for the run; a test that needs
// another clock, tighter limits or a shorter history gives its own athlete a world of their own (worker/testing/strava.ts).
const ROOMY = { shortLimit: 100_000, dailyLimit: 1_000_000, readShortLimit: 100_000, readDailyLimit: 1_000_000 };
// Garmin's backfill days per minute count for the whole key, as at Garmin: one file's wellness backfills (six
// summary types, up to 90 days each) used up a minute's 10,000 days, and another file's activity backfill waited a
// 429 past its 30-s wait for pings. The run's key gets days no test waits on; a test of the key's limits starts a sandbox
// of its own (as worker/providers/garmin/garmin.http.test.ts does for calls per minute).
const GARMIN_ROOMY = { backfillDaysPerMinute: 100_000_000 };
const sandbox = await startSandbox({ port: 0, strava: { limits: ROOMY, activitiesPerAthlete: 25 }, garmin: GARMIN_ROOMY });
const reset = await startDatabaseReset(templateUrl.toString(), (name) => proxy.dropIdleSessions(name));
process.stdout.write(
  `${JSON.stringify({ dbWsProxy: proxy.endpoint, sandboxUrl: sandbox.url, databaseResetUrl: reset.url, pushCaFile: sandbox.push.caFile })}\n`,
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([sandbox.stop(), proxy.stop(), reset.stop()]);
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
