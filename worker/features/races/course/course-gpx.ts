// A race course from a GPX file: its track (<trk><trkseg><trkpt>) or, with no track, its route (<rte><rtept>), with
// or without times; elevation from <ele> when there is one. Read with ingest's streaming XML reader (no DTDs, no
// entity expansion, a byte cap) and measured with ingest's haversine, so a course and an activity measure alike.
import { AppError, ErrorCode } from '../../../lib/errors';
import { formatBytes } from '../../../lib/format';
import { FileParseError, haversineM, parseXmlStream } from '../../ingest';
import { type Course, type RawCoursePoint, buildCourse } from './course.calc';

/**
 * A course file up to 960 KiB: under the API's 1 MiB body limit with a form's overhead, and ~14,000 points with
 * elevation (a marathon at 1 Hz without times). A recorded track with times and sensors can be larger: export the
 * course as a route, or thin it.
 */
export const COURSE_MAX_BYTES = 960 * 1024;

/** What a GPX arrives as: its own type, XML of either kind, or bytes from a client that does not say. */
export const COURSE_TYPES = ['application/gpx+xml', 'application/xml', 'text/xml', 'application/octet-stream'];

export interface ParsedCourse {
  name: string | null;
  course: Course;
  /** Points read from the file, before thinning. */
  pointCount: number;
  source: 'track' | 'route';
}

export const courseError = (message: string) =>
  new AppError(ErrorCode.VALIDATION, `Course: ${message}`, { fields: [{ path: 'course', message }] });

const located = (lat: number, lon: number) => Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;

/** Parses the GPX; an AppError (400 naming `course`) when it is not GPX, too large, or has fewer than two points. */
export async function parseCourseGpx(chunks: AsyncIterable<Uint8Array>): Promise<ParsedCourse> {
  const names: Record<'metadata' | 'trk' | 'rte', string> = { metadata: '', trk: '', rte: '' };
  const track: RawCoursePoint[] = [];
  const route: RawCoursePoint[] = [];
  let point: RawCoursePoint | null = null;
  let tracks = 0;
  let routes = 0;
  let sawRoot = false;
  try {
    await parseXmlStream(
      chunks,
      {
        open(name, attrs, path) {
          if (!path.length) {
            if (name !== 'gpx') throw new FileParseError('malformed_xml', `the file is <${name}>, not GPX`);
            sawRoot = true;
          }
          if (name === 'trk') tracks++;
          if (name === 'rte') routes++;
          // One course: the first track's points (all its segments), else the first route's.
          const wanted = (name === 'trkpt' && tracks === 1) || (name === 'rtept' && routes === 1);
          if (!wanted) return;
          const lat = Number(attrs.lat);
          const lon = Number(attrs.lon);
          point = attrs.lat !== undefined && attrs.lon !== undefined && located(lat, lon) ? { lat, lon, ele: null, distanceM: 0 } : null;
        },
        close(name, text, path) {
          const parent = path[path.length - 1];
          if (name === 'name' && (parent === 'metadata' || parent === 'trk' || parent === 'rte')) names[parent] ||= text;
          if (name === 'ele' && point && (parent === 'trkpt' || parent === 'rtept')) {
            const v = Number(text);
            if (text && Number.isFinite(v)) point.ele = v;
          }
          if ((name === 'trkpt' || name === 'rtept') && point) {
            (name === 'trkpt' ? track : route).push(point);
            point = null;
          }
        },
      },
      COURSE_MAX_BYTES,
    );
  } catch (error) {
    if (!(error instanceof FileParseError)) throw error;
    if (error.reason === 'too_large')
      throw courseError(`the file is larger than ${formatBytes(COURSE_MAX_BYTES)}: export the course as a route, or thin the track`);
    throw courseError(`not a GPX file (${error.message})`);
  }
  if (!sawRoot) throw courseError('the file is empty: a GPX file is needed');
  const source = track.length ? 'track' : 'route';
  const points = track.length ? track : route;
  if (points.length === 0) throw courseError('the GPX has no track or route points with a latitude and longitude');
  if (points.length === 1) throw courseError('the GPX has one point: a course needs at least two');
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    b.distanceM = a.distanceM + haversineM(a.lat, a.lon, b.lat, b.lon);
  }
  return {
    name: (names.metadata || names[source === 'track' ? 'trk' : 'rte'] || null)?.slice(0, 120) ?? null,
    course: buildCourse(points),
    pointCount: points.length,
    source,
  };
}

/** A whole body as chunks (a string or bytes in tests, a request's stream or a form's file in use). */
export async function* chunksOf(body: ReadableStream<Uint8Array> | Blob | Uint8Array | string): AsyncIterable<Uint8Array> {
  if (typeof body === 'string') yield new TextEncoder().encode(body);
  else if (body instanceof Uint8Array) yield body;
  else {
    const stream = body instanceof Blob ? body.stream() : body;
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  }
}
