// FIT facts, through the official SDK: the session/lap/record messages as Garmin's Decoder gives them.
import { Decoder, Stream } from '@garmin/fitsdk';
import { HR_MAX, HR_MIN, iso, round } from './common.ts';

export type FitFile = ReturnType<typeof decodeFit>;
export type RecordSummary = ReturnType<FitFile['recordSummary']>;

export function decodeFit(bytes: Uint8Array) {
  const decoder = new Decoder(Stream.fromByteArray(bytes));
  const isFit = decoder.isFIT();
  const integrity = decoder.checkIntegrity();
  const { messages, errors } = decoder.read({
    applyScaleAndOffset: true,
    convertDateTimesToDates: true,
    expandComponents: true,
    mergeHeartRates: false,
  });
  // The SDK's message types are loose (every field optional, enums as strings or numbers).
  const sessions: any[] = messages.sessionMesgs ?? [];
  const records: any[] = messages.recordMesgs ?? [];
  const laps: any[] = messages.lapMesgs ?? [];
  const fileId = messages.fileIdMesgs?.[0];

  const recordSummary = (from?: Date, to?: Date) => {
    const inRange = records.filter((r) => r.timestamp instanceof Date && (!from || r.timestamp >= from) && (!to || r.timestamp <= to));
    const hr = inRange.map((r) => r.heartRate).filter((v) => typeof v === 'number');
    const plausibleHr = hr.filter((v) => v >= HR_MIN && v <= HR_MAX);
    const power = inRange.map((r) => r.power).filter((v) => typeof v === 'number');
    const distances = inRange.map((r) => r.distance).filter((v) => typeof v === 'number');
    const speeds = inRange.map((r) => r.enhancedSpeed ?? r.speed).filter((v) => typeof v === 'number');
    const alts = inRange.map((r) => r.enhancedAltitude ?? r.altitude).filter((v) => typeof v === 'number');
    let backwards = 0;
    for (let i = 1; i < inRange.length; i++) if (inRange[i].timestamp < inRange[i - 1].timestamp) backwards += 1;
    const first = inRange[0]?.timestamp as Date | undefined;
    const last = inRange[inRange.length - 1]?.timestamp as Date | undefined;
    return {
      count: inRange.length,
      firstTime: iso(first),
      lastTime: iso(last),
      spanS: first && last ? (last.getTime() - first.getTime()) / 1000 : 0,
      timestampsBackwards: backwards,
      distanceM: distances.length ? round(Math.max(...distances) - Math.min(...distances)) : null,
      hrSamples: hr.length,
      hrOutOfRange: hr.length - plausibleHr.length,
      hrMean: plausibleHr.length ? round(plausibleHr.reduce((a, b) => a + b, 0) / plausibleHr.length) : null,
      hrMax: plausibleHr.length ? Math.max(...plausibleHr) : null,
      powerSamples: power.length,
      powerMean: power.length ? round(power.reduce((a, b) => a + b, 0) / power.length) : null,
      speedMaxMps: speeds.length ? Math.max(...speeds) : null,
      altitudeMinM: alts.length ? round(Math.min(...alts)) : null,
      altitudeMaxM: alts.length ? round(Math.max(...alts)) : null,
    };
  };

  const sessionFacts = sessions.map((s) => ({
    sport: s.sport === undefined ? null : String(s.sport),
    subSport: s.subSport === undefined ? null : String(s.subSport),
    startTime: iso(s.startTime) ?? null,
    totalDistance: s.totalDistance ?? null,
    totalTimerTime: s.totalTimerTime ?? null,
    totalElapsedTime: s.totalElapsedTime ?? null,
    totalMovingTime: s.totalMovingTime ?? null,
    avgHeartRate: s.avgHeartRate ?? null,
    maxHeartRate: s.maxHeartRate ?? null,
    avgPower: s.avgPower ?? null,
    normalizedPower: s.normalizedPower ?? null,
    totalAscent: s.totalAscent ?? null,
    numLaps: s.numLaps ?? null,
  }));

  const facts = {
    isFit,
    integrity,
    errors: errors.map((e: Error) => e.message),
    fileType: fileId?.type === undefined ? null : String(fileId.type),
    manufacturer: fileId?.manufacturer === undefined ? null : String(fileId.manufacturer),
    product: fileId?.garminProduct ?? fileId?.product ?? null,
    sessions: sessionFacts,
    laps: laps.length,
    records: recordSummary(),
  };
  // The rules read the raw sessions and records too (and summarise records within each session).
  return { facts, sessions, records, recordSummary };
}
