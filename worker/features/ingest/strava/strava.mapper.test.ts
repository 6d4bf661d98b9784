// Strava's position and distance streams as the sandbox serves them (the StreamSet of Strava's API:
// `latlng` is one [latitude, longitude] pair per sample, `distance` metres) into the stored streams.
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../../../../scripts/sandbox/strava/generator.ts';
import { activityStreams } from '../../../../scripts/sandbox/strava/wire.ts';
import { deltaDecode } from '../../../lib/delta-code';
import { POSITION_SCALE } from '../../activities/activity.types';
import { STREAM_KEYS, streamsFromStrava } from './strava.mapper';

type Wire = Record<string, { data: unknown[] }>;

describe('Strava streams → stored streams', () => {
  const outdoor = generateHistory(1001, { count: 40 }).filter((a) => a.plan.start && !a.trainer);

  it('keeps every latlng pair to a millionth of a degree and the distance to a decimetre', () => {
    for (const a of outdoor.slice(0, 3)) {
      const wire = activityStreams(a, STREAM_KEYS) as Wire;
      const pairs = wire.latlng!.data as [number, number][];
      expect(pairs[0]).toEqual([expect.any(Number), expect.any(Number)]);
      const s = streamsFromStrava(wire)!;
      const lat = deltaDecode(s.latE6Delta!);
      const lng = deltaDecode(s.lngE6Delta!);
      const dist = deltaDecode(s.distanceDmDelta!);
      expect(lat).toHaveLength(s.t.length);
      pairs.forEach(([la, ln], i) => {
        expect(Math.abs(lat[i]! / POSITION_SCALE - la)).toBeLessThanOrEqual(5e-7);
        expect(Math.abs(lng[i]! / POSITION_SCALE - ln)).toBeLessThanOrEqual(5e-7);
      });
      (wire.distance!.data as number[]).forEach((m, i) => {
        expect(Math.abs(dist[i]! / 10 - m)).toBeLessThanOrEqual(0.05);
      });
    }
  });

  it('holds the last fix through samples without one, and stores no position for an indoor activity', () => {
    const wire = {
      time: { data: [0, 1, 2, 3] },
      latlng: { data: [null, [46.1, 14.5], null, [46.100_01, 14.500_02]] },
      distance: { data: [0, 2.5, null, 7.25] },
    };
    const s = streamsFromStrava(wire)!;
    expect(deltaDecode(s.latE6Delta!)).toEqual([46_100_000, 46_100_000, 46_100_000, 46_100_010]);
    expect(deltaDecode(s.lngE6Delta!)).toEqual([14_500_000, 14_500_000, 14_500_000, 14_500_020]);
    expect(deltaDecode(s.distanceDmDelta!)).toEqual([0, 25, 25, 73]);
    const indoor = streamsFromStrava({ time: { data: [0, 1] }, latlng: { data: [null, null] } })!;
    expect(indoor.latE6Delta).toBeUndefined();
  });
});
