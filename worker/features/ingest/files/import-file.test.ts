import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ActivityInput } from '../../activities/activity.types.ts';
import {
  buildFit,
  garminExport,
  garminSummary,
  gpxRun,
  opener,
  smallFit,
  summariesFile,
  tcxRun,
  zipBomb,
} from '../../../testing/fixtures/files.ts';
import { type ParseUploadInput, parseUpload } from './import-file.ts';
import { UPLOAD_LIMITS } from './limits.ts';
import { ZipLimitError } from './types.ts';

async function run(bytes: Uint8Array, extra: Partial<ParseUploadInput> = {}) {
  const source = opener(bytes);
  const parse = parseUpload({ name: 'upload', open: source.open, fallbackTimeZone: 'Australia/Sydney', ...extra });
  const activities: ActivityInput[] = [];
  for await (const activity of parse.activities) activities.push(activity);
  return { parse, activities, opens: source.opens() };
}

const A = new Date('2024-06-01T20:30:00Z');
const B = new Date('2024-06-03T21:00:00Z');
const C = new Date('2024-06-05T21:00:00Z');

describe('parseUpload: Garmin export', () => {
  it('merges FIT detail into matching summaries, keeps the rest as summaries, and skips bad objects', async () => {
    const file0 = summariesFile([
      garminSummary({ activityId: 50001, start: A, offsetH: 10, name: 'Matched by name' }),
      garminSummary({ activityId: 50002, start: B, offsetH: 10, name: 'Matched by time' }),
      garminSummary({ activityId: 50003, start: new Date('2024-06-07T21:00:00Z'), offsetH: 10, name: 'Summary only' }),
    ]).replace(']}]', ', {"activityId": 7, "name": oops}]}]');
    const file1 = summariesFile([
      garminSummary({ activityId: 50004, start: new Date('2024-06-09T21:00:00Z'), offsetH: 10, type: 'road_biking' }),
    ]);
    const zip = garminExport({
      summaries: [file0, file1],
      fits: {
        'someone@example.com_50001.fit': buildFit({ start: A, laps: 3 }).bytes,
        'activity_b.fit': buildFit({ start: new Date(B.getTime() + 30_000), laps: 2 }).bytes,
        'orphan.fit': buildFit({ start: C, laps: 1, localOffsetS: 10 * 3600 }).bytes,
        'broken.fit': new Uint8Array([14, 16, 0, 0, 9, 0, 0, 0, 46, 70, 73, 84, 0, 0, 1, 2, 3]),
      },
    });
    const { parse, activities, opens } = await run(zip);
    expect(opens).toBe(2);
    expect(parse.kind).toBe('garmin_export');
    expect(parse.found).toBe(5);
    const byId = new Map(activities.map((a) => [a.externalId, a]));
    expect(byId.get('50001')).toMatchObject({
      source: 'garmin_export',
      name: 'Matched by name',
      detailComplete: true,
      distanceM: 2400,
      localStartDate: '2024-06-02',
    });
    expect(byId.get('50001')?.laps).toHaveLength(3);
    expect(byId.get('50002')).toMatchObject({ name: 'Matched by time', detailComplete: true, startTime: new Date(B.getTime() + 30_000) });
    expect(byId.get('50003')).toMatchObject({ detailComplete: false, distanceM: 5000, movingTimeS: 1490 });
    expect(byId.get('50004')).toMatchObject({ detailComplete: false, sport: 'ride' });
    const orphan = activities.find((a) => a.externalId.length === 64);
    expect(orphan).toMatchObject({ source: 'garmin_export', detailComplete: true, localStartDate: '2024-06-06' });
    expect(parse.skipped).toEqual([
      { name: 'DI_CONNECT/DI-Connect-Fitness/user_0_summarizedActivities.json#3', reason: 'malformed_json', detail: 'invalid JSON' },
      {
        name: 'DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/broken.fit',
        reason: 'malformed_fit',
        detail: expect.any(String),
      },
    ]);
  });

  it('parses a 10,000-summary export streaming (timed)', async () => {
    // Real summaries carry ~100 fields (~2 KB); the filler makes the JSON ~20 MB, like a real export.
    const filler = (i: number) =>
      Object.fromEntries(Array.from({ length: 80 }, (_, k) => [`metric${k}`, ((i * 7919 + k * 104729) % 100_000) / 7]));
    const summaries = Array.from({ length: 10_000 }, (_, i) => ({
      ...garminSummary({ activityId: 1_000_000 + i, start: new Date(Date.UTC(2015, 0, 1) + i * 86_400_000), offsetH: 1 }),
      ...filler(i),
    }));
    const files = [summariesFile(summaries.slice(0, 5000)), summariesFile(summaries.slice(5000))];
    const jsonBytes = files.reduce((n, f) => n + f.length, 0);
    const zip = garminExport({ summaries: files, fits: {} });
    const started = performance.now();
    let count = 0;
    const ids = new Set<string>();
    for await (const activity of parseUpload({ name: 'export.zip', open: opener(zip).open, fallbackTimeZone: 'UTC' }).activities) {
      count += 1;
      ids.add(activity.externalId);
    }
    const ms = performance.now() - started;
    console.log(`10,000-summary export: ${jsonBytes} bytes of JSON, ${zip.length} zipped, parsed in ${ms.toFixed(0)} ms`);
    expect(count).toBe(10_000);
    expect(ids.size).toBe(10_000);
  });
});

describe('parseUpload: single files and plain zips', () => {
  it('sniffs FIT, GPX and TCX by content, whatever the name', async () => {
    const fit = await run(buildFit({ start: A, localOffsetS: 10 * 3600 }).bytes, { name: 'x.bin' });
    expect(fit.parse.kind).toBe('fit');
    expect(fit.opens).toBe(1);
    expect(fit.activities).toMatchObject([{ source: 'fit_upload', distanceM: 2400, localStartDate: '2024-06-02' }]);
    const gpx = await run(strToU8(gpxRun(A).xml));
    expect(gpx.parse.kind).toBe('gpx');
    expect(gpx.activities).toMatchObject([{ source: 'gpx_upload', localStartDate: '2024-06-02' }]);
    const tcx = await run(strToU8(tcxRun(A)));
    expect(tcx.activities).toMatchObject([{ source: 'tcx_upload', distanceM: 2000 }]);
    const other = await run(strToU8('%PDF-1.7'), { name: 'scan.pdf' });
    expect(other.activities).toEqual([]);
    expect(other.parse.skipped).toEqual([{ name: 'scan.pdf', reason: 'unsupported_type' }]);
  });

  it('imports the good files of a zip and lists the rest with reasons', async () => {
    const zip = zipSync({
      'runs/a.fit': smallFit(),
      'runs/b.gpx': strToU8(gpxRun(B).xml),
      'runs/c.tcx': strToU8(tcxRun(C)),
      'runs/broken.gpx': strToU8('<gpx><trk>'),
      'runs/empty.gpx': strToU8('<gpx></gpx>'),
      'notes.txt': strToU8('hello'),
      '../evil.json': strToU8('{}'),
      '/abs.fit': smallFit(),
      '__MACOSX/._a.fit': strToU8('junk'),
    });
    const { parse, activities } = await run(zip);
    expect(parse.kind).toBe('zip');
    expect(activities.map((a) => a.source).sort()).toEqual(['fit_upload', 'gpx_upload', 'tcx_upload']);
    expect(parse.skipped.map((s) => `${s.reason} ${s.name}`).sort()).toEqual([
      'malformed_xml runs/broken.gpx',
      'no_activity runs/empty.gpx',
      'unsafe_name ../evil.json',
      'unsafe_name /abs.fit',
      'unsupported_type notes.txt',
    ]);
  });

  it('reports oversized files, archives that are not zips, and empty uploads', async () => {
    const zip = zipSync({ 'big.fit': smallFit(), 'ok.gpx': strToU8(gpxRun(B).xml), 'inner.zip': strToU8('not a zip at all') });
    const { parse, activities } = await run(zip, { limits: { ...UPLOAD_LIMITS, maxFitFileBytes: 100 } });
    expect(activities.map((a) => a.source)).toEqual(['gpx_upload']);
    expect(parse.skipped).toEqual([
      { name: 'big.fit', reason: 'too_large' },
      { name: 'inner.zip', reason: 'unsupported_type', detail: 'empty, or not a zip archive' },
    ]);
    const empty = await run(zipSync({}), { name: 'empty.zip' });
    expect(empty.parse.skipped).toEqual([{ name: 'empty.zip', reason: 'no_activity' }]);
    const large = await run(smallFit(), { name: 'big.fit', limits: { ...UPLOAD_LIMITS, maxFitFileBytes: 100 } });
    expect(large.parse.skipped).toMatchObject([{ name: 'big.fit', reason: 'too_large' }]);
  });

  it('re-importing the same bytes yields the same externalIds', async () => {
    const zip = zipSync({ 'a.fit': smallFit(), 'b.gpx': strToU8(gpxRun(B).xml) });
    const first = (await run(zip)).activities.map((a) => a.externalId);
    expect((await run(zip.slice())).activities.map((a) => a.externalId)).toEqual(first);
  });
});

describe('parseUpload: commit safety', () => {
  it('throws ZipLimitError on a bomb before yielding anything, even after valid entries', async () => {
    const zip = await zipBomb(32 * 1024 * 1024, { 'first.fit': smallFit(), 'second.gpx': strToU8(gpxRun(B).xml) });
    const parse = parseUpload({ name: 'bomb.zip', open: opener(zip).open, fallbackTimeZone: 'UTC' });
    const yielded: ActivityInput[] = [];
    const error = await (async () => {
      for await (const activity of parse.activities) yielded.push(activity);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZipLimitError);
    expect(error).toMatchObject({ limit: 'compressionRatio' });
    expect(yielded).toEqual([]);
    expect(parse.found).toBe(0);
  });

  it('throws before yielding when the whole archive crosses the total or entry caps', async () => {
    const zip = zipSync({ 'a.fit': smallFit(), 'b.fit': smallFit(new Date('2024-05-02T06:00:00Z')), 'c.gpx': strToU8(gpxRun(B).xml) });
    for (const limits of [{ maxTotalUncompressedBytes: 100_000 }, { maxEntries: 2 }, { maxActivitiesPerFile: 2 }]) {
      const parse = parseUpload({
        name: 'z.zip',
        open: opener(zip).open,
        fallbackTimeZone: 'UTC',
        limits: { ...UPLOAD_LIMITS, ...limits },
      });
      const iterator = parse.activities[Symbol.asyncIterator]();
      await expect(iterator.next()).rejects.toBeInstanceOf(ZipLimitError);
      expect(parse.found).toBe(0);
    }
  });
});
