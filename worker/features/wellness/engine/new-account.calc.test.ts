// Issue 55's new athlete on her first day: 60 days of Garmin wellness (HRV, resting HR, sleep) and three files
// years old. The engine invented three "stand-out" findings from her: a weekly outcome over 155 weeks of zeros she
// never recorded, and tautologies ("training days fell with days off"). And the waiting list promised "about 4
// more weeks" for a weekly outcome that never varies. Fixed dates; pure.
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../lib/dates';
import type { EngineData } from './engine-data';
import { trainingStart } from './engine-data';
import { toFindingsAnswer } from './engine.views';
import { inputsOf } from './inputs';
import { outcomesOf } from './outcomes';
import { alignedQuestions, enginePass } from './pass.calc';
import { mulberry32 } from '../../../lib/random';

const TO = '2026-11-29';
const FIRST = addDays(TO, -59);

/** Analytics' TSB of a day (the day before's CTL − ATL) from the first training day on, as engine facts give it. */
function withTsb(d: EngineData): EngineData {
  let ctl = 0;
  let atl = 0;
  for (let day = d.firstTrainingDay!; day <= d.to; day = addDays(day, 1)) {
    if (day >= d.from) d.tsb[day] = Math.round((ctl - atl) * 10) / 10;
    const l = d.load[day] ?? 0;
    ctl += (l - ctl) / 42;
    atl += (l - atl) / 7;
  }
  return d;
}

/** The account: three old runs (`files`), then Garmin's 60 days of wellness and, with `runs`, its runs of them. */
function newAccount(files: readonly string[], runs: boolean, seed = 55): EngineData {
  const rand = mulberry32(seed);
  const d: EngineData = {
    from: addDays(TO, -(3 * 365 - 1)),
    to: TO,
    wellness: { hrvRmssd: {}, restingHr: {}, sleepS: {} },
    load: {},
    tsb: {},
    firstTrainingDay: files[0]!,
    activities: [],
    efforts: [],
  };
  const run = (id: string, day: string, movingS: number, ef: number) => {
    d.load[day] = Math.round(40 + rand() * 60);
    d.activities.push({ id, name: id, day, sport: 'run', movingS, ef, aboveS: 200, zonedS: movingS });
    d.efforts.push({ activityId: id, name: id, day, distanceM: 5000, timeS: Math.round(1400 + rand() * 200), ageGradePct: 55 });
  };
  for (const [k, day] of files.entries()) run(`file${k}`, day, 3000 + k * 2000, 1.2);
  for (let i = 59; i >= 0; i--) {
    const day = addDays(TO, -i);
    d.wellness.hrvRmssd![day] = { garmin: Math.round(45 + rand() * 30) };
    d.wellness.restingHr![day] = { garmin: Math.round(48 + rand() * 8) };
    d.wellness.sleepS![day] = { garmin: Math.round((6 + rand() * 2.5) * 3600) };
    if (runs && rand() < 0.6) run(`garmin${i}`, day, 2400 + Math.floor(rand() * 4000), 1.2 + rand() * 0.2);
  }
  return withTsb(d);
}

const TAUTOLOGIES = ['days_off_7d~training_days', 'load_ramp~interrupted_week', 'weight_trend~weight_next_14d'];

function expectNothingInvented(d: EngineData) {
  const r = enginePass(d);
  expect(
    r.findings.map((f) => f.text),
    'no stand-out finding on day one',
  ).toEqual([]);
  // Whole weeks since her data began: a weekly outcome has at most one value in each.
  const weeks = Math.floor((daysBetween(FIRST, TO) + 1) / 7);
  const weekly = new Set(r.outcomes.filter((o) => o.per === 'week').map((o) => o.key));
  for (const q of r.questions.filter((x) => weekly.has(x.outcome))) {
    expect(q.days, q.key).toBeLessThanOrEqual(weeks);
    expect(q.correlation?.n ?? 0, q.key).toBeLessThanOrEqual(weeks);
    expect(q.correlation?.nEff ?? 0, q.key).toBeLessThanOrEqual(weeks);
  }
  // No day before her data began, and no outcome asked against itself by another name.
  for (const q of alignedQuestions(inputsOf(d), outcomesOf(d)))
    for (const p of q.pairs) expect(p.day >= FIRST, `${q.key} on ${p.day}`).toBe(true);
  expect(r.questions.map((q) => q.key).filter((k) => TAUTOLOGIES.includes(k))).toEqual([]);
  return r;
}

describe('a new athlete on her first day', () => {
  it('with files years old (before the window) and Garmin’s runs: nothing stands out, weekly outcomes count weeks', () => {
    const d = newAccount(['2019-05-12', '2020-08-30', '2021-04-18'], true);
    expect(trainingStart(d)).toBe(d.activities.find((a) => a.id.startsWith('garmin'))!.day);
    expectNothingInvented(d);
  });

  it('with files inside the window (two years old), then Garmin’s runs: the stray files are no record', () => {
    const d = newAccount(['2024-03-10', '2024-06-02', '2025-01-18'], true, 56);
    expectNothingInvented(d);
  });

  it('with only her wellness and three files: nothing to say about training, no promise of weeks', () => {
    const d = newAccount(['2024-03-10', '2024-06-02', '2025-01-18'], false, 57);
    const r = expectNothingInvented(d);
    const answer = toFindingsAnswer(
      { version: 1, engineVersion: 2, analyticsVersion: 1, data: d, result: r, computedAt: new Date(`${TO}T08:00:00Z`) },
      false,
    );
    expect(answer.waiting.filter((w) => /weeks/.test(w.text) && w.moreDays !== null)).toEqual([]);
  });
});

describe('the waiting list', () => {
  it('says a question cannot be answered while its outcome does not vary, never "about 4 more weeks"', () => {
    // 16 whole weeks of the same 4 training days (Mon, Tue, Thu, Sat) with nightly sleep: 16 identical weekly values.
    const to = '2026-11-29';
    const from = addDays(to, -(3 * 365 - 1));
    const first = '2026-08-10';
    const rand = mulberry32(16);
    const d: EngineData = { from, to, wellness: { sleepS: {} }, load: {}, tsb: {}, firstTrainingDay: first, activities: [], efforts: [] };
    for (let i = 0; i < 16 * 7; i++) {
      const day = addDays(first, i);
      d.wellness.sleepS![day] = { garmin: Math.round((6 + rand() * 2.5) * 3600) };
      if ([0, 1, 3, 5].includes(i % 7)) {
        d.load[day] = 60;
        d.activities.push({ id: `r${i}`, name: `Run ${i}`, day, sport: 'run', movingS: 2700, ef: null, aboveS: null, zonedS: null });
      }
    }
    const r = enginePass(withTsb(d));
    const q = r.questions.find((x) => x.key === 'sleep~training_days')!;
    expect(q.days).toBe(16);
    expect(q.flat).toBe('outcome');
    expect(q.moreDays).toBeNull();
    const answer = toFindingsAnswer(
      { version: 1, engineVersion: 2, analyticsVersion: 1, data: d, result: r, computedAt: new Date(`${to}T08:00:00Z`) },
      false,
    );
    const w = answer.waiting.find((x) => x.key === 'sleep~training_days');
    expect(w).toMatchObject({
      moreDays: null,
      text: 'Can’t be answered while your training days that week doesn’t vary (the same on all 16 weeks so far).',
    });
    expect(answer.waiting.filter((x) => x.outcome === 'training days that week' && /^About/.test(x.text))).toEqual([]);
  });
});

describe('where the training record begins', () => {
  const data = (days: readonly string[]) => ({
    from: '2024-01-01',
    to: TO,
    load: Object.fromEntries(days.map((d) => [d, 50])),
    activities: [],
  });
  const daily = (first: string, n: number) => Array.from({ length: n }, (_, i) => addDays(first, i));

  it('is the first training day ever while the training runs on into the window', () => {
    expect(trainingStart(data([...daily('2023-06-01', 200), ...daily('2024-01-05', 300)]))).toBe('2023-06-01');
  });

  it('skips stray files before a long gap, keeps a record broken by one', () => {
    expect(trainingStart(data(['2021-04-18', '2024-02-01', ...daily('2026-11-20', 5)]))).toBe('2026-11-20');
    expect(trainingStart(data([...daily('2024-02-01', 30), ...daily('2026-11-20', 5)]))).toBe('2024-02-01');
    // Only stray files, long ago: no record at all.
    expect(trainingStart(data(['2024-02-01', '2025-01-18']))).toBeNull();
  });
});

describe('a weekly finding', () => {
  it('counts weeks, in its words and in the answer the page reads', () => {
    // Two years of weeks whose training days follow the week's sleep before them (a planted weekly pattern).
    const rand = mulberry32(7);
    const first = '2024-12-02';
    const d: EngineData = {
      from: addDays(TO, -(3 * 365 - 1)),
      to: TO,
      wellness: { sleepS: {} },
      load: {},
      tsb: {},
      firstTrainingDay: first,
      activities: [],
      efforts: [],
    };
    for (let w = 0; w < 103; w++) {
      const monday = addDays(first, 7 * w);
      const k = 2 + Math.floor(rand() * 5);
      for (let i = -6; i <= 0; i++) d.wellness.sleepS![addDays(monday, i)] = { checkin: Math.round((5.5 + 0.5 * k + rand() * 0.5) * 3600) };
      for (let i = 0; i < k; i++) d.load[addDays(monday, i)] = 50;
    }
    const r = enginePass(withTsb(d));
    const f = r.findings.find((x) => x.apiKey === 'sleep_7d~training_days')!;
    expect(f, JSON.stringify(r.findings.map((x) => x.apiKey))).toBeDefined();
    expect(f.n).toBeLessThanOrEqual(103);
    expect(f.text).toMatch(/ weeks /);
    expect(f.text).not.toMatch(/ days with /);
    const answer = toFindingsAnswer(
      { version: 1, engineVersion: 2, analyticsVersion: 1, data: d, result: r, computedAt: new Date(`${TO}T08:00:00Z`) },
      false,
    );
    expect(answer.findings.find((x) => x.key === 'sleep_7d~training_days')!.outcome.per).toBe('week');
    expect(answer.findings.filter((x) => x.outcome.key === 'easy_run_ef').every((x) => x.outcome.per === 'day')).toBe(true);
  });
});
