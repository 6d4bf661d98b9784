import { describe, expect, it } from 'vitest';
import { buildFit } from '../../../testing/fixtures/files.ts';
import { parseFit } from './fit.ts';
import { FileParseError } from './types.ts';

const SYDNEY = 'Australia/Sydney';

describe('parseFit', () => {
  it('reads session totals, laps and 1 Hz streams', async () => {
    const { bytes, expected } = buildFit({
      start: new Date('2024-06-01T08:00:00Z'),
      durationS: 600,
      laps: 2,
      localOffsetS: 10 * 3600,
      pausedS: 15,
    });
    const [activity, ...rest] = await parseFit(bytes, { fallbackTimeZone: 'UTC' });
    expect(rest).toEqual([]);
    expect(activity).toMatchObject({
      source: 'fit_upload',
      sport: 'run',
      sportOriginal: 'running',
      name: 'Run',
      startTime: new Date('2024-06-01T08:00:00Z'),
      localStartDate: '2024-06-01',
      elapsedTimeS: 600,
      movingTimeS: 585,
      distanceM: 2400,
      elevationGainM: 42,
      avgHr: expected.avgHr,
      maxHr: 159,
      avgPower: 250,
      normalizedPower: 255,
      avgCadence: 85,
      calories: 150,
      detailComplete: true,
    });
    expect(expected).toMatchObject({ distanceM: 2400, elapsedS: 600, laps: 2 });
    expect(activity?.externalId).toMatch(/^[0-9a-f]{64}$/);
    expect(activity?.laps).toHaveLength(2);
    expect(activity?.laps?.[1]).toMatchObject({
      index: 1,
      startTime: '2024-06-01T08:05:00.000Z',
      elapsedS: 300,
      distanceM: 1200,
      avgSpeedMps: 4,
      avgHr: 145,
    });
    const streams = activity?.streams;
    expect(streams?.t).toHaveLength(601);
    expect(streams?.t.slice(0, 3)).toEqual([0, 1, 2]);
    expect(streams?.hr?.slice(0, 3)).toEqual([130, 131, 132]);
    expect(streams?.speedCms?.[10]).toBe(400);
    expect(streams?.power?.[5]).toBe(245);
    expect(streams?.cadence?.[0]).toBe(85);
    expect(streams?.altitudeDm?.slice(0, 3)).toEqual([1000, 1010, 1020]);
  });

  it('gives the same externalId for the same bytes, and a different one for other bytes', async () => {
    const spec = { start: new Date('2024-06-01T08:00:00Z'), durationS: 60 };
    const a = buildFit(spec).bytes;
    const [first] = await parseFit(a, { fallbackTimeZone: 'UTC' });
    const [again] = await parseFit(a.slice(), { fallbackTimeZone: SYDNEY });
    const [other] = await parseFit(buildFit({ ...spec, durationS: 61 }).bytes, { fallbackTimeZone: 'UTC' });
    expect(again?.externalId).toBe(first?.externalId);
    expect(other?.externalId).not.toBe(first?.externalId);
  });

  it('dates the run by local_timestamp across a date change (06:30 in Sydney is the previous UTC day)', async () => {
    const { bytes } = buildFit({ start: new Date('2024-06-01T20:30:00Z'), localOffsetS: 10 * 3600 });
    const [activity] = await parseFit(bytes, { fallbackTimeZone: 'UTC' });
    expect(activity?.localStartDate).toBe('2024-06-02');
  });

  it('falls back to the profile time zone when local_timestamp is missing or implausible', async () => {
    // 23:30 in Sydney; a +20 h "offset" would move it to the next day.
    const late = buildFit({ start: new Date('2024-06-01T13:30:00Z'), localOffsetS: 20 * 3600 }).bytes;
    expect((await parseFit(late, { fallbackTimeZone: SYDNEY }))[0]?.localStartDate).toBe('2024-06-01');
    // New York on the night DST starts (2024-03-10): 04:30Z is 23:30 EST on the 9th …
    const before = buildFit({ start: new Date('2024-03-10T04:30:00Z'), localOffsetS: null }).bytes;
    expect((await parseFit(before, { fallbackTimeZone: 'America/New_York' }))[0]?.localStartDate).toBe('2024-03-09');
    // … and a day later 04:30Z is 00:30 EDT on the 11th (a fixed −5 h would say the 10th).
    const after = buildFit({ start: new Date('2024-03-11T04:30:00Z'), localOffsetS: null }).bytes;
    expect((await parseFit(after, { fallbackTimeZone: 'America/New_York' }))[0]?.localStartDate).toBe('2024-03-11');
    // Sydney's DST end (2024-04-07 03:00 AEDT): 13:30Z on the 6th is already the 7th locally.
    const dstEnd = buildFit({ start: new Date('2024-04-06T13:30:00Z') }).bytes;
    expect((await parseFit(dstEnd, { fallbackTimeZone: SYDNEY }))[0]?.localStartDate).toBe('2024-04-07');
  });

  it('keeps what a truncated file recorded, and rejects files that are not FIT activities', async () => {
    const { bytes } = buildFit({ start: new Date('2024-06-01T08:00:00Z'), durationS: 600 });
    const [partial] = await parseFit(bytes.subarray(0, Math.floor(bytes.length * 0.5)), { fallbackTimeZone: 'UTC' });
    expect(partial?.detailComplete).toBe(true);
    expect(partial?.distanceM).toBeGreaterThan(0);
    expect(partial?.distanceM).toBeLessThan(2400);

    const garbage = new Uint8Array(64).fill(0x41);
    garbage.set([14, 0x10, 0, 0, 50, 0, 0, 0, 0x2e, 0x46, 0x49, 0x54, 0, 0]);
    await expect(parseFit(garbage, { fallbackTimeZone: 'UTC' })).rejects.toMatchObject({ reason: 'malformed_fit' });
    await expect(parseFit(new TextEncoder().encode('<gpx/>'), { fallbackTimeZone: 'UTC' })).rejects.toBeInstanceOf(FileParseError);
  });

  it('maps FIT sports and sub-sports to our families', async () => {
    const ride = buildFit({ start: new Date('2024-06-01T08:00:00Z'), durationS: 30, sport: 'cycling', subSport: 'indoorCycling' }).bytes;
    expect((await parseFit(ride, { fallbackTimeZone: 'UTC' }))[0]).toMatchObject({
      sport: 'ride',
      sportOriginal: 'cycling/indoorCycling',
      name: 'Ride',
    });
  });
});
