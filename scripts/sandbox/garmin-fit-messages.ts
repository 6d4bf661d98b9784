// The FIT messages of one sandbox activity (garmin-fit.ts writes them in a device's order): the
// device and its sensors, laps, the session and the activity. Field names and enum values are the
// FIT profile's, as Garmin's Encoder takes them.
import { Utils } from '@garmin/fitsdk';
import type { Range } from './strava/efforts.ts';
import type { GeneratedActivity } from './strava/generator.ts';
import type { Streams } from './strava/streams.ts';

// Global message numbers (Profile.MesgNum is loosely typed). Enum fields take the profile's names.
export const MESG = {
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
export const SEMICIRCLES = 2 ** 31 / 180;

export type Mesg = Record<string, unknown>;

/** Who made the recording device (and its paired sensors); default Garmin's watch or bike computer. */
export interface FitDevice {
  /** The FIT profile's manufacturer name, e.g. 'polarElectro'. */
  manufacturer: string;
  product: number;
}

/** What every message of one activity's file is built from. */
export interface FitActivity {
  a: GeneratedActivity;
  s: Streams;
  sport: string;
  subSport: string;
  name: string;
  withPower: boolean;
  /** Wall time of sample i. */
  at: (i: number) => Date;
  /** Sample i's position in semicircles (nothing indoors). */
  pos: (i: number) => Mesg;
  /** The device timer over a range: moving time with auto-pause, elapsed time without. */
  timer: (r: { movingTime: number; elapsedTime: number }) => number;
  device?: FitDevice;
}

export function fitSport(a: GeneratedActivity): { sport: string; subSport: string; name: string } {
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

/** The file's opening messages: file_id, file_creator, device_info (the device and its paired sensors), the timer start, sport. */
export function startMesgs({ a, sport, subSport, name, withPower, at, device }: FitActivity): [number, Mesg][] {
  const ride = a.plan.sport === 'Ride';
  const zwift = a.trainer;
  const manufacturer = zwift ? 'zwift' : (device?.manufacturer ?? 'garmin');
  const product = zwift ? PRODUCT.zwift : (device?.product ?? (ride ? PRODUCT.ride : PRODUCT.run));
  const sensorMaker = device?.manufacturer ?? 'garmin';
  const out: [number, Mesg][] = [];
  out.push([MESG.FILE_ID, { type: 'activity', manufacturer, product, serialNumber: zwift ? undefined : serial(a, 0), timeCreated: at(0) }]);
  out.push([MESG.FILE_CREATOR, { softwareVersion: zwift ? 100 : 2640 }]);
  out.push([
    MESG.DEVICE_INFO,
    {
      timestamp: at(0),
      deviceIndex: 0,
      manufacturer,
      product,
      serialNumber: zwift ? undefined : serial(a, 0),
      softwareVersion: zwift ? 1 : 26.4,
      sourceType: 'local',
    },
  ]);
  if (a.plan.hasHeartrate) {
    out.push([
      MESG.DEVICE_INFO,
      {
        timestamp: at(0),
        deviceIndex: 1,
        deviceType: 120,
        manufacturer: sensorMaker,
        serialNumber: serial(a, 1),
        sourceType: 'antplus',
        antDeviceNumber: 41_000 + (a.athleteId % 1000),
      },
    ]);
  }
  if (withPower) {
    out.push([
      MESG.DEVICE_INFO,
      {
        timestamp: at(0),
        deviceIndex: 2,
        deviceType: 11,
        manufacturer: sensorMaker,
        serialNumber: serial(a, 2),
        sourceType: 'antplus',
        antDeviceNumber: 52_000 + (a.athleteId % 1000),
      },
    ]);
  }
  out.push([MESG.EVENT, { timestamp: at(0), event: 'timer', eventType: 'start', eventGroup: 0 }]);
  out.push([MESG.SPORT, { sport, subSport, name }]);
  return out;
}

/** The whole activity as one lap, for a file without auto-laps (shorter than one lap). */
export function wholeActivity({ a, s }: FitActivity): Range {
  const st = a.stats;
  return {
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
  };
}

export function lapMesg(f: FitActivity, r: Range, index: number, last: boolean): Mesg {
  const { s } = f;
  const t = f.at;
  const from = f.pos(r.startIndex);
  const to = f.pos(r.endIndex);
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
    totalTimerTime: f.timer(r),
    totalMovingTime: r.movingTime,
    totalDistance: r.distance,
    enhancedAvgSpeed: r.averageSpeed,
    enhancedMaxSpeed: r.maxSpeed,
    ...(r.averageHeartrate !== null ? { avgHeartRate: Math.round(r.averageHeartrate), maxHeartRate: r.maxHeartrate ?? undefined } : {}),
    avgCadence: Math.round(r.averageCadence),
    ...(f.withPower && r.averageWatts !== null ? { avgPower: Math.round(r.averageWatts) } : {}),
    ...(s.altitude ? { totalAscent: Math.round(r.elevationGain) } : {}),
    sport: f.sport,
    subSport: f.subSport,
    intensity: 'active',
  };
}

/** The session: totals are the generator's own figures. */
export function sessionMesg({ a, s, sport, subSport, name, withPower, at, pos, timer }: FitActivity, numLaps: number): Mesg {
  const st = a.stats;
  const plan = a.plan;
  const round = (x: number | null) => (x === null ? undefined : Math.round(x));
  return {
    messageIndex: 0,
    timestamp: at(s.n - 1),
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
    numLaps,
  };
}

export function activityMesg({ a, s, at, timer }: FitActivity): Mesg {
  const end = at(s.n - 1);
  return {
    timestamp: end,
    totalTimerTime: timer(a),
    numSessions: 1,
    type: 'manual',
    event: 'activity',
    eventType: 'stop',
    // Local wall time at the end (the offset of the start: a session does not cross a DST change).
    localTimestamp: Utils.convertDateToDateTime(end) + a.utcOffset,
  };
}
