// FIT files through Garmin's official SDK. One ActivityInput per session: a multisport file's legs
// are separate activities linked by `multisportGroup`, and its transition sessions are not
// activities at all (their time is noted on the legs, so they add no volume and no count). A
// truncated or corrupt file imports as far as it decodes, with a note saying so. FIT `timestamp`s are UTC; the athlete's calendar date comes from the activity
// message's `local_timestamp` when it gives a plausible offset, else from the caller's fallback
// time zone (the athlete's profile), because devices without a synced clock write nonsense there.
//
// Memory: the SDK decodes an ArrayBuffer and keeps every message as an object (≈10× the file size
// for record-heavy files), hence the FIT-specific cap in limits.ts.
import { Decoder, type LapMesg, type RecordMesg, type SessionMesg, Stream } from '@garmin/fitsdk';
import { type ActivityInput, type ActivityLap, type ActivitySource, type DataQualityNote, sportFromType } from '../../activities/index.ts';
import { sha256Hex } from '../../../lib/crypto.ts';
import { defaultName, localDateIn, num, plausibleOffsetS, utcDate } from './common.ts';
import { type FitWellness, fitWellness } from './fit-wellness.ts';
import { UPLOAD_LIMITS, type UploadLimits } from './limits.ts';
import { TrackBuilder } from './track.ts';
import { round2 } from './track-totals.ts';
import { FileParseError } from './types.ts';

const FIT_EPOCH_MS = 631_065_600_000;
const SEMICIRCLE_DEG = 180 / 2 ** 31;

export interface FitParseOptions {
  fallbackTimeZone: string;
  /** `garmin_export` when the file came out of a Garmin export (merge decides the externalId). */
  source?: Extract<ActivitySource, 'fit_upload' | 'garmin_export'>;
  limits?: UploadLimits;
  /** Told the file's wellness (weight, sleep, overnight HRV; ADR 072), before any activity check can refuse the file. */
  onWellness?: (w: FitWellness) => void;
}

/**
 * FIT date_time / local_date_time (seconds since 1989-12-31) to epoch ms; Dates pass through.
 * Values below 0x10000000 are seconds since the device powered on, not dates: treated as absent.
 */
function fitMs(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  const seconds = num(value);
  return seconds === undefined || seconds < 0x10000000 ? undefined : seconds * 1000 + FIT_EPOCH_MS;
}

/**
 * parseFit for an upload: a file holding only wellness (a scale's weigh-ins, a night's sleep) answers no activity
 * instead of being refused as "no activity found"; whatever it held of wellness is given to `keep`, even when the
 * file then fails.
 */
export async function parseFitUpload(
  bytes: Uint8Array,
  opts: Omit<FitParseOptions, 'onWellness'>,
  keep: (w: FitWellness) => void,
): Promise<ActivityInput[]> {
  let got: FitWellness | undefined;
  try {
    return await parseFit(bytes, {
      ...opts,
      onWellness: (w) => {
        got = w;
      },
    });
  } catch (err) {
    if (!(err instanceof FileParseError && err.reason === 'no_activity' && (got?.records.length || got?.left.length))) throw err;
    return [];
  } finally {
    if (got) keep(got);
  }
}

/** Throws FileParseError (`malformed_fit`, `no_activity`); never anything else for bad input. */
export async function parseFit(bytes: Uint8Array, opts: FitParseOptions): Promise<ActivityInput[]> {
  const limits = opts.limits ?? UPLOAD_LIMITS;
  const decoder = new Decoder(Stream.fromByteArray(bytes));
  if (!decoder.isFIT()) throw new FileParseError('malformed_fit', 'not a FIT file');
  const intact = decoder.checkIntegrity();
  const { messages, errors } = decoder.read({ convertDateTimesToDates: false, mergeHeartRates: false });
  const records = messages.recordMesgs ?? [];
  if (opts.onWellness) opts.onWellness(fitWellness(messages, opts.fallbackTimeZone));
  const fileType = messages.fileIdMesgs?.[0]?.type;
  if (fileType !== undefined && String(fileType) !== 'activity')
    throw new FileParseError('no_activity', `FIT file of type ${String(fileType)}`);
  const allSessions: SessionMesg[] = messages.sessionMesgs?.length ? messages.sessionMesgs : records.length ? [{}] : [];
  const isTransition = (x: SessionMesg) => String(x.sport ?? '') === 'transition';
  const sessions = allSessions.filter((x) => !isTransition(x));
  if (!sessions.length) {
    // A file whose data is cut short still imports when it kept a session or records.
    throw new FileParseError(errors.length ? 'malformed_fit' : 'no_activity', errors[0]?.message ?? 'no session and no records');
  }
  const hash = await sha256Hex(bytes);
  const fileNotes: DataQualityNote[] = [];
  if (errors.length || !intact) {
    const why = errors.length ? 'it ends early or is damaged' : 'its checksum does not match';
    const what = messages.sessionMesgs?.length
      ? 'its summary and the records that decode are imported'
      : 'no summary survived, so totals come from the records that decode';
    fileNotes.push({ code: 'truncated', message: `The file is incomplete (${why}): ${what}` });
  }
  const transitions = allSessions.filter(isTransition);
  const multisport = sessions.length > 1 || transitions.length > 0;
  if (multisport) {
    const transitionS = transitions.reduce((sum, x) => sum + (num(x.totalElapsedTime) ?? 0), 0);
    const tail = transitions.length
      ? `; ${transitions.length} transition${transitions.length === 1 ? '' : 's'} (${Math.round(transitionS)} s) not counted as training`
      : '';
    fileNotes.push({ code: 'multisport_leg', message: `One of ${sessions.length} legs of a multisport recording${tail}` });
  }
  const activity = messages.activityMesgs?.[0];
  const tsMs = fitMs(activity?.timestamp);
  const localMs = fitMs(activity?.localTimestamp);
  // Offsets are whole quarter hours; rounding absorbs a device writing the two fields a second apart.
  const offsetS = tsMs !== undefined && localMs !== undefined ? Math.round((localMs - tsMs) / 900_000) * 900 : undefined;
  const useOffset = offsetS !== undefined && plausibleOffsetS(offsetS);
  const sportName = messages.sportMesgs?.[0]?.name;

  return sessions.map((session) => {
    // Ids follow the session's place in the file, transitions included, so they never shift.
    const i = allSessions.indexOf(session);
    const firstRecordMs = fitMs(records[0]?.timestamp);
    const startMs = fitMs(session.startTime) ?? firstRecordMs;
    if (startMs === undefined) throw new FileParseError('malformed_fit', 'no start time');
    const elapsed = num(session.totalElapsedTime);
    const endMs = elapsed === undefined ? Number.POSITIVE_INFINITY : startMs + elapsed * 1000;
    const inSession = (ms: number | undefined) => allSessions.length === 1 || (ms !== undefined && ms >= startMs && ms <= endMs);
    const track = new TrackBuilder();
    for (const r of records) if (inSession(fitMs(r.timestamp))) track.add(recordPoint(r));
    const subSport = session.subSport === undefined ? '' : String(session.subSport);
    const sportOriginal = `${String(session.sport ?? 'generic')}${subSport && subSport !== 'generic' ? `/${subSport}` : ''}`;
    const sport = sportFromType(sportOriginal);
    const sum = track.summary(limits.maxStreamPoints, sport);
    const laps = (messages.lapMesgs ?? []).filter((l) => inSession(fitMs(l.startTime))).map(toLap);
    const notes = [...(sum?.notes ?? []), ...fileNotes];
    const start = new Date(startMs);
    return {
      source: opts.source ?? 'fit_upload',
      externalId: i === 0 ? hash : `${hash}:${i}`,
      sport,
      sportOriginal,
      name: typeof sportName === 'string' && sportName.trim() ? sportName.trim() : defaultName(sport),
      startTime: start,
      localStartDate: useOffset ? utcDate(startMs + (offsetS ?? 0) * 1000) : localDateIn(start, opts.fallbackTimeZone),
      timezone: null,
      elapsedTimeS: Math.round(elapsed ?? sum?.elapsedS ?? 0),
      movingTimeS: Math.round(num(session.totalMovingTime) ?? num(session.totalTimerTime) ?? sum?.movingS ?? 0),
      distanceM: round2(num(session.totalDistance) ?? sum?.distanceM ?? 0),
      elevationGainM: num(session.totalAscent) ?? sum?.elevationGainM ?? null,
      avgHr: num(session.avgHeartRate) ?? sum?.avgHr ?? null,
      maxHr: num(session.maxHeartRate) ?? sum?.maxHr ?? null,
      avgPower: num(session.avgPower) ?? sum?.avgPower ?? null,
      normalizedPower: num(session.normalizedPower) ?? null,
      avgCadence: num(session.avgCadence) ?? num(session.avgRunningCadence) ?? sum?.avgCadence ?? null,
      calories: num(session.totalCalories) ?? null,
      detailComplete: true,
      laps,
      streams: sum?.streams ?? null,
      ...(notes.length ? { dataQuality: notes } : {}),
      ...(multisport ? { multisportGroup: hash } : {}),
    } satisfies ActivityInput;
  });
}

function recordPoint(r: RecordMesg) {
  const lat = num(r.positionLat);
  const lon = num(r.positionLong);
  return {
    timeMs: fitMs(r.timestamp) ?? Number.NaN,
    lat: lat === undefined ? undefined : lat * SEMICIRCLE_DEG,
    lon: lon === undefined ? undefined : lon * SEMICIRCLE_DEG,
    altitudeM: num(r.enhancedAltitude) ?? num(r.altitude),
    hr: num(r.heartRate),
    cadence: num(r.cadence),
    power: num(r.power),
    speedMps: num(r.enhancedSpeed) ?? num(r.speed),
    distanceM: num(r.distance),
  };
}

function toLap(lap: LapMesg, index: number): ActivityLap {
  return {
    index,
    startTime: new Date(fitMs(lap.startTime) ?? fitMs(lap.timestamp) ?? 0).toISOString(),
    elapsedS: Math.round(num(lap.totalElapsedTime) ?? 0),
    movingS: num(lap.totalTimerTime) === undefined ? null : Math.round(num(lap.totalTimerTime) ?? 0),
    distanceM: num(lap.totalDistance) ?? null,
    avgHr: num(lap.avgHeartRate) ?? null,
    maxHr: num(lap.maxHeartRate) ?? null,
    avgPower: num(lap.avgPower) ?? null,
    avgSpeedMps: num(lap.enhancedAvgSpeed) ?? num(lap.avgSpeed) ?? null,
    avgCadence: num(lap.avgCadence) ?? num(lap.avgRunningCadence) ?? null,
  };
}
