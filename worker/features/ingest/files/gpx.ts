// GPX 1.0/1.1 tracks: every <trkpt> of every <trk>/<trkseg> becomes one activity (a GPX file is
// one recording; routes and waypoints are ignored). Heart rate and cadence come from Garmin's
// TrackPointExtension (`gpxtpx:hr`, `gpxtpx:cad`), power from the common `<power>` extension.
// Distance, moving time and elevation gain are computed (rules in track.ts); the calendar date
// uses the caller's fallback time zone because GPX times are UTC with no zone.
import { type ActivityInput, type Sport, sportFromType } from '../../activities/activity.types.ts';
import { defaultName, localDateIn } from './common.ts';
import { UPLOAD_LIMITS, type UploadLimits } from './limits.ts';
import { type TrackPoint, TrackBuilder } from './track.ts';
import { FileParseError } from './types.ts';
import { parseXmlStream } from './xml.ts';

export interface TrackFileOptions {
  fallbackTimeZone: string;
  /** Sport to use when the file does not name one (e.g. picked by the athlete). */
  sportHint?: Sport;
  limits?: UploadLimits;
}

const POWER_TAGS = new Set(['power', 'PowerInWatts', 'watts']);

/** Throws FileParseError (`malformed_xml`, `no_activity`, `too_large`). */
export async function parseGpx(chunks: AsyncIterable<Uint8Array>, opts: TrackFileOptions): Promise<ActivityInput[]> {
  const limits = opts.limits ?? UPLOAD_LIMITS;
  const track = new TrackBuilder();
  let point: TrackPoint | undefined;
  let newSegment = false;
  let sawRoot = false;
  let trackName = '';
  let typeName = '';

  const hash = await parseXmlStream(
    chunks,
    {
      open(name, attrs, path) {
        if (!path.length) {
          if (name !== 'gpx') throw new FileParseError('malformed_xml', `root element <${name}> is not <gpx>`);
          sawRoot = true;
        }
        if (name === 'trkseg') newSegment = true;
        if (name === 'trkpt') {
          const lat = Number(attrs.lat);
          const lon = Number(attrs.lon);
          const located = attrs.lat !== undefined && attrs.lon !== undefined && Number.isFinite(lat) && Number.isFinite(lon);
          point = located ? { timeMs: Number.NaN, lat, lon, segmentStart: newSegment } : { timeMs: Number.NaN, segmentStart: newSegment };
        }
      },
      close(name, text, path) {
        const parent = path[path.length - 1];
        if (name === 'trkpt') {
          // A point without a time cannot be placed in the activity; it is left out.
          if (point && Number.isFinite(point.timeMs)) {
            track.add(point);
            newSegment = false;
          }
          point = undefined;
          return;
        }
        if (parent === 'trk' && name === 'name') trackName ||= text;
        if (parent === 'trk' && name === 'type') typeName ||= text;
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
  const sum = track.summary(limits.maxStreamPoints);
  if (!sum) throw new FileParseError('no_activity', 'no track point with a time');
  const sportOriginal = typeName || opts.sportHint || 'run';
  const named = sportFromType(sportOriginal);
  const sport = named === 'other' && !typeName ? (opts.sportHint ?? 'run') : named;
  const start = new Date(sum.startMs);
  return [
    {
      source: 'gpx_upload',
      externalId: hash,
      sport,
      sportOriginal,
      name: trackName || defaultName(sport),
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
    },
  ];
}
