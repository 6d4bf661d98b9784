// What an importer following the domain reference's "Real recordings" rules must produce from a
// file's decoded facts:
// - FIT: one activity per session, transitions excepted (a multisport file yields its legs); the
//   session's own totals win (distance, timer time as moving time, elapsed, HR, power, ascent). A
//   file without a session (cut short) is one activity from its records, and must be reported as
//   truncated. HR outside 25–230 bpm and 0 W "averages" are absent, not values.
// - GPX: one activity per <trk> with at least two timed points; distance is the haversine sum
//   within each <trkseg> over the timed points, leaving out points that would mean more than
//   30 m/s (GPS glitches, reported as such); points without <time> must be reported.
// - TCX: one activity per <Activity>; the laps' TotalTimeSeconds and DistanceMeters sums win; HR is
//   the lap average weighted by lap time, max HR the laps' maximum.
import { HR_MAX, HR_MIN, iso, round } from './common.ts';
import type { FitFile } from './fit-facts.ts';
import type { GpxTrackFacts } from './gpx-facts.ts';
import type { TcxActivityFacts } from './tcx-facts.ts';

type Family = 'run' | 'ride' | 'swim' | 'walk' | 'hike' | 'strength' | 'other';

/**
 * What one imported activity must look like. An absent field means "no assertion"; null means
 * "the file has no such data: the importer must not invent it" (e.g. a 0 W power average).
 */
interface ExpectedActivity {
  label: string;
  /** Sport family, when the file names a sport (null: the importer may infer one). */
  sport: Family | null;
  startTime: string;
  distanceM: number;
  elapsedTimeS: number;
  movingTimeS?: number;
  avgHr?: number | null;
  maxHr?: number | null;
  avgPower?: number | null;
  normalizedPower?: number | null;
  elevationGainM?: number;
}

export interface FileExpectation {
  /** Activities the upload yields, in file order. */
  activities: ExpectedActivity[];
  /** Problems the parse must report (`parse.warnings` reasons / data-quality codes). */
  warnings: string[];
  /** When the whole file yields nothing: the `parse.skipped` reason. */
  skippedReason?: string;
  /** A multisport recording: its legs (the activities) share one `multisportGroup`. */
  multisport?: true;
}

// ---------------------------------------------------------------------------------------------
// FIT

const FIT_FAMILY: Record<string, Family> = {
  running: 'run',
  cycling: 'ride',
  eBiking: 'ride',
  swimming: 'swim',
  walking: 'walk',
  hiking: 'hike',
  training: 'strength',
};

const hrOrUndefined = (v: unknown) => (typeof v === 'number' && v >= HR_MIN && v <= HR_MAX ? v : undefined);
const positive = (v: unknown) => (typeof v === 'number' && v > 0 ? v : undefined);

export function expectFromFit({ facts, sessions, records, recordSummary }: FitFile): FileExpectation {
  const activities: ExpectedActivity[] = [];
  const warnings: string[] = [];
  if (!facts.integrity || facts.errors.length) warnings.push('truncated');
  sessions.forEach((s, i) => {
    const sport = s.sport === undefined ? 'generic' : String(s.sport);
    if (sport === 'transition') return;
    const end =
      s.startTime instanceof Date && typeof s.totalElapsedTime === 'number'
        ? new Date(s.startTime.getTime() + s.totalElapsedTime * 1000)
        : undefined;
    const recs = recordSummary(s.startTime, end);
    const a: ExpectedActivity = {
      label: `session ${i} (${sport}${s.subSport && String(s.subSport) !== 'generic' ? `/${String(s.subSport)}` : ''})`,
      sport: FIT_FAMILY[sport] ?? null,
      startTime: iso(s.startTime) ?? String(recs.firstTime),
      distanceM: round(s.totalDistance ?? recs.distanceM ?? 0),
      elapsedTimeS: round(s.totalElapsedTime ?? recs.spanS),
    };
    const moving = s.totalMovingTime ?? s.totalTimerTime;
    if (typeof moving === 'number') a.movingTimeS = round(moving);
    const avgHr =
      hrOrUndefined(s.avgHeartRate) ?? (s.avgHeartRate === undefined && recs.hrMean !== null ? Math.round(recs.hrMean) : undefined);
    const maxHr = hrOrUndefined(s.maxHeartRate) ?? (s.maxHeartRate === undefined && recs.hrMax !== null ? recs.hrMax : undefined);
    if (avgHr !== undefined) a.avgHr = avgHr;
    if (maxHr !== undefined) a.maxHr = maxHr;
    if (avgHr === undefined && maxHr === undefined && !recs.hrSamples && s.avgHeartRate === undefined) (a.avgHr = null), (a.maxHr = null);
    const avgPower = positive(s.avgPower);
    if (avgPower !== undefined) a.avgPower = avgPower;
    else if (!(recs.powerMean && recs.powerMean > 0)) a.avgPower = null;
    const np = positive(s.normalizedPower);
    if (np !== undefined) a.normalizedPower = np;
    else if (a.avgPower === null) a.normalizedPower = null;
    if (typeof s.totalAscent === 'number') a.elevationGainM = s.totalAscent;
    activities.push(a);
  });
  if (!sessions.length && records.length) {
    // No session: the recording was cut short before the device wrote its summary.
    const recs = facts.records;
    const a: ExpectedActivity = {
      label: 'records (no session)',
      sport: null,
      startTime: String(recs.firstTime),
      distanceM: recs.distanceM ?? 0,
      elapsedTimeS: round(recs.spanS),
    };
    if (recs.hrMean !== null) a.avgHr = Math.round(recs.hrMean);
    if (recs.hrMax !== null) a.maxHr = recs.hrMax;
    a.avgPower = recs.powerMean !== null && recs.powerMean > 0 ? Math.round(recs.powerMean) : null;
    activities.push(a);
    if (!warnings.includes('truncated')) warnings.push('truncated');
  }
  const expect: FileExpectation = { activities, warnings };
  if (!activities.length) expect.skippedReason = facts.errors.length ? 'malformed_fit' : 'no_activity';
  if (activities.length > 1) expect.multisport = true;
  return expect;
}

// ---------------------------------------------------------------------------------------------
// GPX

export function expectFromGpx(trackFacts: GpxTrackFacts[]): FileExpectation {
  const activities: ExpectedActivity[] = [];
  trackFacts.forEach((t, i) => {
    if (t.pointsWithTime < 2 || !t.firstTime || !t.lastTime) return;
    const a: ExpectedActivity = {
      label: `trk ${i}${t.name ? ` "${t.name}"` : ''}`,
      sport: null,
      startTime: t.firstTime,
      distanceM: t.distanceCleanM,
      elapsedTimeS: (Date.parse(t.lastTime) - Date.parse(t.firstTime)) / 1000,
    };
    a.maxHr = t.hrMax;
    if (t.hrMax === null) a.avgHr = null;
    activities.push(a);
  });
  const warnings: string[] = [];
  if (trackFacts.some((t) => t.pointsWithoutTime > 0)) warnings.push('points_without_time');
  if (trackFacts.some((t) => t.speedGlitchPoints > 0)) warnings.push('speed_glitch');
  const expect: FileExpectation = { activities, warnings };
  if (!activities.length) expect.skippedReason = 'no_activity';
  return expect;
}

// ---------------------------------------------------------------------------------------------
// TCX

const TCX_FAMILY: Record<string, Family> = { Running: 'run', Biking: 'ride' };

export function expectFromTcx(activityFacts: TcxActivityFacts[]): FileExpectation {
  const activities: ExpectedActivity[] = activityFacts.map((f, i) => {
    const startIso = f.firstLapStart ?? f.id ?? f.firstPointTime ?? '';
    const start = Date.parse(startIso);
    const span = f.lastPointTime ? (Date.parse(f.lastPointTime) - start) / 1000 : 0;
    const a: ExpectedActivity = {
      label: `Activity ${i} (${f.sport ?? 'no sport'})`,
      sport: f.sport ? (TCX_FAMILY[f.sport] ?? null) : null,
      startTime: new Date(start).toISOString(),
      distanceM: f.lapDistanceM,
      elapsedTimeS: round(Math.max(f.lapTotalTimeS, span)),
      movingTimeS: f.lapTotalTimeS,
    };
    if (f.lapHrWeighted !== null) a.avgHr = Math.round(f.lapHrWeighted);
    const maxHr = f.lapMaxHr ?? f.pointHrMax;
    if (maxHr !== null && maxHr >= HR_MIN && maxHr <= HR_MAX) a.maxHr = maxHr;
    if (f.lapHrWeighted === null && f.pointHrMax === null) (a.avgHr = null), (a.maxHr = null);
    return a;
  });
  const warnings = activityFacts.some((f) => f.trackpointsWithoutTime > 0) ? ['points_without_time'] : [];
  const expect: FileExpectation = { activities, warnings };
  if (!activities.length) expect.skippedReason = 'no_activity';
  return expect;
}
