// The Strava sandbox's generated activities as the athlete's own Strava archive ("Download or delete
// your account" → Request archive: export_<athleteId>.zip), laid out as Strava lays it out (ADR 037):
// activities.csv (today's 103 columns, several repeated with other units; dates in UTC, written
// "May 9, 2023, 10:09:29 AM"; descriptions that span lines inside quotes), the original files under
// activities/ named by Strava's upload id (not the activity id), as .fit.gz, .gpx, .gpx.gz, .tcx.gz or
// .fit, manual entries without a file, and the account's other files (profile, gear, media, a route).
// The activity ids are the Strava sandbox's, so uploading the archive upgrades the API copies in place.
//
// Pure and deterministic (no clock, no I/O, fixed zip and gzip times; no `node:` imports, so tests in
// workerd use it). The CLI is strava-archive-cli.ts; the sandbox serves it at
// GET /strava/_control/athletes/{id}/archive.zip.
import { gzipSync, strToU8, zipSync, type Zippable } from 'fflate';
import { activityFit } from './garmin-fit.ts';
import { athleteProfile } from './strava/athlete.ts';
import { generateHistory } from './strava/generator.ts';
import type { GeneratedActivity } from './strava/generator.ts';
import { buildStreams } from './strava/streams.ts';
import type { Streams } from './strava/streams.ts';
import { routePoint } from './strava/streams-terrain.ts';

export { generateHistory };

/** activities.csv's header as Strava writes it today (103 columns, 2025–2026). */
export const ACTIVITIES_CSV_HEADER = [
  'Activity ID',
  'Activity Date',
  'Activity Name',
  'Activity Type',
  'Activity Description',
  'Elapsed Time',
  'Distance',
  'Max Heart Rate',
  'Relative Effort',
  'Commute',
  'Activity Private Note',
  'Activity Gear',
  'Filename',
  'Athlete Weight',
  'Bike Weight',
  'Elapsed Time',
  'Moving Time',
  'Distance',
  'Max Speed',
  'Average Speed',
  'Elevation Gain',
  'Elevation Loss',
  'Elevation Low',
  'Elevation High',
  'Max Grade',
  'Average Grade',
  'Average Positive Grade',
  'Average Negative Grade',
  'Max Cadence',
  'Average Cadence',
  'Max Heart Rate',
  'Average Heart Rate',
  'Max Watts',
  'Average Watts',
  'Calories',
  'Max Temperature',
  'Average Temperature',
  'Relative Effort',
  'Total Work',
  'Number of Runs',
  'Uphill Time',
  'Downhill Time',
  'Other Time',
  'Perceived Exertion',
  'Type',
  'Start Time',
  'Weighted Average Power',
  'Power Count',
  'Prefer Perceived Exertion',
  'Perceived Relative Effort',
  'Commute',
  'Total Weight Lifted',
  'From Upload',
  'Grade Adjusted Distance',
  'Weather Observation Time',
  'Weather Condition',
  'Weather Temperature',
  'Apparent Temperature',
  'Dewpoint',
  'Humidity',
  'Weather Pressure',
  'Wind Speed',
  'Wind Gust',
  'Wind Bearing',
  'Precipitation Intensity',
  'Sunrise Time',
  'Sunset Time',
  'Moon Phase',
  'Bike',
  'Gear',
  'Precipitation Probability',
  'Precipitation Type',
  'Cloud Cover',
  'Weather Visibility',
  'UV Index',
  'Weather Ozone',
  'Jump Count',
  'Total Grit',
  'Average Flow',
  'Flagged',
  'Average Elapsed Speed',
  'Dirt Distance',
  'Newly Explored Distance',
  'Newly Explored Dirt Distance',
  'Activity Count',
  'Total Steps',
  'Carbon Saved',
  'Pool Length',
  'Training Load',
  'Intensity',
  'Average Grade Adjusted Pace',
  'Timer Time',
  'Total Cycles',
  'Recovery',
  'With Pet',
  'Competition',
  'Long Run',
  'For a Cause',
  'With Kid',
  'Downhill Distance',
  'Total Sets',
  'Total Reps',
  'Media',
];

/** A cell's key: the header name, with `#2` for its second occurrence ("Distance#2" is metres). */
export type CsvRow = Record<string, string>;

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** activities.csv from rows keyed by header name (and `#n` occurrence); CRLF line ends, as Strava's. */
export function activitiesCsv(rows: CsvRow[], header: string[] = ACTIVITIES_CSV_HEADER): string {
  const keys: string[] = [];
  const seen = new Map<string, number>();
  for (const h of header) {
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    keys.push(n === 1 ? h : `${h}#${n}`);
  }
  const lines = [header.map(quote).join(',')];
  for (const row of rows) lines.push(keys.map((k) => quote(row[k] ?? '')).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "May 9, 2023, 10:09:29 AM": the English archive's date, in UTC. */
export function archiveDate(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = `${h % 12 || 12}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${clock}`;
}

/** The type as the archive writes it: Strava's display names ("Trail Run", "Virtual Ride"). */
const displayType = (sportType: string) => sportType.replace(/([a-z])([A-Z])/g, '$1 $2');

/** Strava names an original file by its upload id, which is not the activity id. */
export const uploadId = (a: GeneratedActivity): number => a.id * 3 + 7_000_000_000;

export type FileLayout = 'fit.gz' | 'gpx' | 'gpx.gz' | 'tcx.gz' | 'fit';
const CYCLE: FileLayout[] = ['fit.gz', 'gpx', 'gpx.gz', 'tcx.gz', 'fit'];

/** How activity i of a history is stored: indoor and pool sessions as FIT (there is no track for a GPX), others in turn. */
export function layoutOf(a: GeneratedActivity, i: number): FileLayout {
  if (!a.plan.start) return i % 2 ? 'fit' : 'fit.gz';
  return CYCLE[i % CYCLE.length]!;
}

const f1 = (x: number) => x.toFixed(1);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

const EARTH_M_PER_DEG = 111_320;

/**
 * Positions whose path is as long as the distance stream says. The sandbox's route is a wobbly loop
 * drawn by angle, a few per cent longer than the distance it is ridden for; a FIT or TCX file carries
 * the device's distance, but a GPX file has only its positions, and a phone's GPS track is as long as
 * the distance its app reports. So the loop is shrunk to that length and walked by arc length.
 */
export function trackPositions(a: GeneratedActivity, s: Streams): Float64Array | null {
  const start = a.plan.start;
  if (!start || !s.latlng) return null;
  const [lat0, lng0] = start;
  const cosLat = Math.cos((lat0 * Math.PI) / 180);
  const D = a.plan.distance;
  const K = 4000;
  const north = new Float64Array(K + 1);
  const east = new Float64Array(K + 1);
  const arc = new Float64Array(K + 1);
  for (let k = 0; k <= K; k++) {
    const [lat, lng] = routePoint(a.plan, (D * k) / K);
    north[k] = (lat - lat0) * EARTH_M_PER_DEG;
    east[k] = (lng - lng0) * EARTH_M_PER_DEG * cosLat;
    if (k > 0) arc[k] = arc[k - 1]! + Math.hypot(north[k]! - north[k - 1]!, east[k]! - east[k - 1]!);
  }
  const L = arc[K]! || 1;
  const shrink = D / L;
  const out = new Float64Array(2 * s.n);
  let k = 0;
  for (let i = 0; i < s.n; i++) {
    const target = Math.min(L, ((s.distance[i] ?? 0) / D) * L);
    while (k < K - 1 && arc[k + 1]! < target) k++;
    const span = arc[k + 1]! - arc[k]! || 1;
    const f = Math.min(1, Math.max(0, (target - arc[k]!) / span));
    const n = (north[k]! + f * (north[k + 1]! - north[k]!)) * shrink;
    const e = (east[k]! + f * (east[k + 1]! - east[k]!)) * shrink;
    out[2 * i] = lat0 + n / EARTH_M_PER_DEG;
    out[2 * i + 1] = lng0 + e / (EARTH_M_PER_DEG * cosLat);
  }
  return out;
}

/** Sample indexes a recording keeps: every `everyS`-th second (1: all of them), and always the last. */
const kept = (n: number, everyS: number) => Array.from({ length: n }, (_, i) => i).filter((i) => i % everyS === 0 || i === n - 1);

/**
 * A GPX 1.1 track as the Strava app writes it: position, elevation, time, heart rate and cadence per
 * point, every second (or every `everyS` seconds, as phones saving battery record).
 */
export function activityGpx(a: GeneratedActivity, s: Streams = buildStreams(a.seed, a.plan), everyS = 1): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">',
    ` <metadata><time>${iso(a.startMs)}</time></metadata>`,
    ` <trk><name>${escapeXml(a.name)}</name><type>${a.plan.sport === 'Ride' ? 'cycling' : 'running'}</type><trkseg>`,
  ];
  const ll = trackPositions(a, s);
  for (const i of kept(s.n, everyS)) {
    const lat = ll?.[2 * i] ?? 0;
    const lng = ll?.[2 * i + 1] ?? 0;
    const ext: string[] = [];
    if (s.heartrate) ext.push(`<gpxtpx:hr>${s.heartrate[i]}</gpxtpx:hr>`);
    ext.push(`<gpxtpx:cad>${s.cadence[i]}</gpxtpx:cad>`);
    const power = s.watts && a.plan.hasPowerMeter ? `<power>${s.watts[i]}</power>` : '';
    out.push(
      `  <trkpt lat="${lat.toFixed(7)}" lon="${lng.toFixed(7)}"><ele>${f1(s.altitude?.[i] ?? 0)}</ele><time>${iso(a.startMs + (s.time[i] ?? i) * 1000)}</time><extensions>${power}<gpxtpx:TrackPointExtension>${ext.join('')}</gpxtpx:TrackPointExtension></extensions></trkpt>`,
    );
  }
  out.push(' </trkseg></trk>', '</gpx>', '');
  return out.join('\n');
}

/** A TCX file with one lap and its track, as older Garmin and Polar software export them (a point every `everyS` seconds). */
export function activityTcx(a: GeneratedActivity, s: Streams = buildStreams(a.seed, a.plan), everyS = 1): string {
  const sport = a.plan.sport === 'Ride' ? 'Biking' : a.plan.sport === 'Run' ? 'Running' : 'Other';
  const st = a.stats;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">',
    ` <Activities><Activity Sport="${sport}"><Id>${iso(a.startMs)}</Id>`,
    `  <Lap StartTime="${iso(a.startMs)}"><TotalTimeSeconds>${a.movingTime}</TotalTimeSeconds><DistanceMeters>${f1(a.distance)}</DistanceMeters><Calories>${Math.round(st.calories)}</Calories>`,
    ...(st.averageHeartrate !== null
      ? [
          `   <AverageHeartRateBpm><Value>${Math.round(st.averageHeartrate)}</Value></AverageHeartRateBpm><MaximumHeartRateBpm><Value>${st.maxHeartrate}</Value></MaximumHeartRateBpm>`,
        ]
      : []),
    '   <Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod><Track>',
  ];
  const ll = trackPositions(a, s);
  for (const i of kept(s.n, everyS)) {
    const pos = ll
      ? `<Position><LatitudeDegrees>${(ll[2 * i] ?? 0).toFixed(7)}</LatitudeDegrees><LongitudeDegrees>${(ll[2 * i + 1] ?? 0).toFixed(7)}</LongitudeDegrees></Position>`
      : '';
    const hr = s.heartrate ? `<HeartRateBpm><Value>${s.heartrate[i]}</Value></HeartRateBpm>` : '';
    out.push(
      `    <Trackpoint><Time>${iso(a.startMs + (s.time[i] ?? i) * 1000)}</Time>${pos}<AltitudeMeters>${f1(s.altitude?.[i] ?? 0)}</AltitudeMeters><DistanceMeters>${f1(s.distance[i] ?? 0)}</DistanceMeters>${hr}<Cadence>${s.cadence[i]}</Cadence></Trackpoint>`,
    );
  }
  out.push('   </Track></Lap>', ' </Activity></Activities>', '</TrainingCenterDatabase>', '');
  return out.join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const DEFAULT_MTIME = new Date('2026-01-01T00:00:00Z');

/** The original file of an activity in its layout, compressed as the layout says. */
export function originalFile(a: GeneratedActivity, layout: FileLayout, mtime = DEFAULT_MTIME): Uint8Array {
  const [format, gz] = layout.split('.') as ['fit' | 'gpx' | 'tcx', string | undefined];
  const plain = format === 'fit' ? activityFit(a) : strToU8(format === 'gpx' ? activityGpx(a) : activityTcx(a));
  return gz ? gzipSync(plain, { level: 6, mtime }) : plain;
}

const gearName = (a: GeneratedActivity) =>
  a.gearId === null ? '' : a.gearId.startsWith('b') ? 'Road bike' : a.gearId.endsWith('02') ? 'Trail shoes' : 'Daily trainers';

/** The CSV row of an activity (every column Strava fills for such an activity; the rest empty). */
export function activityRow(a: GeneratedActivity, file: string | null): CsvRow {
  const st = a.stats;
  const swim = a.plan.sport === 'Swim';
  const hr = (x: number | null) => (x === null ? '' : f1(x));
  const p = athleteProfile(a.athleteId);
  return {
    'Activity ID': String(a.id),
    'Activity Date': archiveDate(a.startMs),
    'Activity Name': a.name,
    'Activity Type': displayType(a.sportType),
    'Activity Description': a.description,
    'Elapsed Time': String(a.elapsedTime),
    // The first Distance is in the account's display unit: km with two decimals, metres for swims.
    Distance: swim ? String(Math.round(a.distance)) : (a.distance / 1000).toFixed(2),
    'Max Heart Rate': hr(st.maxHeartrate),
    Commute: String(a.commute),
    'Activity Gear': gearName(a),
    Filename: file ?? '',
    'Athlete Weight': f1(p.weight),
    'Elapsed Time#2': f1(a.elapsedTime),
    'Moving Time': f1(a.movingTime),
    'Distance#2': f1(a.distance),
    'Max Speed': st.maxSpeed.toFixed(3),
    'Average Speed': st.averageSpeed.toFixed(3),
    'Elevation Gain': f1(st.totalElevationGain),
    'Elevation Loss': f1(st.totalElevationLoss),
    'Elevation Low': st.elevLow === null ? '' : f1(st.elevLow),
    'Elevation High': st.elevHigh === null ? '' : f1(st.elevHigh),
    'Average Cadence': f1(st.averageCadence),
    'Max Heart Rate#2': hr(st.maxHeartrate),
    'Average Heart Rate': hr(st.averageHeartrate),
    'Max Watts': st.maxWatts === null ? '' : f1(st.maxWatts),
    'Average Watts': st.averageWatts === null ? '' : f1(st.averageWatts),
    Calories: f1(st.calories),
    'Weighted Average Power': st.weightedAverageWatts === null ? '' : f1(st.weightedAverageWatts),
    'Commute#2': a.commute ? '1.0' : '0.0',
    'From Upload': '1.0',
    'Timer Time': f1(a.movingTime),
    Media: '',
  };
}

/** A manual entry (logged by hand on Strava): no file, the figures the athlete typed. */
export interface ManualEntry {
  id: number;
  startMs: number;
  name: string;
  type: string;
  elapsedS: number;
  distanceM?: number;
  description?: string;
}

export function manualRow(m: ManualEntry): CsvRow {
  return {
    'Activity ID': String(m.id),
    'Activity Date': archiveDate(m.startMs),
    'Activity Name': m.name,
    'Activity Type': m.type,
    'Activity Description': m.description ?? '',
    'Elapsed Time': String(m.elapsedS),
    Distance: m.distanceM ? (m.distanceM / 1000).toFixed(2) : '0.00',
    Commute: 'false',
    'Elapsed Time#2': f1(m.elapsedS),
    'Moving Time': f1(m.elapsedS),
    'Distance#2': f1(m.distanceM ?? 0),
    'Commute#2': '0.0',
    'From Upload': '0.0',
  };
}

export interface ArchiveOptions {
  /** Manual entries to list without a file (their ids must not be Strava-sandbox activity ids). */
  manual?: ManualEntry[];
  /** Activity ids listed with a file name whose file is left out of the zip (an archive cut short). */
  missing?: number[];
  /** Layout per activity (default layoutOf). */
  layout?: (a: GeneratedActivity, i: number) => FileLayout;
  /** The zip entries' modification time (fixed, so the bytes are reproducible). */
  mtime?: Date;
  /** Files already built (activity id → bytes), e.g. by worker threads. */
  built?: Map<number, Uint8Array>;
}

/** The archive's activities: the ones with a file and the manual ones, as `archiveZip` lists them (oldest first). */
export function archiveEntries(activities: GeneratedActivity[], opts: Pick<ArchiveOptions, 'layout'> = {}) {
  const layout = opts.layout ?? layoutOf;
  return [...activities]
    .sort((x, y) => x.startMs - y.startMs || x.id - y.id)
    .map((a, i) => ({ a, layout: layout(a, i), file: `activities/${uploadId(a)}.${layout(a, i)}` }));
}

/**
 * export_<athleteId>.zip: activities.csv (newest first, as Strava lists them), activities/ with the
 * originals, the manual entries' rows, and the account's other files.
 */
export function stravaArchiveZip(athleteId: number, activities: GeneratedActivity[], opts: ArchiveOptions = {}): Uint8Array {
  const mtime = opts.mtime ?? DEFAULT_MTIME;
  const missing = new Set(opts.missing ?? []);
  const entries = archiveEntries(activities, opts);
  const files: Zippable = {};
  const rows: { startMs: number; row: CsvRow }[] = [];
  for (const { a, layout, file } of entries) {
    rows.push({ startMs: a.startMs, row: activityRow(a, file) });
    if (missing.has(a.id)) continue;
    // Already-compressed files are stored, not deflated again (as Strava's zip does).
    files[file] = [opts.built?.get(a.id) ?? originalFile(a, layout, mtime), { level: layout.endsWith('.gz') ? 0 : 6 }];
  }
  for (const m of opts.manual ?? []) rows.push({ startMs: m.startMs, row: manualRow(m) });
  rows.sort((x, y) => y.startMs - x.startMs);
  const p = athleteProfile(athleteId);
  files['activities.csv'] = strToU8(activitiesCsv(rows.map((r) => r.row)));
  files['profile.csv'] = strToU8(
    `Athlete ID,Email Address,First Name,Last Name,Sex,Description,Weight,City,State,Country\r\n${athleteId},athlete${athleteId}@example.invalid,${p.firstname},${p.lastname},${p.sex},,${p.weight},${p.place.city},${p.place.state},${p.place.country}\r\n`,
  );
  files['bikes.csv'] = strToU8('Bike Name,Bike Brand,Bike Model,Bike Default Sport Types\r\nRoad bike,,,Ride\r\n');
  files['shoes.csv'] = strToU8(
    'Shoe Name,Shoe Brand,Shoe Model,Shoe Default Sport Types\r\nDaily trainers,,,Run\r\nTrail shoes,,,Trail Run\r\n',
  );
  files['media/1f0c2d7e-0000-4000-8000-000000000001.jpg'] = [new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), { level: 0 }];
  // A planned route: a GPX that is not an activity (no times), which an importer must leave alone.
  files['routes/1.gpx'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="StravaGPX" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Loop</name><trkseg><trkpt lat="51.5" lon="-0.1"/><trkpt lat="51.51" lon="-0.11"/></trkseg></trk></gpx>\n',
  );
  return zipSync(files, { level: 6, mtime });
}

/** The archive of a sandbox athlete as the Strava sandbox serves them: the same history, so every id matches. */
export interface SandboxArchive {
  athleteId: number;
  /** The sandbox's `activitiesPerAthlete` and `historyEnd`. */
  count: number;
  historyEnd: Date;
  /** Only activities starting at or after this (the sandbox's `historyStart`: older ones are not on its Strava). */
  since?: Date | null;
  /** Add two manual entries and leave one file out (default true): every layout variant in one archive. */
  variants?: boolean;
}

/**
 * Every layout variant in one archive: two manual entries (a gym session and a treadmill run typed in
 * by hand, on days of their own, with ids beyond any generated one) and the newest session's file
 * left out (an archive cut short, or a file Strava no longer has).
 */
export function archiveVariants(athleteId: number, activities: GeneratedActivity[]): ArchiveOptions {
  if (activities.length === 0) return {};
  const oldestFirst = [...activities].sort((x, y) => x.startMs - y.startMs);
  const newest = oldestFirst.at(-1)!;
  const first = oldestFirst[0]!;
  const base = athleteId * 100_000 + 99_000;
  const manual: ManualEntry[] = [
    { id: base + 1, startMs: first.startMs + 86_400_000 / 2, name: 'Gym: legs and core', type: 'Weight Training', elapsedS: 2700 },
    {
      id: base + 2,
      startMs: newest.startMs - 86_400_000 / 2,
      name: 'Treadmill, watch forgot to record',
      type: 'Run',
      elapsedS: 1800,
      distanceM: 5000,
      description: 'Entered by hand.\nFelt easy.',
    },
  ];
  return { manual, missing: [newest.id] };
}

/** The activities and options of a sandbox athlete's archive; `stravaArchiveZip(athleteId, …)` makes the bytes. */
export function sandboxArchive(s: SandboxArchive): { activities: GeneratedActivity[]; opts: ArchiveOptions } {
  const since = s.since?.getTime() ?? Number.NEGATIVE_INFINITY;
  const activities = generateHistory(s.athleteId, { count: s.count, endDate: s.historyEnd }).filter((a) => a.startMs >= since);
  return { activities, opts: s.variants === false ? {} : archiveVariants(s.athleteId, activities) };
}
