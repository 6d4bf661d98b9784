import { describe, expect, it } from 'vitest';
import { effortAverages } from './effort.calc';

describe('effortAverages', () => {
  it('averages each channel over the effort’s seconds, skipping a lost sensor’s seconds, null where absent', () => {
    const t = Array.from({ length: 100 }, (_, i) => i);
    const streams = {
      t,
      power: t.map((s) => (s < 50 ? 100 : 300)),
      hr: t.map((s) => 120 + s),
      speedCms: t.map(() => 850),
      missing: { hr: [[40, 45]] as [number, number][] },
    };
    // Seconds 40–59: 10 at 100 W, 10 at 300 W; HR 160…179 less 160–164.
    expect(effortAverages(streams, 40, 59)).toEqual({ avgPowerW: 200, avgHr: (165 + 179) / 2, avgSpeedMs: 8.5 });
    expect(effortAverages({ t }, 40, 59)).toEqual({ avgPowerW: null, avgHr: null, avgSpeedMs: null });
    expect(effortAverages(streams, 200, 300)).toEqual({ avgPowerW: null, avgHr: null, avgSpeedMs: null });
  });
});
