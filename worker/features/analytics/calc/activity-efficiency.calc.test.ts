import { describe, expect, it } from 'vitest';
import { activityEfficiency } from './activity-efficiency.calc';

const ride = { sport: 'ride', movingTimeS: 5400, avgHr: 140, normalizedPower: 210, ngpMps: null, decouplingPct: 3.44 };

describe('activity efficiency', () => {
  it('is NP ÷ average HR for a ride and NGP in metres a minute ÷ average HR for a run', () => {
    expect(activityEfficiency(ride)).toMatchObject({
      ef: 1.5,
      efUnit: 'W per bpm',
      decouplingPct: 3.4,
      efMissing: null,
      decouplingMissing: null,
    });
    const run = activityEfficiency({ ...ride, sport: 'run', normalizedPower: null, ngpMps: 3.5, avgHr: 150 })!;
    expect(run).toMatchObject({ ef: 1.4, efUnit: 'm per beat' });
    expect(activityEfficiency({ ...ride, sport: 'swim' })).toBeNull();
  });

  it('says why there is none: no heart rate, too short, or not steady', () => {
    expect(activityEfficiency({ ...ride, avgHr: null, decouplingPct: null })).toMatchObject({
      ef: null,
      efMissing: 'Not enough data: no heart rate was recorded.',
      decouplingMissing: 'Not enough data: no heart rate was recorded.',
    });
    const short = activityEfficiency({ ...ride, movingTimeS: 900, decouplingPct: null })!;
    expect(short.efMissing).toBe('Not enough data: needs 20 min of moving time.');
    expect(short.decouplingMissing).toBe('Not enough data: needs 60 min of moving time.');
    expect(activityEfficiency({ ...ride, decouplingPct: null })!.decouplingMissing).toMatch(
      /^Not read: the ride was not steady enough \(normalised power more than 10 %/,
    );
    expect(activityEfficiency({ ...ride, normalizedPower: null })!.efMissing).toBe(
      'Not enough data: no normalised power (no power recorded).',
    );
  });
});
