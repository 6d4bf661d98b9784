// The Garmin Health summaries' mapping to wellness records, in Garmin's wire format (pure).
import { describe, expect, it } from 'vitest';
import { localDay, toDeviceRecord } from './garmin-health.map';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('Garmin Health summaries as wellness records', () => {
  it('takes a day’s dailies on its calendar date; a stress level below 0 is no data', () => {
    const daily = {
      summaryId: 'x1-d',
      calendarDate: '2026-03-02',
      startTimeInSeconds: at('2026-03-01T23:00:00Z'),
      startTimeOffsetInSeconds: 3600,
      steps: 9120,
      restingHeartRateInBeatsPerMinute: 48,
      averageStressLevel: -1,
    };
    expect(toDeviceRecord('dailies', daily)).toEqual({
      externalId: 'dailies:x1-d',
      day: '2026-03-02',
      values: { steps: 9120, restingHr: 48 },
    });
    expect(toDeviceRecord('dailies', { ...daily, averageStressLevel: 0 })?.values.deviceStress).toBe(0);
  });

  it('counts a night on the local day it ends', () => {
    const night = { summaryId: 'x1-s', calendarDate: '2026-03-02', startTimeOffsetInSeconds: -5 * 3600, validation: 'AUTO_FINAL' };
    // Ends 07:10 at UTC−5 (12:10 UTC): that morning.
    const morning = toDeviceRecord('sleeps', { ...night, startTimeInSeconds: at('2026-03-02T04:40:00Z'), durationInSeconds: 7.5 * 3600 });
    expect(morning).toMatchObject({ day: '2026-03-02', values: { sleepS: 27_000 } });
    // Ends 00:30 local on the 3rd (05:30 UTC).
    const late = toDeviceRecord('sleeps', { ...night, startTimeInSeconds: at('2026-03-03T02:00:00Z'), durationInSeconds: 3.5 * 3600 });
    expect(late?.day).toBe('2026-03-03');
    expect(localDay(at('2026-03-03T05:29:59Z'), -5 * 3600)).toBe('2026-03-03');
  });

  it('reads HRV in ms, a weighing in kg on its local day, VO₂max, and the stress details as a fallback mean', () => {
    expect(toDeviceRecord('hrv', { summaryId: 'h', calendarDate: '2026-03-02', startTimeInSeconds: 0, lastNightAvg: 58 })?.values).toEqual({
      hrvRmssd: 58,
    });
    const weighing = toDeviceRecord('bodyComps', {
      summaryId: 'b',
      measurementTimeInSeconds: at('2026-03-02T23:30:00Z'),
      measurementTimeOffsetInSeconds: 3600,
      weightInGrams: 70_250,
      bodyFatInPercent: 15.2,
    });
    expect(weighing).toEqual({ externalId: 'bodyComps:b', day: '2026-03-03', values: { weightKg: 70.25, bodyFatPct: 15.2 } });
    expect(toDeviceRecord('userMetrics', { summaryId: 'u', calendarDate: '2026-03-02', vo2Max: 52 })?.values).toEqual({ vo2max: 52 });
    const stress = toDeviceRecord('stressDetails', {
      summaryId: 's',
      calendarDate: '2026-03-02',
      startTimeInSeconds: 0,
      timeOffsetStressLevelValues: { '0': 10, '180': 31, '360': -1, '540': -2 },
    });
    expect(stress).toMatchObject({ values: { deviceStress: 21 }, fallback: true });
  });

  it('reads nothing from a type it does not know or a summary that no longer parses', () => {
    expect(toDeviceRecord('epochs', { summaryId: 'e' })).toBeNull();
    expect(toDeviceRecord('sleeps', { summaryId: 's', calendarDate: 'yesterday' })).toBeNull();
  });
});
