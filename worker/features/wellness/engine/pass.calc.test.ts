// The pass's fast alignment gives questions.calc's pairs exactly; a pass lent the last one's answers equals a pass
// from nothing; the family's untested questions count and wait with how many more days.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { NumericFieldKey } from '../wellness.fields';
import { decodeTraining, decodeWellness, effortsFor, encodeTraining, encodeWellness } from './engine-codec';
import type { EngineData, FieldDays } from './engine-data';
import { inputsOf } from './inputs';
import { outcomesOf } from './outcomes';
import { alignedQuestions, enginePass, enginePatch } from './pass.calc';
import { questionsOf } from './questions.calc';
import { mulberry32 } from '../../../lib/random';

/** 200 days of sleep, mood and weight with gaps, a run most days, efforts now and then. */
function world(seed: number): EngineData {
  const rand = mulberry32(seed);
  const d: EngineData = {
    from: '2026-01-01',
    to: '2026-07-19',
    wellness: {},
    load: {},
    tsb: {},
    firstTrainingDay: '2025-10-01',
    activities: [],
    efforts: [],
  };
  d.wellness.sleepS = {};
  d.wellness.mood = {};
  d.wellness.weightKg = {};
  d.wellness.injury = {};
  for (let i = -92; i < 200; i++) {
    const day = addDays('2026-01-01', i);
    if (rand() < 0.85) d.load[day] = Math.round(20 + rand() * 80);
    if (i < 0) continue;
    d.tsb[day] = Math.round((rand() - 0.5) * 400) / 10;
    if (rand() < 0.8) d.wellness.sleepS[day] = { checkin: Math.round(5 + rand() * 4) * 3600 };
    if (rand() < 0.7) d.wellness.mood[day] = { checkin: 1 + Math.floor(rand() * 4) };
    if (rand() < 0.5) d.wellness.weightKg[day] = { garmin: 70 + rand() * 2 };
    if (rand() < 0.6) d.wellness.injury[day] = { checkin: rand() < 0.1 ? 1 : 0 };
    if (d.load[day]) {
      const id = `a${i}`;
      d.activities.push({
        id,
        name: `Run ${i}`,
        day,
        sport: 'run',
        movingS: 1800 + Math.floor(rand() * 6000),
        ef: 1 + rand(),
        aboveS: 100,
        zonedS: 1800,
      });
      if (rand() < 0.3)
        for (const distanceM of [1000, 5000, 10000])
          d.efforts.push({
            activityId: id,
            name: `Run ${i}`,
            day,
            distanceM,
            timeS: distanceM * (0.24 + rand() * 0.06),
            ageGradePct: 55 + rand() * 15,
          });
    }
  }
  return d;
}

describe('the stored form', () => {
  it('decodes to exactly what was encoded, with only the efforts the window needs', () => {
    const d = world(3);
    d.efforts.unshift({ activityId: 'older', name: 'Older', day: '2025-05-01', distanceM: 5000, timeS: 1250, ageGradePct: null });
    d.efforts.unshift({ activityId: 'oldest', name: 'Oldest', day: '2024-05-01', distanceM: 5000, timeS: 1270, ageGradePct: null });
    const kept = { ...d, efforts: effortsFor(d.efforts, d.from) };
    expect(kept.efforts.filter((e) => e.day < d.from).map((e) => e.activityId)).toEqual(['older']);
    expect(kept.efforts.length).toBeLessThan(d.efforts.length);
    expect(outcomesOf(kept)).toEqual(outcomesOf(d));
    const back = {
      from: d.from,
      to: d.to,
      wellness: decodeWellness(encodeWellness(kept), d.from),
      ...decodeTraining(encodeTraining(kept), d.from),
    };
    expect(back).toEqual(kept);
  });
});

describe('enginePass', () => {
  it('aligns every question exactly as questionsOf does', () => {
    const d = world(1);
    const inputs = inputsOf(d);
    const outcomes = outcomesOf(d);
    const fast = alignedQuestions(inputs, outcomes);
    const slow = questionsOf(inputs, outcomes);
    expect(fast.map((q) => [q.key, q.pairs])).toEqual(slow.map((q) => [q.key, q.pairs]));
  });

  it('lent the last pass, gives what a pass from nothing gives, whatever changed', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const d = world(seed);
      const first = enginePass(d);
      const rand = mulberry32(seed * 7);
      const day = addDays(d.from, Math.floor(rand() * 190));
      const next: EngineData = { ...d, wellness: { ...d.wellness, sleepS: { ...d.wellness.sleepS, [day]: { checkin: 4 * 3600 } } } };
      expect(enginePass(next, first)).toEqual(enginePass(next));
    }
  });

  it('patched after a field changed, gives what a pass from nothing gives, whichever field it was', () => {
    const cases: [NumericFieldKey, FieldDays[string]][] = [
      ['sleepS', { checkin: 4 * 3600 }],
      ['mood', { checkin: 4 }],
      ['hrvRmssd', { polar: 80 }],
      ['weightKg', { checkin: 75 }],
      ['injury', { checkin: 1 }],
      ['steps', { garmin: 12_000 }],
    ];
    for (const [seed, [field, value]] of cases.entries()) {
      const d = world(seed + 1);
      const first = enginePass(d);
      const day = addDays(d.from, 20 + seed * 25);
      const next: EngineData = { ...d, wellness: { ...d.wellness, [field]: { ...d.wellness[field], [day]: value } } };
      const patched = enginePatch(next, first, new Set([field]));
      expect(patched, field).toEqual(enginePass(next));
      // Questions of inputs the field does not feed keep their answers untouched.
      if (field === 'mood')
        for (const [i, q] of patched.questions.entries()) if (q.input !== 'mood') expect(q.fp).toBe(first.questions[i]!.fp);
    }
  });

  it('counts every question asked (never a tautology), and says how many more days the untested need', () => {
    const r = enginePass(world(2));
    // Every input × outcome but an outcome against itself by another name (days off and training days: issue 55).
    const outcomes = outcomesOf(world(2));
    const tautologies = outcomes.reduce((n, o) => n + (o.definedBy?.length ?? 0), 0);
    expect(tautologies).toBe(3);
    expect(r.asked).toBe(r.inputs.length * r.outcomes.length - tautologies);
    expect(r.asked).toBeGreaterThanOrEqual(140);
    const untested = r.questions.filter((q) => q.status === 'too_few_days');
    expect(untested.length).toBeGreaterThan(0);
    // Unless a series never varies (no interrupted week in this world): then no number of days is promised.
    for (const q of untested) if (!q.flat) expect(q.moreDays, q.key).not.toBeNull();
    const flat = untested.filter((q) => q.flat);
    expect(flat.map((q) => q.outcome)).toContain('interrupted_week');
    for (const q of flat) expect(q.moreDays, q.key).toBeNull();
  });
});
