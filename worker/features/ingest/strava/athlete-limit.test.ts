import { describe, expect, it } from 'vitest';
import { athleteCapacity } from './athlete-limit';

describe('Strava’s athlete limit, counted by us', () => {
  it('is open, then near with a fifth left, then full; no limit is unlimited', () => {
    const states = Array.from({ length: 12 }, (_, n) => athleteCapacity(n, 10).state);
    expect(states).toEqual(['open', 'open', 'open', 'open', 'open', 'open', 'open', 'open', 'near', 'near', 'full', 'full']);
    expect(athleteCapacity(12, 10)).toEqual({ connected: 12, limit: 10, remaining: 0, state: 'full' });
    expect(athleteCapacity(9, 10).remaining).toBe(1);
    // A new app's single place is near while empty; a reviewed app's 999 is near from 200 left.
    expect(athleteCapacity(0, 1).state).toBe('near');
    expect(athleteCapacity(798, 999).state).toBe('open');
    expect(athleteCapacity(799, 999).state).toBe('near');
    expect(athleteCapacity(3, null)).toEqual({ connected: 3, limit: null, remaining: null, state: 'unlimited' });
  });
});
