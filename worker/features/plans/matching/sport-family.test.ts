import { describe, expect, it } from 'vitest';
import { sport as sportEnum } from '../../../db/schema/activities';
import { SPORTS as ACTIVITY_SPORTS, sportFromType } from '../../activities';
import { SPORTS } from '../plans.types.ts';
import { familyOf, SPORT_FAMILY, sportFit } from './sport-family.ts';

// The ones left out on purpose: no planned sport stands for them (link by hand).
const DELIBERATELY_UNMAPPED = ['walk', 'hike', 'other'];

describe('sport families', () => {
  it('map every activity sport the schema knows, or leave it out on purpose', () => {
    const known = [...sportEnum.enumValues].sort();
    expect(Object.keys(SPORT_FAMILY).sort()).toEqual(known);
    expect([...ACTIVITY_SPORTS].sort()).toEqual(known);
    for (const s of known) {
      const family = SPORT_FAMILY[s];
      if (DELIBERATELY_UNMAPPED.includes(s)) expect(family, s).toBeNull();
      else expect(SPORTS, s).toContain(family);
    }
  });

  it('read provider variants through ingest: trail, treadmill and virtual runs are runs; gravel, MTB, e-bike and virtual rides are bike', () => {
    const family = (type: string) => familyOf(sportFromType(type));
    for (const t of ['Run', 'TrailRun', 'VirtualRun', 'running/treadmill', 'running/trail']) expect(family(t), t).toBe('run');
    for (const t of ['Ride', 'VirtualRide', 'GravelRide', 'MountainBikeRide', 'EBikeRide', 'cycling/indoor_cycling'])
      expect(family(t), t).toBe('bike');
    for (const t of ['Swim', 'swimming/lap_swimming', 'swimming/open_water']) expect(family(t), t).toBe('swim');
    for (const t of ['WeightTraining', 'Crossfit', 'training/strength_training']) expect(family(t), t).toBe('strength');
    for (const t of ['Walk', 'Hike', 'Rowing', 'Yoga', 'AlpineSki']) expect(family(t), t).toBeNull();
  });

  it('fit planned sports: exact 1, a brick takes a ride or a run at 0.6, rest and other families never', () => {
    expect(sportFit('run', 'run')).toBe(1);
    expect(sportFit('brick', 'bike')).toBe(0.6);
    expect(sportFit('brick', 'run')).toBe(0.6);
    expect(sportFit('brick', 'swim')).toBeNull();
    expect(sportFit('rest', 'run')).toBeNull();
    expect(sportFit('run', 'bike')).toBeNull();
    expect(sportFit('run', null)).toBeNull();
    expect(familyOf('kitesurf')).toBeNull();
  });
});
