// Which triggers the days hold: a low spell is known by its first morning, a threshold by how far it moved.
import { describe, expect, it } from 'vitest';
import { spellStart, thresholdTriggers } from './adapt-triggers';

describe('triggers', () => {
  it('a low-readiness spell is keyed by its first morning, whatever day it is read on', () => {
    expect(spellStart([false, null, true, true], '2026-12-10')).toBe('2026-12-09');
    expect(spellStart([false, true, true, true], '2026-12-11')).toBe('2026-12-09');
    // A spell as long as the window starts where the window does.
    expect(spellStart([true, true, true], '2026-12-10')).toBe('2026-12-08');
  });

  it('a threshold that moved at least 1 % since the last read is a trigger; the first read and a re-read are not', () => {
    expect(thresholdTriggers(null, { ftpW: 250 }, '2026-12-10')).toEqual([]);
    expect(thresholdTriggers({ ftpW: 250 }, { ftpW: 251 }, '2026-12-10')).toEqual([]);
    expect(thresholdTriggers({ ftpW: 250, lthrBpm: null }, { ftpW: 262, lthrBpm: 170 }, '2026-12-10')).toEqual([
      { kind: 'threshold', metric: 'ftpW', from: 250, to: 262, day: '2026-12-10' },
    ]);
  });
});
