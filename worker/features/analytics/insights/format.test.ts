import { describe, expect, it } from 'vitest';
import {
  formatDay as formatDate,
  formatDistance,
  formatRaceTime as formatDuration,
  fixed as formatNumber,
  formatPace,
  signed as formatSigned,
} from '../../../lib/format';
import { formatPct, formatTimeGap, paceSecondsPerUnit } from './format';

describe('format', () => {
  it('distance in the athlete units', () => {
    expect(formatDistance(21_097.5, 'km')).toBe('21.1 km');
    expect(formatDistance(21_097.5, 'mi')).toBe('13.1 mi');
    expect(formatDistance(14_000, 'km')).toBe('14.0 km');
  });

  it('pace per km and per mile, without a 60-second minute', () => {
    expect(formatPace(292, 'km')).toBe('4:52 /km');
    expect(formatPace(470, 'mi')).toBe('7:50 /mi');
    expect(formatPace(299.6, 'km')).toBe('5:00 /km');
    expect(paceSecondsPerUnit(1000 / 292, 'km')).toBeCloseTo(292, 10);
    expect(paceSecondsPerUnit(1609.344 / 470, 'mi')).toBeCloseTo(470, 10);
    expect(paceSecondsPerUnit(0, 'km')).toBeNull();
  });

  it('durations with and without hours', () => {
    expect(formatDuration(3_723)).toBe('1:02:03');
    expect(formatDuration(2_710)).toBe('45:10');
    expect(formatDuration(59.6)).toBe('1:00');
    expect(formatTimeGap(38)).toBe('38 s');
    expect(formatTimeGap(65)).toBe('1 min 05 s');
  });

  it('percentages with one decimal by default', () => {
    expect(formatPct(3.2456)).toBe('3.2 %');
    expect(formatPct(18.2, 0)).toBe('18 %');
  });

  it('signed numbers use a real minus sign and never show −0', () => {
    expect(formatSigned(-37.24)).toBe('\u221237.2');
    expect(formatSigned(9.4)).toBe('+9.4');
    expect(formatSigned(-0.01)).toBe('0.0');
    expect(formatSigned(-30, 0)).toBe('\u221230');
    expect(formatNumber(-4.6)).toBe('\u22125');
    expect(formatNumber(619.6)).toBe('620');
  });

  it('dates as "2 Nov 2026" with no time zone involved', () => {
    expect(formatDate('2026-11-02')).toBe('2 Nov 2026');
    expect(formatDate('2025-01-31')).toBe('31 Jan 2025');
  });
});
