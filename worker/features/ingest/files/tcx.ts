// Garmin Training Center (TCX) files: one activity per <Activity>. The file's own lap totals
// (distance, timer time, calories, heart rate) win; elevation gain and the averages the laps do
// not state are computed from the trackpoints after the plausibility rules (track.ts), and so is
// moving time when no lap states its time. A large disagreement between the two is noted, not
// hidden. Times are UTC, so the calendar date uses the caller's fallback time zone.
import {
  type ActivityInput,
  type ActivityLap,
  type DataQualityNote,
  inferSport,
  type Sport,
  sportFromType,
} from '../../activities/index.ts';
import { defaultName, localDateIn } from './common.ts';
import { type TrackFileOptions, inferredMessage } from './gpx.ts';
import { UPLOAD_LIMITS } from './limits.ts';
import { type TrackPoint, TrackBuilder } from './track.ts';
import { round2 } from './track-totals.ts';
import { FileParseError } from './types.ts';
import { parseXmlStream } from './xml.ts';

interface LapDraft {
  startMs: number;
  timeS?: number;
  distanceM?: number;
  calories?: number;
  avgHr?: number;
  maxHr?: number;
  avgSpeed?: number;
  avgPower?: number;
  cadence?: number;
}

interface ActivityDraft {
  sportAttr: string;
  idMs: number;
  laps: LapDraft[];
  track: TrackBuilder;
  untimed: number;
}

// Beyond these the file's totals and its samples tell different stories: say so.
const DISAGREE_TIME = { ratio: 0.2, minS: 120 };
const DISAGREE_DISTANCE = { ratio: 0.05, minM: 200 };

/** Throws FileParseError (`malformed_xml`, `no_activity`, `too_large`). */
export async function parseTcx(chunks: AsyncIterable<Uint8Array>, opts: TrackFileOptions): Promise<ActivityInput[]> {
  const limits = opts.limits ?? UPLOAD_LIMITS;
  const done: Omit<ActivityInput, 'externalId'>[] = [];
  let act: ActivityDraft | undefined;
  let lap: LapDraft | undefined;
  let point: TrackPoint | undefined;
  let sawRoot = false;

  const hash = await parseXmlStream(
    chunks,
    {
      open(name, attrs, path) {
        if (!path.length) {
          if (name !== 'TrainingCenterDatabase')
            throw new FileParseError('malformed_xml', `root element <${name}> is not <TrainingCenterDatabase>`);
          sawRoot = true;
        }
        if (name === 'Activity') act = { sportAttr: attrs.Sport ?? '', idMs: Number.NaN, laps: [], track: new TrackBuilder(), untimed: 0 };
        else if (name === 'Lap' && act) {
          lap = { startMs: Date.parse(attrs.StartTime ?? '') };
          act.laps.push(lap);
        } else if (name === 'Trackpoint') point = { timeMs: Number.NaN };
      },
      close(name, text, path) {
        const parent = path[path.length - 1] ?? '';
        const grand = path[path.length - 2] ?? '';
        const value = Number(text);
        const ok = text !== '' && Number.isFinite(value);
        if (name === 'Trackpoint') {
          if (point && act && Number.isFinite(point.timeMs)) act.track.add(point);
          else if (point && act) act.untimed += 1;
          point = undefined;
        } else if (name === 'Activity') {
          if (act) {
            const built = finish(act);
            if (built) done.push(built);
          }
          act = undefined;
          lap = undefined;
        } else if (name === 'Id' && parent === 'Activity' && act) act.idMs = Date.parse(text);
        else if (name === 'Time' && parent === 'Trackpoint' && point) point.timeMs = Date.parse(text);
        else if (point && ok) {
          if (name === 'LatitudeDegrees') point.lat = value;
          else if (name === 'LongitudeDegrees') point.lon = value;
          else if (name === 'AltitudeMeters') point.altitudeM = value;
          else if (name === 'DistanceMeters') point.distanceM = value;
          else if (name === 'Value' && parent === 'HeartRateBpm') point.hr = value;
          else if (name === 'Cadence' || name === 'RunCadence') point.cadence = value;
          else if (name === 'Speed') point.speedMps = value;
          else if (name === 'Watts') point.power = value;
        } else if (lap && ok && !point) {
          if (parent === 'Lap' && name === 'TotalTimeSeconds') lap.timeS = value;
          else if (parent === 'Lap' && name === 'DistanceMeters') lap.distanceM = value;
          else if (parent === 'Lap' && name === 'Calories') lap.calories = value;
          else if (parent === 'Lap' && name === 'Cadence') lap.cadence = value;
          else if (name === 'Value' && parent === 'AverageHeartRateBpm' && grand === 'Lap') lap.avgHr = value;
          else if (name === 'Value' && parent === 'MaximumHeartRateBpm' && grand === 'Lap') lap.maxHr = value;
          else if (name === 'AvgSpeed') lap.avgSpeed = value;
          else if (name === 'AvgWatts') lap.avgPower = value;
        }
      },
    },
    limits.maxActivityFileBytes,
  );

  if (!sawRoot) throw new FileParseError('malformed_xml', 'empty document');
  if (!done.length) throw new FileParseError('no_activity', 'no activity with a start time');

  function finish(a: ActivityDraft): Omit<ActivityInput, 'externalId'> | undefined {
    const named = sportFromType(a.sportAttr || 'other');
    const stated: Sport | undefined = named !== 'other' ? named : opts.sportHint;
    let sum = a.track.summary(limits.maxStreamPoints, stated);
    let sport = stated;
    if (!sport) {
      sport = inferSport(sum?.medianSpeedMps ?? null, sum?.p95SpeedMps ?? null);
      sum = a.track.summary(limits.maxStreamPoints, sport);
    }
    const startMs = [a.laps[0]?.startMs, a.idMs, sum?.startMs].find((ms) => ms !== undefined && Number.isFinite(ms));
    if (startMs === undefined) return undefined;
    const total = (pick: (l: LapDraft) => number | undefined) => {
      const values = a.laps.map(pick).filter((v): v is number => v !== undefined);
      return values.length ? values.reduce((x, y) => x + y, 0) : undefined;
    };
    const timerS = total((l) => l.timeS);
    const lapDistance = total((l) => l.distanceM);
    const hrWeight = total((l) => (l.avgHr !== undefined && l.timeS !== undefined ? l.timeS : undefined));
    const hrSum = total((l) => (l.avgHr !== undefined && l.timeS !== undefined ? l.avgHr * l.timeS : undefined));
    const lapMax = a.laps.map((l) => l.maxHr).filter((v): v is number => v !== undefined);
    const start = new Date(startMs);
    const moving = sum && sum.points > 1 && sum.movingS > 0 ? sum.movingS : undefined;
    const notes: DataQualityNote[] = [...(sum?.notes ?? [])];
    if (a.untimed)
      notes.push({ code: 'points_without_time', message: `${a.untimed} trackpoints without a time left out`, count: a.untimed });
    if (!stated) notes.push({ code: 'sport_inferred', message: inferredMessage(sport, sum?.medianSpeedMps ?? null) });
    if (
      timerS !== undefined &&
      moving !== undefined &&
      Math.abs(timerS - moving) > Math.max(DISAGREE_TIME.minS, DISAGREE_TIME.ratio * timerS)
    ) {
      notes.push({
        code: 'totals_disagree',
        message: `The file's lap times say ${clock(timerS)} and its trackpoints ${clock(moving)} of moving: the file's figure is used`,
      });
    }
    if (
      lapDistance !== undefined &&
      sum &&
      sum.distanceM > 0 &&
      Math.abs(lapDistance - sum.distanceM) > Math.max(DISAGREE_DISTANCE.minM, DISAGREE_DISTANCE.ratio * lapDistance)
    ) {
      notes.push({
        code: 'totals_disagree',
        message: `The file's laps say ${km(lapDistance)} and its trackpoints ${km(sum.distanceM)}: the file's figure is used`,
      });
    }
    return {
      source: 'tcx_upload',
      sport,
      sportOriginal: a.sportAttr || sport,
      name: defaultName(sport),
      startTime: start,
      localStartDate: localDateIn(start, opts.fallbackTimeZone),
      timezone: null,
      // Lap TotalTimeSeconds is the device's timer time: the file's own moving time.
      movingTimeS: Math.round(timerS ?? moving ?? 0),
      elapsedTimeS: Math.round(Math.max(sum?.elapsedS ?? 0, timerS ?? 0)),
      distanceM: round2(lapDistance ?? sum?.distanceM ?? 0),
      elevationGainM: sum?.elevationGainM ?? null,
      avgHr: hrWeight ? Math.round((hrSum ?? 0) / hrWeight) : (sum?.avgHr ?? null),
      maxHr: lapMax.length ? Math.max(...lapMax) : (sum?.maxHr ?? null),
      avgPower: sum?.avgPower ?? null,
      avgCadence: sum?.avgCadence ?? null,
      calories: total((l) => l.calories) ?? null,
      detailComplete: true,
      laps: a.laps.map((l, index) => toLap(l, index, startMs)),
      streams: sum?.streams ?? null,
      ...(notes.length ? { dataQuality: notes } : {}),
      ...(stated ? {} : { sportInferred: true }),
    };
  }

  return done.map((a, i) => ({ ...a, externalId: i === 0 ? hash : `${hash}:${i}` }));
}

function toLap(l: LapDraft, index: number, fallbackStartMs: number): ActivityLap {
  const speed = l.avgSpeed ?? (l.distanceM !== undefined && l.timeS ? l.distanceM / l.timeS : undefined);
  return {
    index,
    startTime: new Date(Number.isFinite(l.startMs) ? l.startMs : fallbackStartMs).toISOString(),
    elapsedS: Math.round(l.timeS ?? 0),
    movingS: l.timeS === undefined ? null : Math.round(l.timeS),
    distanceM: l.distanceM ?? null,
    avgHr: l.avgHr ?? null,
    maxHr: l.maxHr ?? null,
    avgPower: l.avgPower ?? null,
    avgSpeedMps: speed === undefined ? null : round2(speed),
    avgCadence: l.cadence ?? null,
  };
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
const km = (m: number) => `${(m / 1000).toFixed(2)} km`;
