// The wellness policy covers every source, never feeds social, and lists the sources a use may read.
import { describe, expect, it } from 'vitest';
import { DATA_USES } from '../../lib/access-vocabulary';
import { WELLNESS_SOURCES } from './wellness.fields';
import { WELLNESS_POLICY, wellnessSourcesFor } from './wellness.policy';

describe('wellness data-use policy', () => {
  it('states every use for every source, with a reason', () => {
    for (const s of WELLNESS_SOURCES) {
      expect(Object.keys(WELLNESS_POLICY[s].uses).sort()).toEqual([...DATA_USES].sort());
      expect(WELLNESS_POLICY[s].why.length).toBeGreaterThan(10);
    }
  });
  it('never lets health data into social', () => {
    expect(wellnessSourcesFor('social')).toEqual([]);
    expect(wellnessSourcesFor('analytics')).toEqual([...WELLNESS_SOURCES]);
  });
});
