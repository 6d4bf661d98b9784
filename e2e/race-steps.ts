// Files for the race-day story (issue 56): runs recorded as GPX at one point a second (the bests a prediction rests
// on, and the race itself), and a hilly course as a GPX route with no clock, as race organisers publish them.
// Distances are laid along a meridian in exact metres (the parser's haversine reads them back within millimetres).
const DEG_LAT_M = (6_371_008.8 * Math.PI) / 180;
const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="e2e" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">`;

type File = { name: string; mimeType: string; buffer: Buffer };
const fileOf = (name: string, body: string): File => ({
  name: `${name.toLowerCase().replace(/\W+/g, '-')}.gpx`,
  mimeType: 'application/gpx+xml',
  buffer: Buffer.from(`${HEADER}\n${body}</gpx>`),
});

/** The course's height at `m` metres: two climbs of 35 m over the half marathon, on a 20 m base. */
export const hillyElevation = (m: number) => 20 + 35 * Math.max(0, Math.sin((m / 21_098) * 4 * Math.PI));

/**
 * A run of `distanceM` in `seconds`, one point a second, ending `endsAgoS` seconds ago. `pace(x)` shapes the speed
 * over the run (x from 0 to 1; its mean need not be 1: the points are scaled to the distance).
 */
export function gpxRun(
  name: string,
  opts: { distanceM: number; seconds: number; endsAgoS: number; pace?: (x: number) => number; elevation?: (m: number) => number },
): File {
  const { distanceM, seconds } = opts;
  const shape = opts.pace ?? (() => 1);
  const speeds = Array.from({ length: seconds }, (_, s) => shape(s / seconds));
  const scale = distanceM / speeds.reduce((a, b) => a + b, 0);
  const startMs = Date.now() - (opts.endsAgoS + seconds) * 1000;
  const points: string[] = [];
  let m = 0;
  for (let s = 0; s <= seconds; s++) {
    const ele = opts.elevation?.(m) ?? 10;
    const time = new Date(startMs + s * 1000).toISOString();
    const hr = Math.round(150 + 20 * (s / seconds));
    points.push(
      `<trkpt lat="${(45 + m / DEG_LAT_M).toFixed(7)}" lon="7.0"><ele>${ele.toFixed(1)}</ele><time>${time}</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${hr}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>`,
    );
    if (s < seconds) m += speeds[s]! * scale;
  }
  return fileOf(name, `<trk><name>${name}</name><type>running</type><trkseg>${points.join('\n')}</trkseg></trk>`);
}

/** A course of `distanceM` as a GPX route: a point every 25 m with its height, no times. */
export function gpxCourse(name: string, distanceM: number, elevation: (m: number) => number): File {
  const points: string[] = [];
  for (let m = 0; m <= distanceM; m = Math.min(distanceM, m + 25)) {
    points.push(`<rtept lat="${(45 + m / DEG_LAT_M).toFixed(7)}" lon="7.0"><ele>${elevation(m).toFixed(1)}</ele></rtept>`);
    if (m === distanceM) break;
  }
  return fileOf(name, `<rte><name>${name}</name>${points.join('\n')}</rte>`);
}
