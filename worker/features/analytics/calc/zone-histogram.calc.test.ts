import { describe, expect, it } from 'vitest';
import { ZONE_MODELS, secondsInZones, type ThresholdUsed } from '../streams/zones.calc';
import { activityZones } from '../trends/zone-weeks.calc';
import { histogramOf, histogramZones, zoneHistograms } from './zone-histogram.calc';

const used = (kind: ThresholdUsed['kind'], value: number): ThresholdUsed => ({
  kind,
  value,
  inEffect: value,
  source: 'manual',
  effectiveFrom: '2026-01-01',
  raisedBy: null,
});

describe('zone histograms', () => {
  it('bins a grid by value, skipping gaps and what does not count, with the top bin holding everything above', () => {
    // Power 5-W bins: 100 and 104 → bin 20, 105 → 21, NaN (a pause) skipped, 5000 W → the 3000-W top bin (600).
    const h = histogramOf([100, 104, 105, Number.NaN, 5000], { w: 5, top: 3000 }, () => true)!;
    expect(h.k0).toBe(20);
    expect(h.s.length).toBe(581);
    expect(h.s[0]).toBe(2);
    expect(h.s[1]).toBe(1);
    expect(h.s[580]).toBe(1);
    expect(h.max).toBe(5000);
    // Speed 0.05-m/s bins: 3.0 lands in bin 60 (not 59 by rounding), 0.4 m/s is standing still.
    const speed = zoneHistograms('run', { speed: [3.0, 3.0, 0.4, 3.07] }).speed!;
    expect(speed).toEqual({ w: 0.05, k0: 60, s: [2, 1], max: 3.07 });
    // Heart rate's max ignores a glitch above 230 bpm; a ride keeps no speed histogram.
    const ride = zoneHistograms('ride', { hr: [150, 240, 0], speed: [8] });
    expect(ride.hr!.max).toBe(150);
    expect(ride.hr!.s.reduce((a, b) => a + b)).toBe(2);
    expect(ride.speed).toBeUndefined();
    expect(histogramOf([Number.NaN, 0], { w: 1, top: 250 }, (v) => v > 0)).toBeNull();
  });

  it('splits a bin straddling a zone edge in proportion (hand-worked)', () => {
    // FTP 200 W: edges 110, 150, 180, 210, 240, 300. Bins of 5 W:
    // 60 s in [105,110) → Z1; 40 s in [110,115) and 30 s in [145,150) → Z2; 10 s in [150,155) → Z3;
    // 100 s in [300,305) → Z7.
    const h = { w: 5, k0: 21, s: [] as number[], max: 0 };
    h.s = new Array(60 - 21 + 1).fill(0);
    h.s[21 - 21] = 60;
    h.s[22 - 21] = 40;
    h.s[29 - 21] = 30;
    h.s[30 - 21] = 10;
    h.s[60 - 21] = 100;
    expect(histogramZones(h, 200, ZONE_MODELS.POWER.bounds)).toEqual([60, 70, 10, 0, 0, 0, 100]);
    // LTHR 170 (run): edges 144.5, 153, 161.5, 170. 10 s in [144,145) splits 5/5; 8 s in [161,162) splits 4/4.
    const hr = { w: 1, k0: 144, s: [10, ...new Array(16).fill(0), 8], max: 161.9 };
    expect(histogramZones(hr, 170, ZONE_MODELS.HR_LTHR_RUN.bounds)).toEqual([5, 5, 4, 4, 0]);
  });

  it('stays within one bin per edge of counting every second', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const grid = Array.from({ length: 3600 }, () => 80 + rnd() * 300);
    const exact = secondsInZones(grid, 250, ZONE_MODELS.POWER.bounds, () => true);
    const h = histogramOf(grid, { w: 5, top: 3000 }, () => true)!;
    const fromBins = histogramZones(h, 250, ZONE_MODELS.POWER.bounds);
    expect(fromBins.reduce((a, b) => a + b)).toBeCloseTo(3600, 6);
    const perBin = Math.max(...h.s);
    for (const [z, s] of fromBins.entries()) expect(Math.abs(s - exact[z]!)).toBeLessThanOrEqual(2 * perBin);
  });

  it('picks the activity page’s model and floors max-HR zones at the activity’s own maximum', () => {
    const hist = zoneHistograms('run', { hr: [150, 150, 181, 181], speed: [3, 3, 3, 3] });
    // No threshold: said as such; no channel: said as such.
    expect(activityZones('hr', 'run', hist, () => null)).toEqual({ state: 'no_threshold' });
    expect(activityZones('power', 'run', hist, () => used('ftp', 250))).toEqual({ state: 'no_stream' });
    // Max HR 180 in effect but the run reached 181: zones from 181, Friel's run zones of its threshold HR 161.1 (89 %):
    // 136.9, 145.0, 153.0, 161.1 (issue 55: one model per sport, not 60/70/80/90 % bands of max HR).
    const z = activityZones('hr', 'run', hist, (k) => (k === 'max_hr' ? used('max_hr', 180) : null));
    expect(z).toMatchObject({ state: 'ok', threshold: { value: 181, inEffect: 180, raisedBy: 'own_max_hr' }, seconds: [0, 0, 2, 0, 2] });
    // With an LTHR the run's Friel zones win over max HR.
    const l = activityZones('hr', 'run', hist, (k) => (k === 'lthr' ? used('lthr', 160) : k === 'max_hr' ? used('max_hr', 190) : null));
    expect(l).toMatchObject({ state: 'ok', bounds: ZONE_MODELS.HR_LTHR_RUN.bounds, seconds: [0, 0, 2, 0, 2] });
    // Pace: threshold 3.2 m/s, edges 2.4, 2.72, 2.976, 3.232: 3 m/s is zone 4.
    const p = activityZones('pace', 'run', hist, (k) => (k === 'threshold_pace' ? used('threshold_pace', 3.2) : null));
    expect(p).toMatchObject({ state: 'ok', seconds: [0, 0, 0, 4, 0] });
  });
});
