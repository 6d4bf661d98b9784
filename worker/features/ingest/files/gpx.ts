// GPX 1.0/1.1 tracks: each <trk> is its own activity (a file can hold several recordings, often of
// different days); the <trkseg>s of one track are one activity whose segment breaks are pauses.
// Routes and waypoints are ignored. Heart rate and cadence come from Garmin's TrackPointExtension
// (`gpxtpx:hr`, `gpxtpx:cad`), power from the common `<power>` extension. Distance, moving time and
// elevation gain are computed after the plausibility rules (track.ts); the calendar date uses the
// caller's fallback time zone because GPX times are UTC with no zone.
//
// Points without a <time> between two timed points of a segment get a time interpolated by
// distance (the athlete was there, the device just did not say when); untimed points before the
// first or after the last timed point cannot be placed and are left out. Both are reported, and
// a track with no time at all (a planned route) is left out with a warning.
import { type ActivityInput, inferSport, type Sport, sportFromType } from '../../activities/index.ts';
import { defaultName, localDateIn } from './common.ts';
import { UPLOAD_LIMITS, type UploadLimits } from './limits.ts';
import { type TrackPoint, type TrackSummary, TrackBuilder } from './track.ts';
import { haversineM } from './track-motion.ts';
import { FileParseError, type WarningSink } from './types.ts';
import { parseXmlStream } from './xml.ts';

export interface TrackFileOptions {
  fallbackTimeZone: string;
  /** Sport to use when the file does not name one (e.g. picked by the athlete). */
  sportHint?: Sport;
  limits?: UploadLimits;
  /** Told what was left out of the file that no activity carries (e.g. a track without times). */
  warn?: WarningSink;
}

const POWER_TAGS = new Set(['power', 'PowerInWatts', 'watts']);

interface TrackDraft {
  name: string;
  type: string;
  builder: TrackBuilder;
  /** Untimed points waiting for the next timed point of their segment. */
  pending: TrackPoint[];
  lastTimed: TrackPoint | undefined;
  interpolated: number;
  leftOut: number;
  newSegment: boolean;
}

const newTrack = (): TrackDraft => ({
  name: '',
  type: '',
  builder: new TrackBuilder(),
  pending: [],
  lastTimed: undefined,
  interpolated: 0,
  leftOut: 0,
  newSegment: true,
});

/** Times for the untimed points between two timed ones, proportional to the distance covered. */
function placePending(tr: TrackDraft, next: TrackPoint): void {
  const from = tr.lastTimed;
  const chain = [from, ...tr.pending, next];
  const located = from !== undefined && chain.every((p) => p?.lat !== undefined && p.lon !== undefined);
  if (!from || !located) {
    tr.leftOut += tr.pending.length;
    tr.pending = [];
    return;
  }
  const steps = chain.slice(1).map((p, i) => haversineM(chain[i]!.lat!, chain[i]!.lon!, p!.lat!, p!.lon!));
  const total = steps.reduce((a, b) => a + b, 0);
  let covered = 0;
  tr.pending.forEach((p, i) => {
    covered += steps[i]!;
    const share = total > 0 ? covered / total : (i + 1) / (tr.pending.length + 1);
    p.timeMs = from.timeMs + share * (next.timeMs - from.timeMs);
    tr.builder.add(p);
  });
  tr.interpolated += tr.pending.length;
  tr.pending = [];
}

/** Throws FileParseError (`malformed_xml`, `no_activity`, `too_large`). */
export async function parseGpx(chunks: AsyncIterable<Uint8Array>, opts: TrackFileOptions): Promise<ActivityInput[]> {
  const limits = opts.limits ?? UPLOAD_LIMITS;
  const finished: TrackDraft[] = [];
  let track: TrackDraft | undefined;
  let point: TrackPoint | undefined;
  let sawRoot = false;

  const hash = await parseXmlStream(
    chunks,
    {
      open(name, attrs, path) {
        if (!path.length) {
          if (name !== 'gpx') throw new FileParseError('malformed_xml', `root element <${name}> is not <gpx>`);
          sawRoot = true;
        }
        if (name === 'trk') track = newTrack();
        if (name === 'trkseg' && track) {
          track.newSegment = true;
          track.leftOut += track.pending.length; // untimed points at a segment's end cannot be placed
          track.pending = [];
          track.lastTimed = undefined;
        }
        if (name === 'trkpt') {
          const lat = Number(attrs.lat);
          const lon = Number(attrs.lon);
          const located = attrs.lat !== undefined && attrs.lon !== undefined && Number.isFinite(lat) && Number.isFinite(lon);
          point = located ? { timeMs: Number.NaN, lat, lon } : { timeMs: Number.NaN };
        }
      },
      close(name, text, path) {
        const parent = path[path.length - 1];
        if (name === 'trkpt') {
          if (point && track) {
            if (track.newSegment) point.segmentStart = true;
            if (Number.isFinite(point.timeMs)) {
              if (track.pending.length) placePending(track, point);
              track.builder.add(point);
              track.lastTimed = point;
              track.newSegment = false;
            } else {
              track.pending.push(point);
            }
          }
          point = undefined;
          return;
        }
        if (name === 'trk' && track) {
          track.leftOut += track.pending.length;
          track.pending = [];
          finished.push(track);
          track = undefined;
          return;
        }
        if (parent === 'trk' && name === 'name' && track) track.name ||= text;
        if (parent === 'trk' && name === 'type' && track) track.type ||= text;
        if (!point) return;
        const value = Number(text);
        if (name === 'time' && parent === 'trkpt') point.timeMs = Date.parse(text);
        else if (!text || !Number.isFinite(value)) return;
        else if (name === 'ele' && parent === 'trkpt') point.altitudeM = value;
        else if (name === 'hr') point.hr = value;
        else if (name === 'cad') point.cadence = value;
        else if (POWER_TAGS.has(name)) point.power = value;
      },
    },
    limits.maxActivityFileBytes,
  );

  if (!sawRoot) throw new FileParseError('malformed_xml', 'empty document');
  const activities: Omit<ActivityInput, 'externalId'>[] = [];
  finished.forEach((tr, i) => {
    const label = tr.name ? `track "${tr.name}"` : `track ${i + 1}`;
    const built = finish(tr);
    if (built) activities.push(built);
    else opts.warn?.('points_without_time', `${label}: no point has a time (a planned route?), so it is not an activity`);
  });
  if (!activities.length) throw new FileParseError('no_activity', finished.length ? 'no track point has a time' : 'no track in the file');

  function finish(tr: TrackDraft): Omit<ActivityInput, 'externalId'> | undefined {
    const first = tr.builder.summary(limits.maxStreamPoints, sportOf(tr));
    if (!first) return undefined;
    let sport = sportOf(tr);
    let sum: TrackSummary = first;
    let inferred = false;
    if (!sport) {
      sport = inferSport(first.medianSpeedMps, first.p95SpeedMps);
      inferred = true;
      sum = tr.builder.summary(limits.maxStreamPoints, sport) ?? first;
    }
    const notes = [...sum.notes];
    if (tr.interpolated)
      notes.push({
        code: 'points_without_time',
        message: `${tr.interpolated} points without a time: placed between their neighbours by distance`,
        count: tr.interpolated,
      });
    if (tr.leftOut)
      notes.push({
        code: 'points_without_time',
        message: `${tr.leftOut} points without a time left out: nothing to place them by`,
        count: tr.leftOut,
      });
    if (inferred) notes.push({ code: 'sport_inferred', message: inferredMessage(sport, sum.medianSpeedMps) });
    const start = new Date(sum.startMs);
    return {
      source: 'gpx_upload',
      sport,
      sportOriginal: tr.type || (opts.sportHint ?? sport),
      name: tr.name || defaultName(sport),
      startTime: start,
      localStartDate: localDateIn(start, opts.fallbackTimeZone),
      timezone: null,
      movingTimeS: sum.movingS,
      elapsedTimeS: sum.elapsedS,
      distanceM: sum.distanceM,
      elevationGainM: sum.elevationGainM,
      avgHr: sum.avgHr,
      maxHr: sum.maxHr,
      avgPower: sum.avgPower,
      avgCadence: sum.avgCadence,
      detailComplete: true,
      laps: [],
      streams: sum.streams,
      ...(notes.length ? { dataQuality: notes } : {}),
      ...(inferred ? { sportInferred: true } : {}),
    };
  }

  function sportOf(tr: TrackDraft): Sport | undefined {
    const named = tr.type ? sportFromType(tr.type) : 'other';
    if (named !== 'other') return named;
    return opts.sportHint;
  }

  // The first activity keeps the whole file's hash as its id, so files imported before tracks were split keep theirs.
  return activities.map((a, i) => ({ ...a, externalId: i === 0 ? hash : `${hash}:${i}` }));
}

export function inferredMessage(sport: Sport, medianMps: number | null): string {
  const speed = medianMps === null ? '' : ` (typical moving speed ${(medianMps * 3.6).toFixed(1)} km/h)`;
  return sport === 'other'
    ? `No sport in the file, and its speed${speed} fits none: recorded as "other"`
    : `No sport in the file: ${sport} inferred from its speed${speed}`;
}
