import { describe, expect, it } from 'vitest';
import type { ActivityInput } from './activity.types';
import { altitudeSpikes, checkActivity, inferSport } from './plausibility';

const base = (over: Partial<ActivityInput> = {}): ActivityInput => ({
  source: 'strava',
  externalId: '1',
  sport: 'run',
  sportOriginal: 'Run',
  name: 'Run',
  startTime: new Date('2025-01-01T07:00:00Z'),
  localStartDate: '2025-01-01',
  movingTimeS: 3600,
  elapsedTimeS: 3600,
  distanceM: 10_000,
  detailComplete: true,
  ...over,
});

describe('checkActivity (every source)', () => {
  it("cleans a Strava run's streams: HR spikes, speed glitches and altitude jumps, each counted once", () => {
    const n = 600;
    const t = Array.from({ length: n }, (_, i) => i);
    const hr = t.map((i) => (i === 100 || i === 101 ? 254 : 150));
    const speedCms = t.map((i) => (i === 300 ? 3200 : 300));
    const altitudeDm = t.map((i) => (i === 400 ? 126_000 : 1000));
    const checked = checkActivity(base({ streams: { t, hr, speedCms, altitudeDm }, maxHr: 254 }));
    expect(Math.max(...checked.streams!.hr!)).toBe(150);
    expect(Math.max(...checked.streams!.speedCms!)).toBe(300);
    expect(Math.max(...checked.streams!.altitudeDm!)).toBe(1000);
    expect(checked.maxHr).toBe(150);
    expect(checked.dataQuality).toEqual([
      { code: 'hr_out_of_range', message: '2 heart-rate samples ignored: outside 25–230 bpm', count: 2 },
      { code: 'speed_glitch', message: '1 GPS point ignored: implausible speed', count: 1 },
      { code: 'altitude_spikes', message: 'Altitude cleaned: 1 spike removed', count: 1 },
      { code: 'max_hr_implausible', message: 'Max heart rate of 254 bpm ignored: outside 25–230 bpm' },
    ]);
    // Idempotent: the checked activity passes unchanged (the activities service checks every write).
    expect(checkActivity(checked)).toEqual(checked);
  });

  it('no power is null, never 0 W; a real power meter reading 0 on average is impossible too', () => {
    expect(checkActivity(base({ sport: 'ride', avgPower: 0, normalizedPower: 0 }))).toMatchObject({
      avgPower: null,
      normalizedPower: null,
    });
    expect(checkActivity(base({ sport: 'ride', avgPower: 0 })).dataQuality).toEqual([
      { code: 'no_power', message: 'Average power of 0 W without power samples: recorded as no power' },
    ]);
    const real = checkActivity(base({ sport: 'ride', avgPower: 210, streams: { t: [0, 1, 2], power: [200, 210, 220] } }));
    expect(real.avgPower).toBe(210);
    expect(real.dataQuality).toBeUndefined();
    const allZero = checkActivity(base({ sport: 'ride', streams: { t: [0, 1, 2], power: [0, 0, 0] } }));
    expect(allZero.streams?.power).toBeUndefined();
  });

  it('drops impossible climbing and keeps the possible', () => {
    expect(checkActivity(base({ elevationGainM: 889_932 })).elevationGainM).toBeNull();
    expect(checkActivity(base({ elevationGainM: 1_800 })).elevationGainM).toBe(1_800); // a hard mountain hour
  });

  it('leaves a clean activity exactly as it was', () => {
    const clean = base({ avgHr: 150, maxHr: 180, streams: { t: [0, 1], hr: [150, 151], speedCms: [300, 310] } });
    expect(checkActivity(clean)).toEqual(clean);
  });
});

describe('altitudeSpikes', () => {
  it('flags out-of-range values and jumps faster than terrain, and accepts a new level that holds', () => {
    const t = Array.from({ length: 80 }, (_, i) => i);
    const alt = t.map((i) => (i === 5 ? 12_600 : i === 9 ? -450 : i >= 40 ? 1_000 : 100));
    const spikes = altitudeSpikes(t, alt);
    expect(spikes[5]).toBe(true);
    expect(spikes[9]).toBe(true); // −450 m exists (the Dead Sea shore), but not 550 m below the last second
    expect(spikes.slice(40, 70).every(Boolean)).toBe(true); // 900 m in a second, for 30 samples
    expect(spikes[70]).toBe(false); // then it is the new level
  });
});

describe('inferSport', () => {
  it.each([
    [1.3, 1.6, 'walk'],
    [3.0, 3.6, 'run'],
    [5.5, 9.5, 'ride'],
    [7.5, 9.0, 'ride'],
    [2.5, 8.0, 'other'],
    [null, null, 'other'],
  ] as const)('median %s m/s, 95th %s m/s → %s', (median, p95, sport) => {
    expect(inferSport(median, p95)).toBe(sport);
  });
});
