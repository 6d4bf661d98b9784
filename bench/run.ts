// `npm run bench [-- name …]`: each benchmark gets a throwaway stack of its own and prints its
// figures, ending with one `key=value` line. Not part of CI's pass/fail.
import { startStack, takeOverSignals, type Stack, type StackOptions } from '../scripts/lib/stack.ts';
import { adaptBench } from './adapt.bench.ts';
import { apiAccessBench } from './api-access.bench.ts';
import { analyticsBench } from './analytics.bench.ts';
import { archiveBench } from './archive.bench.ts';
import { awardsReevaluateBench } from './awards-reevaluate.bench.ts';
import { bellBench, bellStackOptions } from './bell.bench.ts';
import { calendarBench, structuredCalendarBench } from './calendar.bench.ts';
import { coachBench } from './coach.bench.ts';
import { curvesBench } from './curves.bench.ts';
import { deletionBench } from './deletion.bench.ts';
import { exportBench } from './export.bench.ts';
import { faultProvidersOutBench } from './faults/providers-out.ts';
import { databaseFaultBench } from './faults/database.ts';
import { faultProvidersInBench, faultProvidersInStackOptions } from './faults/providers-in.ts';
import { restartFaultBench } from './faults/restart.ts';
import { garminBench, garminStackOptions } from './garmin.bench.ts';
import { garminWellnessBench, garminWellnessStackOptions } from './garmin-wellness.bench.ts';
import { httpBench } from './http.bench.ts';
import { importBench } from './import.bench.ts';
import { importTurnsBench } from './import-turns.bench.ts';
import { heatmapBench } from './heatmap.bench.ts';
import { leaderboardsBench } from './leaderboards.bench.ts';
import { ledgerBench } from './ledger.bench.ts';
import { mapTilesBench } from './map-tiles.bench.ts';
import { libraryBench } from './library.bench.ts';
import { notificationsBench } from './notifications.bench.ts';
import { pageWeightBench } from './page-weight.bench.ts';
import { plansBench } from './plans.bench.ts';
import { pushBench } from './push.bench.ts';
import { quotaBench } from './quota.bench.ts';
import { raceCalibrationBench } from './race-calibration.bench.ts';
import { raceDayBench } from './race-day.bench.ts';
import { retentionBench } from './retention.bench.ts';
import { segmentsBench } from './segments.bench.ts';
import { spikeBench, spikeStackOptions } from './spike.bench.ts';
import { smsBench } from './sms.bench.ts';
import { socialFeedBench } from './social-feed.bench.ts';
import { soakBench, soakStackOptions } from './soak/soak.bench.ts';
import { streamsBench } from './streams.bench.ts';
import { wellnessEngineBench } from './wellness-engine.bench.ts';

const benches: Record<string, { run: (stack: Stack) => Promise<string>; stack?: StackOptions }> = {
  http: { run: httpBench },
  spike: { run: spikeBench, stack: spikeStackOptions },
  import: { run: importBench },
  'import-turns': { run: importTurnsBench },
  deletion: { run: deletionBench },
  archive: { run: archiveBench },
  export: { run: exportBench },
  analytics: { run: analyticsBench },
  ledger: { run: ledgerBench },
  quota: { run: quotaBench },
  sms: { run: smsBench },
  plans: { run: plansBench },
  // Adaptive plans (issue 58): one re-plan after an activity, and the nightly pass over 10,000 athletes' plans.
  adapt: { run: adaptBench },
  'api-access': { run: apiAccessBench },
  calendar: { run: calendarBench },
  'calendar-structured': { run: structuredCalendarBench },
  coach: { run: coachBench },
  notifications: { run: notificationsBench },
  push: { run: pushBench },
  bell: { run: bellBench, stack: bellStackOptions },
  streams: { run: streamsBench },
  garmin: { run: garminBench, stack: garminStackOptions },
  'garmin-wellness': { run: garminWellnessBench, stack: garminWellnessStackOptions },
  retention: { run: retentionBench },
  library: { run: libraryBench },
  curves: { run: curvesBench },
  leaderboards: { run: leaderboardsBench },
  heatmap: { run: heatmapBench },
  awards: { run: awardsReevaluateBench },
  'social-feed': { run: socialFeedBench },
  segments: { run: segmentsBench },
  'map-tiles': { run: mapTilesBench },
  // Bytes, not time: the activity page's first render and its lazy map, as Chromium fetches them (ADR 098).
  'page-weight': { run: pageWeightBench },
  // Pure CPU (the worker's race-day code in Node): the stack is started but not used.
  soak: { run: soakBench, stack: soakStackOptions },
  'fault-database': { run: databaseFaultBench },
  // The worker killed mid import, export and deletion (ADR 089): resumed by the minute sweep, so the cron ticker runs.
  'fault-restart': { run: restartFaultBench, stack: { cronTicker: true, healthTimeoutMs: 240_000 } },
  // wrangler dev takes over a minute to answer on the shared machine at high load.
  'wellness-engine': { run: wellnessEngineBench, stack: { healthTimeoutMs: 240_000 } },
  // Retries ride the minute cron (SMS sends, the notification due sweep): the ticker runs.
  'fault-providers-out': { run: faultProvidersOutBench, stack: { cronTicker: true } },
  'fault-providers-in': { run: faultProvidersInBench, stack: faultProvidersInStackOptions },
};
// Pure benchmarks: no stack started.
const pureBenches: Record<string, () => Promise<string>> = {
  'race-calibration': raceCalibrationBench,
  'race-day': raceDayBench,
};
const wanted = process.argv.slice(2).filter((a: string) => !a.startsWith('-'));
for (const name of wanted)
  if (!benches[name] && !pureBenches[name])
    throw new Error(`unknown benchmark "${name}"; have: ${[...Object.keys(benches), ...Object.keys(pureBenches)].join(', ')}`);

const aborter = new AbortController();
let current: Stack | null = null;
takeOverSignals(() => {
  aborter.abort();
  void (current?.stop() ?? Promise.resolve()).then(() => process.exit(130));
});

const lines: string[] = [];
for (const [name, run] of Object.entries(pureBenches)) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n== ${name}`);
  lines.push(await run());
}
for (const [name, bench] of Object.entries(benches)) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n== ${name}`);
  current = await startStack({ seed: false, cronTicker: false, quiet: true, build: 'if-missing', signal: aborter.signal, ...bench.stack });
  try {
    lines.push(await bench.run(current));
  } finally {
    await current.stop();
    current = null;
  }
}
console.log(`\n${lines.join('\n')}`);
