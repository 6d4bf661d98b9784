// Writes a sandbox athlete's Garmin "export your data" zip (see garmin-export.ts) to a file.
// `npm run dev` runs it as a child process for the demo athlete (FIT encoding takes a while and the
// sandbox shares the dev process's event loop); run it by hand to get files to upload yourself:
//
//   node scripts/sandbox/garmin-export-cli.ts --out /tmp/export.zip [--athlete 1001] [--count 450]
//     [--end 2026-11-01] [--recent-days 42 | --before 2026-09-20] [--user name] [--no-fits]
//     [--fit-dir /tmp/fits]   (also write each activity's FIT file on its own)
//
// Prints one JSON line: { out, activities, bytes, ms, first, last }.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { activityFit, demoGarminExport, garminId } from './garmin-export.ts';

const USAGE = 'Usage: node scripts/sandbox/garmin-export-cli.ts --out FILE [--athlete N] [--count N] [--end ISO] [--recent-days N | --before ISO] [--user NAME] [--no-fits] [--fit-dir DIR]';
const DAY_MS = 86_400_000;

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    athlete: { type: 'string', default: '1001' },
    count: { type: 'string', default: '450' },
    end: { type: 'string' },
    'recent-days': { type: 'string', default: '42' },
    before: { type: 'string' },
    user: { type: 'string', default: 'athlete' },
    'no-fits': { type: 'boolean', default: false },
    'fit-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help || !values.out) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}
const date = (s: string, name: string) => {
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new Error(`--${name} must be an ISO date`);
  return d;
};
// Default end: today's UTC midnight, like `npm run dev`'s Strava sandbox (the history ends yesterday).
const historyEnd = values.end ? date(values.end, 'end') : new Date(new Date().setUTCHours(0, 0, 0, 0));
const filesBefore = values.before ? date(values.before, 'before') : new Date(historyEnd.getTime() - Number(values['recent-days']) * DAY_MS);
const started = performance.now();
const { zip, activities } = demoGarminExport(
  { athleteId: Number(values.athlete), count: Number(values.count), historyEnd, filesBefore },
  { userName: values.user, withFits: !values['no-fits'] },
);
mkdirSync(dirname(values.out), { recursive: true });
// Written under a temporary name first, so an interrupted run never leaves a truncated export behind.
writeFileSync(`${values.out}.partial`, zip);
renameSync(`${values.out}.partial`, values.out);
if (values['fit-dir']) {
  mkdirSync(values['fit-dir'], { recursive: true });
  for (const a of activities) writeFileSync(join(values['fit-dir'], `${values.user}_${garminId(a)}.fit`), activityFit(a));
}
console.log(
  JSON.stringify({
    out: values.out,
    activities: activities.length,
    bytes: zip.length,
    ms: Math.round(performance.now() - started),
    first: activities[0] ? new Date(activities[0].startMs).toISOString() : null,
    last: activities.at(-1) ? new Date(activities.at(-1)!.startMs).toISOString() : null,
  }),
);
