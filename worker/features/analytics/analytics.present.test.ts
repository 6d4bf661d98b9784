import { describe, expect, it } from 'vitest';
import { presentLoadBasis } from './analytics.present';

describe('presentLoadBasis', () => {
  it('dates its notes as the load card does, never as ISO (issue 37: "since 2025-11-25" under "since 25 Nov 2025")', () => {
    const basis = { kind: 'ftp' as const, inEffect: 170, used: 218, guess: true, raisedBy: 'best_20min' as const, best20minW: 230 };
    const estimated = presentLoadBasis({ ...basis, source: 'estimated', effectiveFrom: '2025-11-25' }, 'km');
    expect(estimated.notes[0]).toBe(
      'The 170 W in effect was estimated from your activities since 25 Nov 2025, after this activity: for its day it is only a guess, so this load has low confidence. Set a value dated near this activity for a better figure.',
    );
    const manual = presentLoadBasis({ ...basis, source: 'manual', effectiveFrom: '2026-03-01' }, 'km');
    expect(manual.notes[0]).toMatch(/^The 170 W in effect was set by you from 1 Mar 2026, after this activity/);
    for (const n of [...estimated.notes, ...manual.notes]) expect(n).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // The field itself stays ISO: the page formats it.
    expect(estimated.effectiveFrom).toBe('2025-11-25');
  });
});
