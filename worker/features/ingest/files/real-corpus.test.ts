// Real recordings from public open-source projects (corpus/real/README.md), each run through
// parseUpload and compared with expected.json — figures from an independent decoder
// (scripts/corpus/expected.ts: Garmin's FIT SDK directly, plain XML sums), never from our parsers.
//
// Tolerances: distance and times within 1 % (at least 1 m / 1 s), heart rate and power exact to
// rounding, climbing within 5 % (at least 1 m) where the file states its total ascent, start within
// 1 s. An expected `null` means the file has no such data and the importer must not invent it.
//
// Several cases fail against the parsers as they were when the corpus was added (file totals not
// winning, GPX tracks merged into one activity, multisport transitions imported as legs, …): they
// are the specification the parser rewrite works against. The `warnings` cases need the
// `UploadParse.warnings` list the parser rewrite adds (`{ name, reason, detail? }`, reasons from
// DATA_QUALITY_CODES), and fail until it exists.
import { Decoder, Stream } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import { deltaDecode } from '../../../lib/delta-code.ts';
import { type ActivityInput, POSITION_SCALE } from '../../activities/activity.types.ts';
import { opener } from '../../../testing/fixtures/files.ts';
import expectedJson from './corpus/real/expected.json';
import { type UploadParse, parseUpload } from './import-file.ts';

interface ExpectedActivity {
  label: string;
  sport: string | null;
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

interface ExpectedFile {
  kind: 'fit' | 'gpx' | 'tcx';
  bytes: number;
  sha256: string;
  expect: { activities: ExpectedActivity[]; warnings: string[]; skippedReason?: string; multisport?: true };
}

const EXPECTED = (expectedJson as unknown as { files: Record<string, ExpectedFile> }).files;

// `?url&inline` makes Vite hand every file over as a base64 data URL: bytes reach workerd without a
// binding or a config change (FIT files are binary, so `?raw` would not do).
const INLINE = import.meta.glob('./corpus/real/*.{fit,gpx,tcx}', { query: '?url&inline', import: 'default', eager: true }) as Record<
  string,
  string
>;

function bytesOf(file: string): Uint8Array {
  const url = INLINE[`./corpus/real/${file}`];
  if (!url) throw new Error(`corpus file ${file} is not in corpus/real/`);
  const comma = url.indexOf(',');
  const meta = url.slice(0, comma);
  const body = url.slice(comma + 1);
  if (!meta.endsWith(';base64')) return new TextEncoder().encode(decodeURIComponent(body));
  const binary = atob(body);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

async function importFile(file: string) {
  const parse = parseUpload({ name: file, open: opener(bytesOf(file)).open, fallbackTimeZone: 'UTC' });
  const activities: ActivityInput[] = [];
  for await (const activity of parse.activities) activities.push(activity);
  return { parse, activities };
}

const within = (actual: number | null | undefined, expected: number, relative: number, absolute: number) =>
  typeof actual === 'number' && Math.abs(actual - expected) <= Math.max(Math.abs(expected) * relative, absolute);
const rounded = (actual: number | null | undefined, expected: number | null) =>
  expected === null ? actual === null || actual === undefined : typeof actual === 'number' && Math.round(actual) === expected;

/**
 * The activity seen through the expected figures: each expected field takes the expected value when
 * the actual one is within tolerance, the actual value otherwise — so a failing diff shows exactly
 * the figures that are off, with what the importer produced.
 */
function seenAs(actual: ActivityInput | undefined, e: ExpectedActivity): Record<string, unknown> {
  if (!actual) return { label: e.label, missing: true };
  const view: Record<string, unknown> = { label: e.label };
  const start = actual.startTime.getTime();
  view.startTime = Math.abs(start - Date.parse(e.startTime)) <= 1000 ? e.startTime : actual.startTime.toISOString();
  view.sport = e.sport === null || actual.sport === e.sport ? e.sport : actual.sport;
  view.distanceM = within(actual.distanceM, e.distanceM, 0.01, 1) ? e.distanceM : actual.distanceM;
  view.elapsedTimeS = within(actual.elapsedTimeS, e.elapsedTimeS, 0.01, 1) ? e.elapsedTimeS : actual.elapsedTimeS;
  if (e.movingTimeS !== undefined)
    view.movingTimeS = within(actual.movingTimeS, e.movingTimeS, 0.01, 1) ? e.movingTimeS : actual.movingTimeS;
  for (const key of ['avgHr', 'maxHr', 'avgPower', 'normalizedPower'] as const) {
    const want = e[key];
    if (want === undefined) continue;
    view[key] = rounded(actual[key], want) ? want : (actual[key] ?? null);
  }
  if (e.elevationGainM !== undefined)
    view.elevationGainM = within(actual.elevationGainM, e.elevationGainM, 0.05, 1) ? e.elevationGainM : (actual.elevationGainM ?? null);
  return view;
}

function describeFile(file: string, f: ExpectedFile): string {
  const n = f.expect.activities.length;
  const notes = f.expect.warnings.length ? `, reports ${f.expect.warnings.join(' + ')}` : '';
  return `${file} → ${n ? `${n} ${n === 1 ? 'activity' : 'activities'}` : `skipped (${f.expect.skippedReason})`}${notes}`;
}

const cases = Object.entries(EXPECTED).map(([file, f]) => ({ file, f, name: describeFile(file, f) }));

describe('real recordings corpus (corpus/real, expected.json from an independent decoder)', () => {
  it('expected.json covers exactly the corpus files, byte for byte', () => {
    const onDisk = Object.keys(INLINE)
      .map((k) => k.slice('./corpus/real/'.length))
      .sort();
    expect(Object.keys(EXPECTED).sort()).toEqual(onDisk);
    for (const [file, f] of Object.entries(EXPECTED)) expect(bytesOf(file).length, file).toBe(f.bytes);
  });

  it.each(cases)('$name', async ({ file, f }) => {
    const { parse, activities } = await importFile(file);
    const want = f.expect.activities;
    if (!want.length) {
      expect(activities).toEqual([]);
      expect(parse.skipped.map((s) => s.reason)).toContain(f.expect.skippedReason);
      return;
    }
    const { matched, extra } = match(activities, want);
    // One comparison for the whole file, so a failure lists every figure that is off at once.
    expect({
      activities: activities.length,
      figures: want.map((e, i) => seenAs(matched[i], e)),
      unexpected: extra.map(brief),
      skipped: parse.skipped,
    }).toEqual({
      activities: want.length,
      figures: want.map(pick),
      unexpected: [],
      skipped: [],
    });
  });

  it.each(cases.filter(({ f }) => f.expect.multisport))('$file: the legs share one multisportGroup', async ({ file }) => {
    const { activities } = await importFile(file);
    const groups = new Set(activities.map((a) => a.multisportGroup));
    expect([...groups]).toHaveLength(1);
    expect([...groups][0]).toEqual(expect.any(String));
  });

  it.each(['activity-small-fenix2-run.fit', '2019-02-17-062644-ELEMNT-297E-195-0.fit'])(
    '%s: the streams keep each record’s position and the distance covered',
    async (file) => {
      const [a] = (await importFile(file)).activities;
      const s = a!.streams!;
      const { messages } = new Decoder(Stream.fromByteArray(bytesOf(file))).read({
        applyScaleAndOffset: true,
        convertDateTimesToDates: true,
      });
      // The SDK's message types are loose (every field optional).
      const recs = messages.recordMesgs as { timestamp: Date; distance?: number; positionLat?: number; positionLong?: number }[];
      const t0 = recs[0]!.timestamp.getTime();
      const bySecond = new Map(recs.map((r) => [Math.round((r.timestamp.getTime() - t0) / 1000), r]));
      const lat = deltaDecode(s.latE6Delta!);
      const lng = deltaDecode(s.lngE6Delta!);
      const distanceDm = deltaDecode(s.distanceDmDelta!);
      const semicircles = 2 ** 31 / 180;
      let compared = 0;
      s.t.forEach((sec, i) => {
        const r = bySecond.get(sec);
        if (r?.positionLat === undefined || r.positionLong === undefined) return;
        expect(Math.abs(lat[i]! / POSITION_SCALE - r.positionLat / semicircles)).toBeLessThanOrEqual(1e-6);
        expect(Math.abs(lng[i]! / POSITION_SCALE - r.positionLong / semicircles)).toBeLessThanOrEqual(1e-6);
        compared++;
      });
      expect(compared).toBeGreaterThan(s.t.length * 0.9);
      for (let i = 1; i < distanceDm.length; i++) expect(distanceDm[i]!).toBeGreaterThanOrEqual(distanceDm[i - 1]!);
      // The device's distance less the GPS-settling jumps the plausibility layer drops (80 m of the run's first seconds).
      const measured = recs.filter((r) => r.distance !== undefined);
      const recorded = measured.at(-1)!.distance! - measured[0]!.distance!;
      expect(distanceDm.at(-1)! / 10).toBeGreaterThan(recorded * 0.98);
      expect(distanceDm.at(-1)! / 10).toBeLessThanOrEqual(recorded + 0.1);
    },
  );

  // Needs UploadParse.warnings (parser rewrite): files with a problem say so, files without don't.
  it.each(cases.filter(({ f }) => f.expect.warnings.length))('$file reports $f.expect.warnings in parse.warnings', async ({ file, f }) => {
    const { parse } = await importFile(file);
    const warnings = (parse as UploadParse & { warnings?: { name: string; reason: string; detail?: string }[] }).warnings;
    expect(warnings, 'UploadParse.warnings is not there yet').toBeDefined();
    expect((warnings ?? []).map((w) => w.reason)).toEqual(expect.arrayContaining(f.expect.warnings));
  });
});

/** The expected activity as the view shows it when every figure is within tolerance. */
function pick(e: ExpectedActivity): Record<string, unknown> {
  const out: Record<string, unknown> = {
    label: e.label,
    startTime: e.startTime,
    sport: e.sport,
    distanceM: e.distanceM,
    elapsedTimeS: e.elapsedTimeS,
  };
  if (e.movingTimeS !== undefined) out.movingTimeS = e.movingTimeS;
  for (const key of ['avgHr', 'maxHr', 'avgPower', 'normalizedPower'] as const) if (e[key] !== undefined) out[key] = e[key];
  if (e.elevationGainM !== undefined) out.elevationGainM = e.elevationGainM;
  return out;
}

/** Pairs each expected activity with the imported one starting closest to it (within 5 minutes). */
function match(activities: ActivityInput[], want: ExpectedActivity[]) {
  const unused = new Set(activities);
  const matched = want.map((e) => {
    const at = Date.parse(e.startTime);
    let best: ActivityInput | undefined;
    for (const a of unused) if (!best || Math.abs(a.startTime.getTime() - at) < Math.abs(best.startTime.getTime() - at)) best = a;
    if (!best || Math.abs(best.startTime.getTime() - at) > 300_000) return undefined;
    unused.delete(best);
    return best;
  });
  return { matched, extra: [...unused] };
}

function brief(a: ActivityInput) {
  return {
    startTime: a.startTime.toISOString(),
    sport: a.sport,
    sportOriginal: a.sportOriginal,
    distanceM: a.distanceM,
    elapsedTimeS: a.elapsedTimeS,
    movingTimeS: a.movingTimeS,
  };
}
