// `npm run bench -- soak`: the whole product under a mixed load for SOAK_MINUTES (default 30), with faults
// injected into every dependency on a schedule (SOAK_FAULTS=none to run without), a report each minute and a
// reconciliation at the end. See bench/README.md "soak" for what it drives and how to read it.
import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Stack, StackOptions } from '../../scripts/lib/stack.ts';
import type { FaultReport } from '../faults/fault.ts';
import { assertLoopback, sleep } from '../lib.ts';
import { makeCast } from './actors.ts';
import { athleteActions } from './athlete-mix.ts';
import { addAutomation, coachActions } from './business-mix.ts';
import { runtimeRssPerRequest, startMonitor, type MinuteSample } from './monitor.ts';
import { providerActions, registerPolarWebhook } from './provider-mix.ts';
import { drain, reconcile } from './reconcile.ts';
import { Recorder } from './recorder.ts';
import { minuteLine, verdict } from './report.ts';
import { faultSchedule, type ScheduledFault } from './schedule.ts';
import { newTally } from './tally.ts';

/** Everything wrangler and the stack print, for reading a 5xx's cause after the run (the report names its route). */
export const SOAK_LOG = process.env.SOAK_LOG ?? join(tmpdir(), 'cadence-soak-wrangler.log');

export const soakStackOptions: StackOptions = {
  seed: true,
  quiet: false,
  log: (line) => appendFileSync(SOAK_LOG, `${line}\n`),
  cronTicker: true,
  // The monitor's slowest statements.
  postgresFlags: ['-c', 'shared_preload_libraries=pg_stat_statements'],
  // A small history per new Strava athlete: the connects stay within Strava's default read budget.
  strava: { activitiesPerAthlete: 6 },
  // Garmin queues a failed ping and keeps retrying (its endpoint tool's "failed" queue): ten tries, 250 ms doubling,
  // span ~2 minutes — past the restart fault's outage, where the default five (~4 s) would drop it.
  garmin: { activitiesPerUser: 0, deliveryAttempts: 10 },
  healthTimeoutMs: 240_000,
  // Every Polar connection is due for its catch-up listing in any hour (ADR 091): the drain fires the hourly tick.
  vars: { DOOR_CATCHUP_HOURS: '1' },
};

const failedRun = (name: string, err: unknown): FaultReport => ({
  name,
  startedAt: new Date().toISOString(),
  faultSeconds: 0,
  userSaw: [],
  retried: [],
  recoverySeconds: null,
  reconciliation: { accepted: 0, done: 0, lost: 0, duplicated: 0 },
  problems: [`the fault's own run failed: ${err instanceof Error ? err.message : String(err)}`],
});

const jitter = (lo: number, hi: number) => lo + Math.random() * (hi - lo);

export async function soakBench(stack: Stack): Promise<string> {
  assertLoopback(stack.workerUrl);
  const minutes = Number(process.env.SOAK_MINUTES ?? 30);
  const warmup = Math.min(3, Math.max(1, Math.floor(minutes / 5)));
  const log = (l: string) => console.log(l);
  const since = new Date();

  log(`setting up: coach org, athletes, plans, push subscriptions, connections… (the worker's log: ${SOAK_LOG})`);
  await registerPolarWebhook(stack);
  const cast = await makeCast(stack, { athletes: Number(process.env.SOAK_ATHLETES ?? 16), clients: 8 });
  await addAutomation(stack, cast);
  const tally = newTally();
  const rec = new Recorder();
  const athletes = athleteActions(stack, rec, tally);
  const coach = coachActions(stack, rec, tally, cast);
  const providers = providerActions(stack, rec, tally);
  for (let i = 0; i < 2; i++) await providers.connectGarmin();
  for (let i = 0; i < 2; i++) await providers.connectPolar();
  // Every athlete has something to look at (and the coach something to comment on) from the first minute.
  for (const a of cast.athletes) await athletes.upload(a);
  const runtime = await runtimeRssPerRequest(stack.workerUrl);
  log(`wrangler dev's own RSS growth: ${runtime.kibPerRequest.toFixed(1)} KiB per /api/health request (${runtime.requests} requests)`);
  const monitor = await startMonitor(stack, cast.operatorCookie);
  log(
    `cast: ${cast.athletes.length} athletes (${cast.links.length} sharing with the coach), ${cast.coach.clientIds.length} clients; running ${minutes} min`,
  );

  const load = new AbortController();
  const end = rec.t0 + minutes * 60_000;
  const loops: Promise<unknown>[] = [];
  const harnessErrors: string[] = [];
  const loop = (name: string, every: [number, number], fn: () => Promise<unknown>, startAfterMs = 0) =>
    loops.push(
      (async () => {
        await sleep(startAfterMs, load.signal);
        while (!load.signal.aborted && Date.now() < end) {
          await fn().catch((err: unknown) =>
            harnessErrors.push(`${name}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 200)),
          );
          await sleep(jitter(...every), load.signal);
        }
      })(),
    );
  const health = rec.probeHealth(stack.workerUrl, load.signal);
  for (const a of cast.athletes) loop('athlete', [1_000, 3_000], () => athletes.step(a), jitter(0, 2_000));
  loop('coach', [500, 1_500], () => coach.step());
  loop('coach', [500, 1_500], () => coach.step());
  loop('signup+strava', [100_000, 140_000], () => providers.signupAndConnectStrava(), 5_000);
  loop('strava push', [20_000, 40_000], () => providers.stravaActivity(), 60_000);
  loop('garmin ping', [20_000, 40_000], () => providers.garminActivity(), 10_000);
  loop('polar', [45_000, 75_000], () => providers.polarExercise(), 20_000);
  loop('checkout', [150_000, 210_000], () => providers.checkout(), 30_000);
  loop('export', [240_000, 360_000], () => athletes.exportData(cast.athletes[Math.floor(Math.random() * cast.athletes.length)]!), 90_000);
  loops.push(
    sleep(Math.max(60_000, (minutes * 60_000) / 2), load.signal).then(() => (load.signal.aborted ? undefined : providers.deletion())),
  );

  // Faults, in order, each at its minute; the database fault's 503s are what users were promised, not errors.
  const faultReports: FaultReport[] = [];
  const activeFaults: string[] = [];
  // Faults finish their own checks after the load stops (bounded): they get a signal of their own.
  const faultSignal = AbortSignal.timeout((minutes + 10) * 60_000);
  // A provider fault's own checks may outlast its minute (a Strava 429 waits for the window): later slots do not wait
  // for them. The database and the restart (`expect` set) wait for everything before them and run alone.
  const runFault = async (f: ScheduledFault) => {
    activeFaults.push(f.name);
    if (f.answers503) rec.answers503.add(f.answers503);
    log(`  fault ${f.name} starts (minute ${rec.minuteOf()})`);
    try {
      faultReports.push(await f.run({ stack, log: (l) => log(`  [${f.name}] ${l}`), signal: faultSignal }));
    } catch (err) {
      faultReports.push(failedRun(f.name, err));
    } finally {
      activeFaults.splice(activeFaults.indexOf(f.name), 1);
      if (f.answers503) rec.answers503.delete(f.answers503);
      log(`  fault ${f.name} done (minute ${rec.minuteOf()})`);
    }
  };
  const faultRun = (async () => {
    const running: Promise<void>[] = [];
    for (const slot of faultSchedule(minutes)) {
      await sleep(rec.t0 + slot.atMinute * 60_000 - Date.now(), load.signal);
      if (load.signal.aborted || Date.now() > end) break;
      const exclusive = slot.faults.find((x) => x.expect)?.expect ?? null;
      if (!exclusive) {
        running.push(...slot.faults.map(runFault));
        continue;
      }
      await Promise.all(running.splice(0));
      rec.expecting = exclusive;
      await Promise.all(slot.faults.map(runFault));
      rec.expecting = null;
    }
    await Promise.all(running);
  })();

  const samples: MinuteSample[] = [];
  for (let m = 1; Date.now() < end; m++) {
    await sleep(rec.t0 + m * 60_000 - Date.now());
    const sample = await monitor.sample(m - 1);
    samples.push(sample);
    log(minuteLine(rec, m - 1, sample, [...activeFaults]));
  }
  load.abort();
  await Promise.all([...loops, health]);
  if (activeFaults.length) log(`load stopped; waiting for the faults still checking: ${activeFaults.join(', ')}`);
  await faultRun;
  log('load stopped; draining…');
  // The hourly tick at once (the run need not cross an hour): Polar's catch-up listing finds what a notification
  // sent while the worker was down never announced (ADR 091).
  log(`drain: the hourly tick fired (HTTP ${await stack.fireCron('0 * * * *')})`);
  // Long enough for a provider job killed by the restart to come back through the stuck sweep (10 minutes running).
  const drainS = await drain(stack, tally, 12 * 60_000, log);
  const recon = await reconcile(
    stack,
    tally,
    since,
    cast.athletes.flatMap((a) => (a.pushEndpoint ? [a.pushEndpoint] : [])),
  );
  monitor.stop();
  const v = verdict(rec, samples, recon, faultReports, {
    minutes,
    warmup,
    drainS,
    runtimeKibPerRequest: runtime.kibPerRequest,
  });
  for (const l of v.lines) log(l);
  if (harnessErrors.length)
    log(`\nthe soak's own errors (${harnessErrors.length}; not the app's): ${[...new Set(harnessErrors)].slice(0, 8).join(' | ')}`);
  return v.keyValues.join(' ');
}
