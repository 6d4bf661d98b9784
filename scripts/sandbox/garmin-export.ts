// The sandbox's generated activities as the files a Garmin user owns: one FIT file per activity,
// written with Garmin's official Encoder the way a watch or bike computer writes them, and the whole
// "export your data" archive (DI_CONNECT) around them. `npm run dev` imports the demo athlete's
// older history from it, because files (unlike Strava data) may reach the AI coach and her coach.
//
// Pure and deterministic: no clock, no I/O, fixed zip timestamps, so the same arguments give the
// same bytes on any machine. Runs in Node and in workerd (tests import it), hence no `node:` imports;
// the CLI lives in garmin-export-cli.ts.
//
// Everything comes from the Strava sandbox generator's public functions: the activity list
// (generateHistory), its per-second streams (buildStreams) and the laps cut from them (cutByDistance),
// so a FIT file, its Garmin summary and the same activity served by the Strava sandbox agree.
import { Encoder, Utils } from '@garmin/fitsdk';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { garminActivity } from './generator-files.ts';
import { cutByDistance, lapLength } from './strava/efforts.ts';
import type { Range } from './strava/efforts.ts';
import { generateHistory } from './strava/generator.ts';
import type { GeneratedActivity } from './strava/generator.ts';
import { buildStreams } from './strava/streams.ts';
import type { Streams } from './strava/streams.ts';

export { generateHistory };
export type { GeneratedActivity };

/** Garmin's activityId for a sandbox activity (generator-files.ts: 10^10 + the Strava id). */
export const garminId = (a: GeneratedActivity): number => 10_000_000_000 + a.id;

// Global message numbers (Profile.MesgNum is loosely typed). Enum fields take the profile's names.
const MESG = {
  FILE_ID: 0,
  SPORT: 12,
  SESSION: 18,
  LAP: 19,
  RECORD: 20,
  EVENT: 21,
  DEVICE_INFO: 23,
  ACTIVITY: 34,
  FILE_CREATOR: 49,
} as const;
// Product ids from the FIT profile (garminProduct): fr965 4315, edge840 4062; Zwift writes its own.
const PRODUCT = { run: 4315, ride: 4062, zwift: 1 } as const;
const SEMICIRCLES = 2 ** 31 / 180;

type Mesg = Record<string, unknown>;

function fitSport(a: GeneratedActivity): { sport: string; subSport: string; name: string } {
  if (a.plan.sport === 'Swim') return { sport: 'swimming', subSport: 'lapSwimming', name: 'Pool Swim' };
  if (a.plan.sport === 'Ride')
    return a.trainer
      ? { sport: 'cycling', subSport: 'virtualActivity', name: 'Virtual Ride' }
      : { sport: 'cycling', subSport: 'road', name: 'Bike' };
  return a.sportType === 'TrailRun'
    ? { sport: 'running', subSport: 'trail', name: 'Trail Run' }
    : { sport: 'running', subSport: 'generic', name: 'Run' };
}

/** Sensor and device serial numbers: stable per athlete, like the same watch on every run. */
const serial = (a: GeneratedActivity, n: number) => 3_400_000_000 + (a.athleteId % 1000) * 10 + n;

/**
 * One activity as a FIT file, in a device's message order: file_id, file_creator, device_info
 * (the device and its paired sensors), the timer start event, sport, records (with auto-pause, none
 * while stopped and timer stop/start events around each stop), a lap message after each auto-lap,
 * the timer stop, session and activity. Totals are the generator's own figures.
 */
export function activityFit(a: GeneratedActivity, streams: Streams = buildStreams(a.seed, a.plan)): Uint8Array {
  const s = streams;
  const st = a.stats;
  const plan = a.plan;
  const { sport, subSport, name } = fitSport(a);
  const ride = plan.sport === 'Ride';
  const zwift = a.trainer;
  const at = (i: number) => new Date(a.startMs + (s.time[i] ?? i) * 1000);
  const end = at(s.n - 1);
  const pos = (i: number): Mesg =>
    s.latlng
      ? {
          positionLat: Math.round((s.latlng[2 * i] ?? 0) * SEMICIRCLES),
          positionLong: Math.round((s.latlng[2 * i + 1] ?? 0) * SEMICIRCLES),
        }
      : {};
  const withPower = ride && plan.hasPowerMeter;
  const e = new Encoder();
  const write = (num: number, mesg: Mesg) => e.onMesg(num, mesg as never);

  const manufacturer = zwift ? 'zwift' : 'garmin';
  const product = zwift ? PRODUCT.zwift : ride ? PRODUCT.ride : PRODUCT.run;
  write(MESG.FILE_ID, { type: 'activity', manufacturer, product, serialNumber: zwift ? undefined : serial(a, 0), timeCreated: at(0) });
  write(MESG.FILE_CREATOR, { softwareVersion: zwift ? 100 : 2640 });
  write(MESG.DEVICE_INFO, {
    timestamp: at(0),
    deviceIndex: 0,
    manufacturer,
    product,
    serialNumber: zwift ? undefined : serial(a, 0),
    softwareVersion: zwift ? 1 : 26.4,
    sourceType: 'local',
  });
  if (plan.hasHeartrate) {
    write(MESG.DEVICE_INFO, {
      timestamp: at(0),
      deviceIndex: 1,
      deviceType: 120,
      manufacturer: 'garmin',
      serialNumber: serial(a, 1),
      sourceType: 'antplus',
      antDeviceNumber: 41_000 + (a.athleteId % 1000),
    });
  }
  if (withPower) {
    write(MESG.DEVICE_INFO, {
      timestamp: at(0),
      deviceIndex: 2,
      deviceType: 11,
      manufacturer: 'garmin',
      serialNumber: serial(a, 2),
      sourceType: 'antplus',
      antDeviceNumber: 52_000 + (a.athleteId % 1000),
    });
  }
  write(MESG.EVENT, { timestamp: at(0), event: 'timer', eventType: 'start', eventGroup: 0 });
  write(MESG.SPORT, { sport, subSport, name });

  const laps = cutByDistance(s, lapLength(plan));
  const lapEnds = new Set(laps.map((l) => l.endIndex));
  // The bike computer and Zwift record every second (power data wants it); the watch uses Garmin's
  // default "smart recording": a point when speed or heart rate changes, at least every 5 s.
  const everySecond = ride;
  let lastSpeed = Number.NaN;
  let lastHr = Number.NaN;
  let lastAt = Number.NEGATIVE_INFINITY;
  const keep = (i: number) => {
    if (everySecond || i === 0 || i === s.n - 1 || i - lastAt >= 5 || lapEnds.has(i) || lapEnds.has(i + 1)) return true;
    if (s.moving[i + 1] !== 1 || s.moving[i - 1] !== 1) return true; // around a stop
    if (Math.abs((s.velocity[i] ?? 0) - lastSpeed) >= 0.25) return true;
    return s.heartrate !== null && Math.abs((s.heartrate[i] ?? 0) - lastHr) >= 3;
  };
  let lapNo = 0;
  let nextLapEnd = laps[0]?.endIndex ?? s.n - 1;
  // The streams say how the device was set: with auto-pause a stop leaves a gap in `time`; without
  // it the device keeps recording (speed 0) and its timer keeps running through the stop.
  let autoPause = false;
  for (let i = 1; i < s.n && !autoPause; i++) autoPause = (s.time[i] ?? i) - (s.time[i - 1] ?? i - 1) > 1;
  const timer = (r: { movingTime: number; elapsedTime: number }) => (autoPause ? r.movingTime : r.elapsedTime);
  let paused = false;
  for (let i = 0; i < s.n; i++) {
    const moving = i === 0 || s.moving[i] === 1 || !autoPause;
    if (!moving) {
      // Auto-pause: the timer stops at the last moving second and nothing is written while stopped.
      if (!paused) write(MESG.EVENT, { timestamp: at(i - 1), event: 'timer', eventType: 'stopAll', eventGroup: 0 });
      paused = true;
    } else if (keep(i)) {
      if (paused) write(MESG.EVENT, { timestamp: at(i), event: 'timer', eventType: 'start', eventGroup: 0 });
      paused = false;
      lastAt = i;
      lastSpeed = s.velocity[i] ?? 0;
      lastHr = s.heartrate?.[i] ?? 0;
      write(MESG.RECORD, {
        timestamp: at(i),
        ...pos(i),
        distance: s.distance[i],
        enhancedSpeed: s.velocity[i],
        ...(s.altitude ? { enhancedAltitude: s.altitude[i] } : {}),
        ...(s.heartrate ? { heartRate: s.heartrate[i] } : {}),
        cadence: s.cadence[i],
        ...(withPower && s.watts ? { power: s.watts[i] } : {}),
      });
    }
    while (i === nextLapEnd && lapNo < laps.length) {
      write(MESG.LAP, lapMesg(a, s, laps[lapNo] as Range, lapNo, lapNo === laps.length - 1, { sport, subSport, withPower, pos, timer }));
      lapNo++;
      nextLapEnd = laps[lapNo]?.endIndex ?? -1;
    }
  }
  if (!laps.length) {
    write(
      MESG.LAP,
      lapMesg(
        a,
        s,
        {
          startIndex: 0,
          endIndex: s.n - 1,
          distance: a.distance,
          elapsedTime: a.elapsedTime,
          movingTime: a.movingTime,
          elevationGain: st.totalElevationGain,
          elevationDifference: 0,
          averageSpeed: st.averageSpeed,
          maxSpeed: st.maxSpeed,
          averageCadence: st.averageCadence,
          averageHeartrate: st.averageHeartrate,
          maxHeartrate: st.maxHeartrate,
          averageWatts: st.averageWatts,
        },
        0,
        true,
        { sport, subSport, withPower, pos, timer },
      ),
    );
  }
  write(MESG.EVENT, { timestamp: end, event: 'timer', eventType: 'stopAll', eventGroup: 0 });

  const round = (x: number | null) => (x === null ? undefined : Math.round(x));
  write(MESG.SESSION, {
    messageIndex: 0,
    timestamp: end,
    event: 'session',
    eventType: 'stop',
    trigger: 'activityEnd',
    startTime: at(0),
    ...(s.latlng ? { startPositionLat: pos(0).positionLat, startPositionLong: pos(0).positionLong } : {}),
    sport,
    subSport,
    sportProfileName: name,
    totalElapsedTime: a.elapsedTime,
    totalTimerTime: timer(a),
    totalMovingTime: a.movingTime,
    totalDistance: a.distance,
    totalCalories: Math.round(st.calories),
    enhancedAvgSpeed: st.averageSpeed,
    enhancedMaxSpeed: st.maxSpeed,
    avgHeartRate: round(st.averageHeartrate),
    maxHeartRate: round(st.maxHeartrate),
    avgCadence: Math.round(st.averageCadence),
    ...(withPower
      ? {
          avgPower: round(st.averageWatts),
          maxPower: round(st.maxWatts),
          normalizedPower: round(st.weightedAverageWatts),
          thresholdPower: plan.athlete.ftp,
        }
      : {}),
    ...(s.altitude ? { totalAscent: Math.round(st.totalElevationGain), totalDescent: Math.round(st.totalElevationLoss) } : {}),
    ...(plan.sport === 'Swim' ? { poolLength: 25, poolLengthUnit: 'metric' } : {}),
    firstLapIndex: 0,
    numLaps: Math.max(1, laps.length),
  });
  write(MESG.ACTIVITY, {
    timestamp: end,
    totalTimerTime: timer(a),
    numSessions: 1,
    type: 'manual',
    event: 'activity',
    eventType: 'stop',
    // Local wall time at the end (the offset of the start: a session does not cross a DST change).
    localTimestamp: Utils.convertDateToDateTime(end) + a.utcOffset,
  });
  return e.close();
}

function lapMesg(
  a: GeneratedActivity,
  s: Streams,
  r: Range,
  index: number,
  last: boolean,
  o: { sport: string; subSport: string; withPower: boolean; pos: (i: number) => Mesg; timer: (r: Range) => number },
): Mesg {
  const t = (i: number) => new Date(a.startMs + (s.time[i] ?? i) * 1000);
  const from = o.pos(r.startIndex);
  const to = o.pos(r.endIndex);
  return {
    messageIndex: index,
    timestamp: t(r.endIndex),
    event: 'lap',
    eventType: 'stop',
    lapTrigger: last ? 'sessionEnd' : 'distance',
    startTime: t(r.startIndex),
    ...(from.positionLat !== undefined
      ? {
          startPositionLat: from.positionLat,
          startPositionLong: from.positionLong,
          endPositionLat: to.positionLat,
          endPositionLong: to.positionLong,
        }
      : {}),
    totalElapsedTime: r.elapsedTime,
    totalTimerTime: o.timer(r),
    totalMovingTime: r.movingTime,
    totalDistance: r.distance,
    enhancedAvgSpeed: r.averageSpeed,
    enhancedMaxSpeed: r.maxSpeed,
    ...(r.averageHeartrate !== null ? { avgHeartRate: Math.round(r.averageHeartrate), maxHeartRate: r.maxHeartrate ?? undefined } : {}),
    avgCadence: Math.round(r.averageCadence),
    ...(o.withPower && r.averageWatts !== null ? { avgPower: Math.round(r.averageWatts) } : {}),
    ...(s.altitude ? { totalAscent: Math.round(r.elevationGain) } : {}),
    sport: o.sport,
    subSport: o.subSport,
    intensity: 'active',
  };
}

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

/** The demo's Garmin export: the file part of the history, as one DI_CONNECT zip. */
export function demoGarminExport(h: DemoHistory, opts: Omit<ExportOptions, 'mtime'>): { zip: Uint8Array; activities: GeneratedActivity[] } {
  const activities = fileActivities(h);
  return { zip: garminExportZip(activities, { ...opts, mtime: h.filesBefore }), activities };
}
