// `node scripts/corpus/expected.ts [dir]`: the expected figures of the real-recordings corpus
// (worker/features/ingest/files/corpus/real/), written to <dir>/expected.json.
//
// Independence is the point: nothing here comes from worker/. FIT files are decoded with Garmin's
// @garmin/fitsdk Decoder directly (the session/lap/record messages as the SDK gives them); GPX and
// TCX are read with the small tag scanner below and plain sums, so a bug in our parsers (or in
// saxes) cannot hide itself by producing the expected values too.
//
// Every file gets `facts` (what the file itself says, decoded) and `expect` (what an importer
// following the domain reference's "Real recordings" rules must produce from it):
// - FIT: one activity per session, transitions excepted (a multisport file yields its legs); the
//   session's own totals win (distance, timer time as moving time, elapsed, HR, power, ascent). A
//   file without a session (cut short) is one activity from its records, and must be reported as
//   truncated. HR outside 25–230 bpm and 0 W "averages" are absent, not values.
// - GPX: one activity per <trk> with at least two timed points; distance is the haversine sum
//   within each <trkseg> over the timed points, leaving out points that would mean more than
//   30 m/s (GPS glitches, reported as such); points without <time> must be reported.
// - TCX: one activity per <Activity>; the laps' TotalTimeSeconds and DistanceMeters sums win; HR is
//   the lap average weighted by lap time, max HR the laps' maximum.
import { Decoder, Stream } from '@garmin/fitsdk';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DEFAULT_DIR = fileURLToPath(new URL('../../worker/features/ingest/files/corpus/real/', import.meta.url));
const dir = (process.argv.slice(2).find((a) => !a.startsWith('--')) ?? DEFAULT_DIR).replace(/\/?$/, '/');

const R_EARTH_M = 6_371_000; // mean Earth radius (IUGG)
const HR_MIN = 25;
const HR_MAX = 230;
/** Faster than any human-powered sport between two GPS points (the domain reference's "30+ m/s"). */
const MAX_GROUND_SPEED_MPS = 30;

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

interface FileExpectation {
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
// FIT (through the official SDK)

const FIT_FAMILY: Record<string, Family> = {
  running: 'run',
  cycling: 'ride',
  eBiking: 'ride',
  swimming: 'swim',
  walking: 'walk',
  hiking: 'hike',
  training: 'strength',
};

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : undefined);
const hrOrUndefined = (v: unknown) => (typeof v === 'number' && v >= HR_MIN && v <= HR_MAX ? v : undefined);
const positive = (v: unknown) => (typeof v === 'number' && v > 0 ? v : undefined);

function fit(bytes: Uint8Array) {
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

  const activities: ExpectedActivity[] = [];
  const warnings: string[] = [];
  if (!integrity || errors.length) warnings.push('truncated');
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
  if (!activities.length) expect.skippedReason = errors.length ? 'malformed_fit' : 'no_activity';
  if (activities.length > 1) expect.multisport = true;
  return { facts, expect };
}

// ---------------------------------------------------------------------------------------------
// XML: a tag scanner (no entities beyond the five, no DTDs), enough for GPX and TCX.

interface XmlEvents {
  open(name: string, attrs: Record<string, string>, path: string[]): void;
  close(name: string, text: string, path: string[]): void;
}

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g;
const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const local = (name: string) => name.slice(name.indexOf(':') + 1);
const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

function scanXml(text: string, events: XmlEvents): string | undefined {
  const path: string[] = [];
  const texts: string[] = [];
  let root: string | undefined;
  for (const m of text.matchAll(TOKEN)) {
    if (m[6] !== undefined || m[1] !== undefined) {
      if (texts.length) texts[texts.length - 1] += m[1] ?? unescapeXml(m[6] ?? '');
      continue;
    }
    if (m[3] === undefined) continue; // comment, PI, doctype
    const name = local(m[3]);
    if (m[2] === '/') {
      const body = (texts.pop() ?? '').trim();
      path.pop();
      events.close(name, body, path);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[4] ?? '').matchAll(ATTR)) attrs[local(a[1] ?? '')] = unescapeXml(a[2] ?? a[3] ?? '');
    root ??= name;
    events.open(name, attrs, path);
    if (m[5] === '/') events.close(name, '', path);
    else {
      path.push(name);
      texts.push('');
    }
  }
  return root;
}

function haversine(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const toRad = Math.PI / 180;
  const h =
    Math.sin(((lat2 - lat1) * toRad) / 2) ** 2 +
    Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(((lon2 - lon1) * toRad) / 2) ** 2;
  return 2 * R_EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

// ---------------------------------------------------------------------------------------------
// GPX

interface GpxPoint {
  lat: number;
  lon: number;
  timeMs?: number;
  hr?: number;
  ele?: number;
}

function gpx(text: string) {
  const tracks: { name: string | null; type: string | null; segments: GpxPoint[][] }[] = [];
  let point: GpxPoint | undefined;
  let routes = 0;
  let waypoints = 0;
  const root = scanXml(text, {
    open(name, attrs, path) {
      const parent = path[path.length - 1];
      if (name === 'trk') tracks.push({ name: null, type: null, segments: [] });
      else if (name === 'trkseg') tracks[tracks.length - 1]?.segments.push([]);
      else if (name === 'trkpt') point = { lat: Number(attrs.lat), lon: Number(attrs.lon) };
      else if (name === 'rte') routes += 1;
      else if (name === 'wpt' && parent === 'gpx') waypoints += 1;
    },
    close(name, body, path) {
      const parent = path[path.length - 1];
      const trk = tracks[tracks.length - 1];
      if (name === 'trkpt' && point) {
        trk?.segments[trk.segments.length - 1]?.push(point);
        point = undefined;
      } else if (point && name === 'time' && parent === 'trkpt') {
        const ms = Date.parse(body);
        if (Number.isFinite(ms)) point.timeMs = ms;
      } else if (point && name === 'ele' && parent === 'trkpt' && body !== '') point.ele = Number(body);
      else if (point && name === 'hr' && body !== '') point.hr = Number(body);
      else if (trk && parent === 'trk' && name === 'name') trk.name = body;
      else if (trk && parent === 'trk' && name === 'type') trk.type = body;
    },
  });

  const trackFacts = tracks.map((t) => {
    const all = t.segments.flat();
    const timed = all.filter((p) => p.timeMs !== undefined);
    const located = (p: GpxPoint) => Number.isFinite(p.lat) && Number.isFinite(p.lon);
    const distance = (keep: (p: GpxPoint) => boolean) => {
      let sum = 0;
      for (const seg of t.segments) {
        const pts = seg.filter((p) => keep(p) && located(p));
        for (let i = 1; i < pts.length; i++) sum += haversine(pts[i - 1]!.lat, pts[i - 1]!.lon, pts[i]!.lat, pts[i]!.lon);
      }
      return round(sum);
    };
    // GPS glitches: a point that would mean moving faster than MAX_GROUND_SPEED_MPS from the last
    // point kept is left out (it and the jump back would otherwise add a phantom detour).
    let glitches = 0;
    let cleaned = 0;
    for (const seg of t.segments) {
      let last: GpxPoint | undefined;
      for (const p of seg) {
        if (p.timeMs === undefined || !located(p)) continue;
        if (!last) {
          last = p;
          continue;
        }
        const d = haversine(last.lat, last.lon, p.lat, p.lon);
        const dt = (p.timeMs - (last.timeMs as number)) / 1000;
        if (d > MAX_GROUND_SPEED_MPS * Math.max(dt, 1)) {
          glitches += 1;
          continue;
        }
        cleaned += d;
        last = p;
      }
    }
    const times = timed.map((p) => p.timeMs as number);
    let backwards = 0;
    let maxGapS = 0;
    const gaps: number[] = [];
    for (let i = 1; i < times.length; i++) {
      const d = (times[i]! - times[i - 1]!) / 1000;
      if (d < 0) backwards += 1;
      else gaps.push(d);
      maxGapS = Math.max(maxGapS, d);
    }
    gaps.sort((a, b) => a - b);
    const hr = timed.map((p) => p.hr).filter((v): v is number => v !== undefined);
    const plausibleHr = hr.filter((v) => v >= HR_MIN && v <= HR_MAX);
    return {
      name: t.name,
      type: t.type,
      segments: t.segments.length,
      points: all.length,
      pointsWithTime: timed.length,
      pointsWithoutTime: all.length - timed.length,
      firstTime: times.length ? new Date(times[0]!).toISOString() : null,
      lastTime: times.length ? new Date(times[times.length - 1]!).toISOString() : null,
      timesBackwards: backwards,
      medianIntervalS: gaps.length ? gaps[Math.floor(gaps.length / 2)] : null,
      maxIntervalS: maxGapS,
      distanceAllPointsM: distance(() => true),
      distanceTimedPointsM: distance((p) => p.timeMs !== undefined),
      speedGlitchPoints: glitches,
      distanceCleanM: round(cleaned),
      hrSamples: hr.length,
      hrMean: plausibleHr.length ? round(plausibleHr.reduce((a, b) => a + b, 0) / plausibleHr.length) : null,
      hrMax: plausibleHr.length ? Math.max(...plausibleHr) : null,
    };
  });

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
  return { facts: { root, tracks: trackFacts, routes, waypoints }, expect };
}

// ---------------------------------------------------------------------------------------------
// TCX

const TCX_FAMILY: Record<string, Family> = { Running: 'run', Biking: 'ride' };

interface TcxLap {
  startTime: string | null;
  totalTimeS: number | null;
  distanceM: number | null;
  avgHr: number | null;
  maxHr: number | null;
}

function tcx(text: string) {
  const acts: {
    sport: string | null;
    id: string | null;
    laps: TcxLap[];
    points: number;
    untimed: number;
    times: number[];
    hr: number[];
  }[] = [];
  let inPoint = false;
  let pointTimed = false;
  const root = scanXml(text, {
    open(name, attrs, path) {
      if (name === 'Activity' && path[path.length - 1] === 'Activities')
        acts.push({ sport: attrs.Sport ?? null, id: null, laps: [], points: 0, untimed: 0, times: [], hr: [] });
      const act = acts[acts.length - 1];
      if (!act) return;
      if (name === 'Lap')
        act.laps.push({ startTime: attrs.StartTime ?? null, totalTimeS: null, distanceM: null, avgHr: null, maxHr: null });
      else if (name === 'Trackpoint') {
        inPoint = true;
        pointTimed = false;
        act.points += 1;
      }
    },
    close(name, body, path) {
      const act = acts[acts.length - 1];
      if (!act) return;
      const parent = path[path.length - 1];
      const grand = path[path.length - 2];
      const lap = act.laps[act.laps.length - 1];
      const n = body === '' ? Number.NaN : Number(body);
      if (name === 'Trackpoint') {
        if (!pointTimed) act.untimed += 1;
        inPoint = false;
      } else if (inPoint) {
        if (name === 'Time' && parent === 'Trackpoint') {
          const ms = Date.parse(body);
          if (Number.isFinite(ms)) {
            act.times.push(ms);
            pointTimed = true;
          }
        } else if (name === 'Value' && parent === 'HeartRateBpm' && Number.isFinite(n)) act.hr.push(n);
      } else if (name === 'Id' && parent === 'Activity') act.id = body;
      else if (lap && parent === 'Lap' && Number.isFinite(n)) {
        if (name === 'TotalTimeSeconds') lap.totalTimeS = n;
        else if (name === 'DistanceMeters') lap.distanceM = n;
      } else if (lap && grand === 'Lap' && name === 'Value' && Number.isFinite(n)) {
        if (parent === 'AverageHeartRateBpm') lap.avgHr = n;
        else if (parent === 'MaximumHeartRateBpm') lap.maxHr = n;
      }
    },
  });

  const activityFacts = acts.map((a) => {
    const sum = (pick: (l: TcxLap) => number | null) => round(a.laps.reduce((s, l) => s + (pick(l) ?? 0), 0));
    const hrLaps = a.laps.filter((l) => l.avgHr !== null && l.totalTimeS !== null && l.totalTimeS > 0);
    const hrTime = hrLaps.reduce((s, l) => s + (l.totalTimeS ?? 0), 0);
    const lapMax = a.laps.map((l) => l.maxHr).filter((v): v is number => v !== null);
    const gaps: number[] = [];
    for (let i = 1; i < a.times.length; i++) gaps.push((a.times[i]! - a.times[i - 1]!) / 1000);
    gaps.sort((x, y) => x - y);
    return {
      sport: a.sport,
      id: a.id,
      laps: a.laps.length,
      lapTotalTimeS: sum((l) => l.totalTimeS),
      lapDistanceM: sum((l) => l.distanceM),
      lapHrWeighted: hrTime ? round(hrLaps.reduce((s, l) => s + (l.avgHr ?? 0) * (l.totalTimeS ?? 0), 0) / hrTime) : null,
      lapMaxHr: lapMax.length ? Math.max(...lapMax) : null,
      firstLapStart: a.laps[0]?.startTime ?? null,
      trackpoints: a.points,
      trackpointsWithoutTime: a.untimed,
      firstPointTime: a.times.length ? new Date(a.times[0]!).toISOString() : null,
      lastPointTime: a.times.length ? new Date(a.times[a.times.length - 1]!).toISOString() : null,
      medianIntervalS: gaps.length ? gaps[Math.floor(gaps.length / 2)] : null,
      pointHrMax: a.hr.length ? Math.max(...a.hr) : null,
    };
  });

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
  return { facts: { root, activities: activityFacts }, expect };
}

// ---------------------------------------------------------------------------------------------

const out: Record<string, unknown> = {};
const files = readdirSync(dir)
  .filter((f) => /\.(fit|gpx|tcx)$/i.test(f))
  .sort();
for (const file of files) {
  const bytes = new Uint8Array(readFileSync(dir + file));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const ext = (file.match(/\.(\w+)$/)?.[1] ?? '').toLowerCase();
  const decoded = ext === 'fit' ? fit(bytes) : ext === 'gpx' ? gpx(new TextDecoder().decode(bytes)) : tcx(new TextDecoder().decode(bytes));
  out[file] = { kind: ext, bytes: bytes.length, sha256, ...decoded };
}

const json = `${JSON.stringify(
  {
    generatedBy: 'node scripts/corpus/expected.ts',
    decoder: { fit: '@garmin/fitsdk Decoder', xml: 'scripts/corpus/expected.ts tag scanner' },
    files: out,
  },
  null,
  2,
)}\n`;
if (process.argv.includes('--stdout')) process.stdout.write(json);
else {
  writeFileSync(`${dir}expected.json`, json);
  console.log(`${files.length} files → ${dir}expected.json`);
}
