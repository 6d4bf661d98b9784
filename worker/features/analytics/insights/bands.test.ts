import { describe, expect, it } from 'vitest';
import { FORM_BANDS, formStatus, RAMP_BANDS, rampBand } from './bands';

describe('bands', () => {
  it('form status, with edges going to the band nearer zero', () => {
    expect([5.1, 5, -10, -10.1, -30, -30.1].map(formStatus)).toEqual([
      'fresh',
      'neutral',
      'neutral',
      'productive',
      'productive',
      'overreaching',
    ]);
    expect(FORM_BANDS.map((b) => b.status)).toEqual(['fresh', 'neutral', 'productive', 'overreaching']);
  });

  it('ramp band, with edges going to the band nearer zero', () => {
    expect([-2.1, -2, 2, 2.1, 5, 5.1, 8, 8.1].map(rampBand)).toEqual([
      'detraining',
      'maintaining',
      'maintaining',
      'building',
      'building',
      'high',
      'high',
      'very_high',
    ]);
    expect(RAMP_BANDS.map((b) => b.status)).toEqual(['detraining', 'maintaining', 'building', 'high', 'very_high']);
  });

  it('band tables agree with the functions at each band midpoint', () => {
    for (const b of FORM_BANDS) {
      const probe = b.min === null ? b.max! - 1 : b.max === null ? b.min + 1 : (b.min + b.max) / 2;
      expect(formStatus(probe)).toBe(b.status);
    }
    for (const b of RAMP_BANDS) {
      const probe = b.min === null ? b.max! - 1 : b.max === null ? b.min + 1 : (b.min + b.max) / 2;
      expect(rampBand(probe)).toBe(b.status);
    }
  });
});
