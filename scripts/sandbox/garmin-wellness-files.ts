// A sandbox athlete's year of wellness (wellness.ts) as the files of a Garmin "export your data" archive lay it
// out (ADR 073, verified against public importers of real exports): daily summaries in
// DI-Connect-Aggregator/UDSFile_<from>_<to>.json, nights in DI-Connect-Wellness/<from>_<to>_<id>_sleepData.json
// (calendarDate = the wake day, GMT timestamps), overnight HRV with Garmin's baseline in *_healthStatusData.json,
// weigh-ins in grams in <id>_userBioMetrics.json and the running VO2max in
// DI-Connect-Metrics/MetricsMaxMetData_<from>_<to>_<id>.json; ~100 days per file, as Garmin splits them.
// Pure and deterministic, like garmin-export.ts.
import { strToU8, type Zippable } from 'fflate';
import { athleteProfile } from './strava/athlete.ts';
import { offsetSeconds } from './strava/tz.ts';
import { isoDay, type LocalDay, type WellnessDay, wellnessYear } from './wellness.ts';

const DAY_MS = 86_400_000;
const PER_FILE_DAYS = 100;

/** The local calendar day of an instant in the athlete's zone. */
export function localDayOf(athleteId: number, at: Date): LocalDay {
  const tz = athleteProfile(athleteId).place.tz;
  return Math.floor((at.getTime() + offsetSeconds(tz, at.getTime()) * 1000) / DAY_MS);
}

/** "2026-03-01T05:55:00.0": Garmin's GMT timestamp strings. */
const gmt = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.0');

function uds(d: WellnessDay, profileId: number) {
  const day = isoDay(d.day);
  return {
    userProfilePK: profileId,
    calendarDate: day,
    durationInMilliseconds: DAY_MS,
    totalSteps: d.steps,
    totalDistanceMeters: Math.round(d.steps * 0.76),
    dailyStepGoal: 8000,
    restingHeartRate: d.restingHr,
    currentDayRestingHeartRate: d.restingHr,
    minHeartRate: d.restingHr - 4,
    allDayStress: {
      userProfilePK: profileId,
      calendarDate: day,
      aggregatorList: [
        { type: 'TOTAL', averageStressLevel: d.stress, maxStressLevel: Math.min(99, d.stress + 55) },
        { type: 'AWAKE', averageStressLevel: Math.min(99, d.stress + 7) },
        { type: 'ASLEEP', averageStressLevel: Math.max(1, d.stress - 17) },
      ],
    },
  };
}

function sleep(d: WellnessDay, profileId: number, offsetS: number) {
  const n = d.night!;
  // She wakes around 06:15 local; in bed for the night's sleep and its awake minutes before that.
  const endMs = d.day * DAY_MS + (6 * 3600 + 15 * 60 + ((d.day * 37) % 40) * 60 - offsetS) * 1000;
  return {
    userProfilePK: profileId,
    sleepStartTimestampGMT: gmt(endMs - (n.sleepS + n.awakeS) * 1000),
    sleepEndTimestampGMT: gmt(endMs),
    calendarDate: isoDay(d.day),
    sleepWindowConfirmationType: 'ENHANCED_CONFIRMED_FINAL',
    deepSleepSeconds: n.deepS,
    lightSleepSeconds: n.lightS,
    remSleepSeconds: n.remS,
    awakeSleepSeconds: n.awakeS,
    unmeasurableSeconds: 0,
    sleepScores: { overallScore: n.score, qualityScore: n.score, durationScore: Math.min(100, Math.round((n.sleepS / 28_800) * 100)) },
  };
}

function healthStatus(d: WellnessDay, profileId: number) {
  const day = isoDay(d.day);
  return {
    userProfilePk: profileId,
    calendarDate: day,
    createTimestampUTC: `${day}T07:02:11.0`,
    metrics: [
      { type: 'HRV', value: d.night!.hrv, status: 'NORMAL', baselineLowerLimit: 54, baselineUpperLimit: 71 },
      { type: 'HR', value: d.restingHr, status: 'NORMAL', baselineLowerLimit: d.restingHr - 3, baselineUpperLimit: d.restingHr + 3 },
      { type: 'SPO2', value: 0, status: 'UNKNOWN' },
    ],
  };
}

const compact = (day: LocalDay) => isoDay(day).replaceAll('-', '');

/** The export's wellness entries for the `days` local days before `before` (the files' cut). */
export function wellnessFiles(athleteId: number, before: Date, days = 365): Zippable {
  const profileId = 80_000_000 + athleteId;
  const tz = athleteProfile(athleteId).place.tz;
  const year = wellnessYear(athleteId, localDayOf(athleteId, before), days);
  const files: Zippable = {};
  for (let i = 0; i < year.length; i += PER_FILE_DAYS) {
    const part = year.slice(i, i + PER_FILE_DAYS);
    const [from, to] = [isoDay(part[0]!.day), isoDay(part.at(-1)!.day)];
    const nights = part.filter((d) => d.night);
    files[`DI_CONNECT/DI-Connect-Aggregator/UDSFile_${from}_${to}.json`] = strToU8(JSON.stringify(part.map((d) => uds(d, profileId))));
    files[`DI_CONNECT/DI-Connect-Wellness/${from}_${to}_${profileId}_sleepData.json`] = strToU8(
      JSON.stringify(nights.map((d) => sleep(d, profileId, offsetSeconds(tz, d.day * DAY_MS)))),
    );
    files[`DI_CONNECT/DI-Connect-Wellness/${from}_${to}_${profileId}_healthStatusData.json`] = strToU8(
      JSON.stringify(nights.map((d) => healthStatus(d, profileId))),
    );
  }
  const weighIns = year.flatMap((d) =>
    d.weighIn
      ? [
          {
            metaData: { userProfilePk: profileId, calendarDate: `${isoDay(d.day)}T00:00:00.0` },
            weight: {
              timestampGMT: gmt(d.day * DAY_MS + (6 * 3600 + 40 * 60 - offsetSeconds(tz, d.day * DAY_MS)) * 1000),
              weight: d.weighIn.grams,
              bodyFat: d.weighIn.bodyFat,
              sourceType: 'INDEX_SCALE',
            },
          },
        ]
      : [],
  );
  const profileRow = { metaData: { userProfilePk: profileId, calendarDate: `${isoDay(year[0]!.day)}T00:00:00.0` }, height: 168 };
  files[`DI_CONNECT/DI-Connect-Wellness/${profileId}_userBioMetrics.json`] = strToU8(JSON.stringify([profileRow, ...weighIns]));
  const vo2 = year.flatMap((d) =>
    d.vo2max === null
      ? []
      : [
          {
            userProfilePk: profileId,
            calendarDate: isoDay(d.day),
            sport: 'RUNNING',
            subSport: 'GENERIC',
            vo2MaxValue: d.vo2max,
            calibratedData: true,
          },
        ],
  );
  const [first, last] = [year[0]!.day, year.at(-1)!.day];
  files[`DI_CONNECT/DI-Connect-Metrics/MetricsMaxMetData_${compact(first)}_${compact(last)}_${profileId}.json`] = strToU8(
    JSON.stringify(vo2),
  );
  return files;
}

/** What the files hold, for the tests and the CLI's line: days, nights, weigh-ins and VO2max estimates. */
export function wellnessCounts(athleteId: number, before: Date, days = 365) {
  const year = wellnessYear(athleteId, localDayOf(athleteId, before), days);
  return {
    days: year.length,
    nights: year.filter((d) => d.night).length,
    weighIns: year.filter((d) => d.weighIn).length,
    vo2max: year.filter((d) => d.vo2max !== null).length,
  };
}
