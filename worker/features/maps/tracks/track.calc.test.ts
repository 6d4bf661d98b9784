import { describe, expect, it } from 'vitest';
import { deltaEncode } from '../../../lib/delta-code';
import { metresBetween } from '../../../lib/geo';
import { boxOf, decodeTrack, encodeTrack, lengthOf, TRACK_SPACING_M, trackOf } from './track.calc';

/** A 1 Hz walk north at `speed` m/s from (51.5, -0.14), with a (0, 0) before the first fix. */
function streamsOf(seconds: number, speed: number) {
  const t = Array.from({ length: seconds }, (_, i) => i);
  const lat = t.map((s) => (s === 0 ? 0 : Math.round((51.5 + (s * speed) / 111_195) * 1e6)));
  const lon = t.map((s) => (s === 0 ? 0 : -140_000));
  return { t, latE6Delta: deltaEncode(lat), lngE6Delta: deltaEncode(lon) };
}

describe('trackOf', () => {
  it('thins to the spacing, drops the (0, 0) before a fix and keeps the last sample', () => {
    const track = trackOf(streamsOf(601, 1.2))!;
    expect(track.t[0]).toBe(1);
    expect(track.t.at(-1)).toBe(600);
    for (let i = 1; i < track.lat.length - 1; i++)
      expect(
        metresBetween({ lat: track.lat[i - 1]!, lon: track.lon[i - 1]! }, { lat: track.lat[i]!, lon: track.lon[i]! }),
      ).toBeGreaterThanOrEqual(TRACK_SPACING_M);
    // 1.2 m/s: every third sample is 3.6 m on, so about a third are kept; the length is the walk's 719 m.
    expect(track.lat.length).toBeGreaterThan(190);
    expect(track.lat.length).toBeLessThan(210);
    expect(lengthOf(track)).toBeCloseTo(599 * 1.2, -1);
  });

  it('is null without positions or with a position stream of another length', () => {
    expect(trackOf(null)).toBeNull();
    expect(trackOf({ t: [0, 1, 2] })).toBeNull();
    expect(trackOf({ t: [0, 1, 2], latE6Delta: [1, 1], lngE6Delta: [1, 1] })).toBeNull();
  });

  it('survives the store: precision 6 round-trips within 0.1 m, and the box holds every point', () => {
    const track = trackOf(streamsOf(300, 4))!;
    const back = decodeTrack(encodeTrack(track));
    expect(back.t).toEqual(track.t);
    for (let i = 0; i < track.lat.length; i++)
      expect(metresBetween({ lat: back.lat[i]!, lon: back.lon[i]! }, { lat: track.lat[i]!, lon: track.lon[i]! })).toBeLessThan(0.1);
    const box = boxOf(track);
    expect(box.minLat).toBeCloseTo(track.lat[0]!, 9);
    expect(box.maxLat).toBeCloseTo(track.lat.at(-1)!, 9);
    expect(box.minLon).toBe(box.maxLon);
  });
});
