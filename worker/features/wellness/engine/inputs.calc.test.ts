// The engine's inputs and outcomes from gathered data: lags, windows, one source per HRV series, the sources of
// each day, and the outcomes' encodings (PB margin, interrupted weeks, pain in the next 7 days).
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { EngineData } from './engine-data';
import { inputsOf } from './inputs';
import { outcomesOf } from './outcomes';
import { inputAt } from './questions.calc';

const base = (): EngineData => ({
  from: '2026-01-01',
  to: '2026-03-31',
  wellness: {},
  load: {},
  tsb: {},
  firstTrainingDay: null,
  activities: [],
  efforts: [],
});

describe('inputsOf', () => {
  it('reads sleep on its wake day, by precedence, with each day’s source', () => {
    const d = base();
    d.wellness.sleepS = { '2026-01-10': { checkin: 7 * 3600, garmin: 6 * 3600 }, '2026-01-11': { garmin: 8 * 3600 } };
    const sleep = inputsOf(d).find((i) => i.key === 'sleep')!;
    expect(inputAt(sleep, '2026-01-10')).toBe(7);
    expect(sleep.sources.get('2026-01-10')).toBe('checkin');
    expect(sleep.sources.get('2026-01-11')).toBe('garmin');
  });

  it('never mixes HRV sources: the source with the most days, in ln rMSSD', () => {
    const d = base();
    d.wellness.hrvRmssd = { '2026-01-10': { garmin: 50, polar: 70 }, '2026-01-11': { garmin: 60 }, '2026-01-12': { polar: 40 } };
    const hrv = inputsOf(d).find((i) => i.key === 'hrv')!;
    expect([...hrv.series.keys()]).toEqual(['2026-01-10', '2026-01-11']);
    expect(hrv.series.get('2026-01-10')).toBeCloseTo(Math.log(50), 10);
    expect(hrv.label).toContain('Garmin');
  });

  it('names the source in a label as the athlete reads it, never by its key', () => {
    const d = base();
    d.wellness.restingHr = { '2026-01-10': { garmin_export: 48 }, '2026-01-11': { garmin_export: 50 } };
    const rhr = inputsOf(d).find((i) => i.key === 'resting_hr')!;
    expect(rhr.label).toBe('resting HR that morning (Garmin export)');
    expect(rhr.label).not.toContain('garmin_export');
  });

  it('counts days off and long runs in the days before, once there is history', () => {
    const d = base();
    d.firstTrainingDay = '2025-12-01';
    for (let i = 0; i < 120; i += 2) d.load[addDays('2025-12-01', i)] = 50;
    d.activities = [{ id: 'a1', name: 'Long', day: '2026-01-05', sport: 'run', movingS: 100 * 60, ef: null, aboveS: null, zonedS: null }];
    const ins = inputsOf(d);
    const off = ins.find((i) => i.key === 'days_off_7d')!;
    expect(off.lag).toBe(1);
    expect(off.series.get('2026-01-10')).toBe(3);
    expect(ins.find((i) => i.key === 'long_runs_14d')!.series.get('2026-01-10')).toBe(1);
    expect(ins.find((i) => i.key === 'long_runs_14d')!.series.get('2026-01-20')).toBe(0);
  });
});

describe('outcomesOf', () => {
  it('encodes a PB as the margin on the best before it, per run', () => {
    const d = base();
    d.efforts = [
      { activityId: 'old', name: 'Old', day: '2025-06-01', distanceM: 5000, timeS: 1500, ageGradePct: 60 },
      { activityId: 'pb', name: 'PB', day: '2026-02-01', distanceM: 5000, timeS: 1440, ageGradePct: 62.5 },
      { activityId: 'slow', name: 'Slow', day: '2026-02-10', distanceM: 5000, timeS: 1512, ageGradePct: 59.5 },
    ];
    const o = outcomesOf(d);
    const pb = o.find((x) => x.key === 'pb_margin')!.events;
    expect(pb.map((e) => [e.ref.id, e.value])).toEqual([
      ['pb', 4],
      ['slow', -5],
    ]);
    expect(o.find((x) => x.key === 'age_grade')!.events.map((e) => e.ref.id)).toEqual(['pb', 'slow']);
  });

  it('flags an interrupted week against the 4 before, and pain in the next 7 days', () => {
    const d = base();
    d.firstTrainingDay = '2025-11-03';
    for (let i = 0; i < 150; i++) {
      const day = addDays('2025-11-03', i);
      d.load[day] = day >= '2026-02-02' && day <= '2026-02-08' ? 5 : 40;
    }
    d.wellness.injury = { '2026-03-05': { checkin: 1 }, '2026-03-20': { checkin: 0 } };
    const o = outcomesOf(d);
    const weeks = o.find((x) => x.key === 'interrupted_week')!.events;
    expect(weeks.find((e) => e.day === '2026-02-02')!.value).toBe(1);
    expect(weeks.filter((e) => e.value === 1)).toHaveLength(1);
    const pain = o.find((x) => x.key === 'pain_next_7d')!.events;
    expect(pain.find((e) => e.day === '2026-03-01')!.value).toBe(1);
    expect(pain.find((e) => e.day === '2026-03-15')!.value).toBe(0);
  });
});
