import { describe, expect, it } from 'vitest';
import { chunksOf, gpxRun, tcxRun } from '../../../testing/fixtures/files.ts';
import { sha256Hex } from '../../../lib/crypto.ts';
import { parseGpx } from './gpx.ts';
import { UPLOAD_LIMITS } from './limits.ts';
import { parseTcx } from './tcx.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseGpx', () => {
  it('computes distance (haversine), moving time (the stop excluded; the GPS gap was covered at running speed, so it counts) and elevation gain (2 m hysteresis)', async () => {
    // 04:30Z on 2024-03-10 is 23:30 EST on the 9th in New York (DST starts later that night).
    const run = gpxRun(new Date('2024-03-10T04:30:00Z'));
    const file = bytes(run.xml);
    const [activity] = await parseGpx(chunksOf(file, 1000), { fallbackTimeZone: 'America/New_York' });
    expect(activity).toMatchObject({
      source: 'gpx_upload',
      externalId: await sha256Hex(file),
      sport: 'run',
      sportOriginal: 'running',
      name: 'Harbour 5k',
      startTime: new Date('2024-03-10T04:30:00Z'),
      localStartDate: '2024-03-09',
      elapsedTimeS: 1280,
      movingTimeS: 1250,
      elevationGainM: 30,
      maxHr: 159,
      avgHr: run.avgHr,
      avgCadence: 85,
      avgPower: null,
      detailComplete: true,
    });
    expect(activity?.distanceM).toBeCloseTo(5000, 1);
    const streams = activity?.streams;
    expect(streams?.t).toHaveLength(1281 - 19);
    expect(streams?.t.at(-1)).toBe(1280);
    expect(streams?.speedCms?.slice(1, 4)).toEqual([400, 400, 400]);
    expect(streams?.altitudeDm?.[0]).toBe(500);
    expect(streams?.power).toBeUndefined();
  });

  it('is idempotent by content and independent of chunking', async () => {
    const file = bytes(gpxRun(new Date('2024-06-01T13:30:00Z')).xml);
    const [a] = await parseGpx(chunksOf(file, 7), { fallbackTimeZone: 'Australia/Sydney' });
    const [b] = await parseGpx(chunksOf(file), { fallbackTimeZone: 'Australia/Sydney' });
    expect(a?.externalId).toBe(b?.externalId);
    expect(a?.distanceM).toBe(b?.distanceM);
    expect(a?.localStartDate).toBe('2024-06-01'); // 23:30 in Sydney
  });

  it('takes the sport from <type>, else the caller, else run', async () => {
    const start = new Date('2024-06-01T06:00:00Z');
    const typed = gpxRun(start, { type: 'hiking' }).xml;
    const untyped = gpxRun(start, { type: null }).xml;
    expect((await parseGpx(chunksOf(bytes(typed)), { fallbackTimeZone: 'UTC' }))[0]?.sport).toBe('hike');
    expect((await parseGpx(chunksOf(bytes(untyped)), { fallbackTimeZone: 'UTC', sportHint: 'walk' }))[0]?.sport).toBe('walk');
    expect((await parseGpx(chunksOf(bytes(untyped)), { fallbackTimeZone: 'UTC' }))[0]?.sport).toBe('run');
  });

  it('rejects malformed XML, other roots and files without a timed point', async () => {
    const parse = (xml: string) => parseGpx(chunksOf(bytes(xml)), { fallbackTimeZone: 'UTC' });
    await expect(parse('<gpx><trk><trkseg><trkpt lat="1" lon="2"></trk></gpx>')).rejects.toMatchObject({ reason: 'malformed_xml' });
    await expect(parse('<gpx><trk>&undefined;</trk></gpx>')).rejects.toMatchObject({ reason: 'malformed_xml' });
    await expect(parse('<kml></kml>')).rejects.toMatchObject({ reason: 'malformed_xml' });
    await expect(parse('<gpx><trk><trkseg><trkpt lat="1" lon="2"/></trkseg></trk></gpx>')).rejects.toMatchObject({ reason: 'no_activity' });
    const big = gpxRun(new Date('2024-06-01T06:00:00Z')).xml;
    const limits = { ...UPLOAD_LIMITS, maxActivityFileBytes: 1000 };
    await expect(parseGpx(chunksOf(bytes(big)), { fallbackTimeZone: 'UTC', limits })).rejects.toMatchObject({ reason: 'too_large' });
  });
});

describe('parseTcx', () => {
  it('reads laps and totals, and computes what laps do not state', async () => {
    const file = bytes(tcxRun(new Date('2024-06-01T13:30:00Z')));
    const [activity, ...rest] = await parseTcx(chunksOf(file, 4096), { fallbackTimeZone: 'Australia/Sydney' });
    expect(rest).toEqual([]);
    expect(activity).toMatchObject({
      source: 'tcx_upload',
      externalId: await sha256Hex(file),
      sport: 'run',
      sportOriginal: 'Running',
      startTime: new Date('2024-06-01T13:30:00Z'),
      localStartDate: '2024-06-01',
      distanceM: 2000,
      elapsedTimeS: 490,
      movingTimeS: 490,
      calories: 118,
      avgHr: 153,
      maxHr: 165,
      avgPower: 250,
      avgCadence: 86,
      detailComplete: true,
    });
    expect(activity?.laps).toEqual([
      {
        index: 0,
        startTime: '2024-06-01T13:30:00.000Z',
        elapsedS: 250,
        movingS: 250,
        distanceM: 1000,
        avgHr: 150,
        maxHr: 160,
        avgPower: null,
        avgSpeedMps: 4,
        avgCadence: null,
      },
      {
        index: 1,
        startTime: '2024-06-01T13:34:10.000Z',
        elapsedS: 240,
        movingS: 240,
        distanceM: 1000,
        avgHr: 156,
        maxHr: 165,
        avgPower: null,
        avgSpeedMps: 4.17,
        avgCadence: null,
      },
    ]);
    expect(activity?.streams?.t).toHaveLength(491);
    expect(activity?.streams?.speedCms?.[300]).toBe(417);
    expect(activity?.streams?.power?.[0]).toBe(250);
  });

  it('rejects malformed TCX', async () => {
    const parse = (xml: string) => parseTcx(chunksOf(bytes(xml)), { fallbackTimeZone: 'UTC' });
    await expect(parse('<TrainingCenterDatabase><Activities><Activity Sport="Running">')).rejects.toMatchObject({
      reason: 'malformed_xml',
    });
    await expect(parse('<TrainingCenterDatabase><Activities/></TrainingCenterDatabase>')).rejects.toMatchObject({ reason: 'no_activity' });
  });
});
