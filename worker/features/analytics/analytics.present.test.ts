import { describe, expect, it } from 'vitest';
import { presentLoadBasis } from './analytics.present';

describe('presentLoadBasis', () => {
  it('says where the threshold came from, never with an ISO date (issue 37), and when none was in effect (ADR 065)', () => {
    const basis = { kind: 'ftp' as const, inEffect: 170, used: 218, raisedBy: 'best_20min' as const, best20minW: 230 };
    const estimated = presentLoadBasis({ ...basis, source: 'estimated', effectiveFrom: '2025-11-24' }, 'km');
    expect(estimated.notes).toEqual([
      "This ride's own best 20 minutes (230 W) prove an FTP of at least 218 W (95 %, Coggan's field test), above the 170 W in effect: the load uses 218 W.",
    ]);
    const own = presentLoadBasis({ ...basis, inEffect: null, source: 'activity', effectiveFrom: '2013-06-01' }, 'km');
    expect(own).toMatchObject({ inEffect: null, used: '218 W', source: 'activity' });
    expect(own.notes).toEqual([
      "No threshold was in effect on this day (none set, and no estimate from earlier activities): this ride's own best 20 minutes (230 W) give 218 W (95 %, Coggan's field test), so this load has low confidence. Set a value dated on or before this activity for a better figure.",
    ]);
    for (const n of [...estimated.notes, ...own.notes]) expect(n).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // The field itself stays ISO: the page formats it.
    expect(estimated.effectiveFrom).toBe('2025-11-24');
  });
});
