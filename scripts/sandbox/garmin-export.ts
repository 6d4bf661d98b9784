// The sandbox's generated activities as the files a Garmin user owns: one FIT file per activity,
// written with Garmin's official Encoder the way a watch or bike computer writes them (garmin-fit.ts),
// and the whole "export your data" archive (DI_CONNECT) around them. `npm run dev` imports the demo
// athlete's older history from it, because files (unlike Strava data) may reach the AI coach and her coach.
//
// Pure and deterministic: no clock, no I/O, fixed zip timestamps, so the same arguments give the
// same bytes on any machine. Runs in Node and in workerd (tests import it), hence no `node:` imports;
// the CLI lives in garmin-export-cli.ts.
//
// Everything comes from the Strava sandbox generator's public functions: the activity list
// (generateHistory), its per-second streams (buildStreams) and the laps cut from them (cutByDistance),
// so a FIT file, its Garmin summary and the same activity served by the Strava sandbox agree.
import { strToU8, zipSync, type Zippable } from 'fflate';
import { activityFit } from './garmin-fit.ts';
import { garminActivity } from './generator-files.ts';
import { wellnessFiles } from './garmin-wellness-files.ts';
import { generateHistory } from './strava/generator.ts';
import type { GeneratedActivity } from './strava/generator.ts';

export { activityFit, generateHistory };
export type { GeneratedActivity };

/** Garmin's activityId for a sandbox activity (generator-files.ts: 10^10 + the Strava id). */
export const garminId = (a: GeneratedActivity): number => 10_000_000_000 + a.id;

export interface ExportOptions {
  /** The account's user name: Garmin prefixes every exported file with it. */
  userName: string;
  /** Summaries per `*_summarizedActivities.json` (Garmin splits them over several numbered files). */
  summariesPerFile?: number;
  /** FIT files per `UploadedFiles_*_Part<n>.zip`. */
  fitsPerPart?: number;
  /** Leave the FIT files out (a summaries-only export, as for activities uploaded from elsewhere). */
  withFits?: boolean;
  /** The zip entries' modification time (fixed, so the bytes are reproducible). */
  mtime?: Date;
  /** The UploadedFiles zips, already built (uploadedFilesZip of each uploadedFilesParts slice, e.g. in worker threads). */
  builtParts?: Uint8Array[];
  /** The athlete's year of wellness before `before` (garmin-wellness-files.ts), in the archive's wellness folders. */
  wellness?: { athleteId: number; before: Date };
}

const DEFAULT_MTIME = new Date('2026-01-01T00:00:00Z');

/** The activities of each DI-Connect-Uploaded-Files zip, oldest first; parts are independent, so they can be built in parallel. */
export function uploadedFilesParts(activities: GeneratedActivity[], perPart = 100): GeneratedActivity[][] {
  const oldestFirst = [...activities].sort((x, y) => x.startMs - y.startMs || x.id - y.id);
  const parts: GeneratedActivity[][] = [];
  for (let p = 0; p * perPart < oldestFirst.length; p++) parts.push(oldestFirst.slice(p * perPart, (p + 1) * perPart));
  return parts;
}

/** One UploadedFiles zip: the original FIT file of each activity, named <user>_<activityId>.fit as Garmin does. */
export function uploadedFilesZip(part: GeneratedActivity[], userName: string, mtime = DEFAULT_MTIME): Uint8Array {
  const fits: Zippable = {};
  for (const a of part) fits[`${userName}_${garminId(a)}.fit`] = activityFit(a);
  // FIT compresses to about half; level 6 is what Garmin's (and everyone's) zip writes.
  return zipSync(fits, { level: 6, mtime });
}

/**
 * A Garmin "export your data" zip of `activities`: summaries in
 * DI_CONNECT/DI-Connect-Fitness/<user>_<n>_summarizedActivities.json (newest first, Garmin's units;
 * see generator-files.ts) and the original FIT files in
 * DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part<n>.zip.
 */
export function garminExportZip(activities: GeneratedActivity[], opts: ExportOptions): Uint8Array {
  const perFile = opts.summariesPerFile ?? 200;
  const mtime = opts.mtime ?? DEFAULT_MTIME;
  const user = opts.userName;
  const newestFirst = [...activities].sort((x, y) => y.startMs - x.startMs || y.id - x.id);
  const files: Zippable = {
    'DI_CONNECT/DI-Connect-User/user_profile.json': strToU8(
      JSON.stringify({ userName: user, gender: 'FEMALE', measurementSystem: 'metric' }),
    ),
    ...(opts.wellness ? wellnessFiles(opts.wellness.athleteId, opts.wellness.before) : {}),
  };
  for (let i = 0; i * perFile < newestFirst.length; i++) {
    const part = newestFirst.slice(i * perFile, (i + 1) * perFile).map(garminActivity);
    files[`DI_CONNECT/DI-Connect-Fitness/${user}_${i * perFile}_summarizedActivities.json`] = strToU8(
      JSON.stringify([{ summarizedActivitiesExport: part }]),
    );
  }
  if (opts.withFits ?? true) {
    const parts = opts.builtParts ?? uploadedFilesParts(activities, opts.fitsPerPart).map((part) => uploadedFilesZip(part, user, mtime));
    parts.forEach((zip, p) => {
      files[`DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part${p + 1}.zip`] = zip;
    });
  }
  return zipSync(files, { level: 6, mtime });
}

export interface DemoHistory {
  /** Sandbox athlete id (the Strava sandbox's demo athlete is 1001). */
  athleteId: number;
  /** Activities in the whole generated history (the Strava sandbox's activitiesPerAthlete). */
  count: number;
  /** The history ends the day before this instant (the Strava sandbox's historyEnd). */
  historyEnd: Date;
  /** Activities starting before this instant go in the files; the rest stays with Strava. */
  filesBefore: Date;
}

/** The part of a sandbox athlete's history that lives in files (oldest first). */
export function fileActivities(h: DemoHistory): GeneratedActivity[] {
  const cut = h.filesBefore.getTime();
  return generateHistory(h.athleteId, { count: h.count, endDate: h.historyEnd }).filter((a) => a.startMs < cut);
}

/** The demo's Garmin export: the file part of the history and the year of wellness before its cut, as one DI_CONNECT zip. */
export function demoGarminExport(h: DemoHistory, opts: Omit<ExportOptions, 'mtime'>): { zip: Uint8Array; activities: GeneratedActivity[] } {
  const activities = fileActivities(h);
  const wellness = { athleteId: h.athleteId, before: h.filesBefore };
  return { zip: garminExportZip(activities, { wellness, ...opts, mtime: h.filesBefore }), activities };
}
