// Test fixtures for the insights engine: describe activities once, get every input view the caller
// would build (weeks, runs, receipts by date, efficiency points, a fitness series) consistently.
// Date math here is deliberately independent of ./dates so a bug there cannot hide in both.

import type { Sport } from '../../activities';
import { type Establishment, fitnessEstablishment } from '../calc/establishing.calc';
import type { EfficiencyPoint, FitnessDay, Receipt, Units, WeekVolume } from '../analytics.types';
import type { InsightInputs, PbEvent } from './insights.types';

/** A Wednesday: the current week (from Monday 2026-11-16) is incomplete. */
export const TODAY = '2026-11-18';

const DAY_MS = 86_400_000;
const ms = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`);
const ymd = (t: number) => new Date(t).toISOString().slice(0, 10);

/** `offset` days after `from` (negative for before). */
export function shift(from: string, offset: number): string {
  return ymd(ms(from) + offset * DAY_MS);
}

/** `n` days before TODAY. */
export const daysAgo = (n: number, today = TODAY): string => shift(today, -n);

function monday(d: string): string {
  const dow = new Date(ms(d)).getUTCDay();
  return shift(d, -((dow + 6) % 7));
}

export interface ActivitySpec {
  id?: string;
  date: string;
  sport?: Sport;
  name?: string;
  distanceM?: number;
  movingTimeS?: number;
  load?: number;
  avgHr?: number;
  /** When set, the activity is also an (easy) efficiency point. */
  efficiency?: number;
  /** Defaults to distance / moving time; null models a point without speed. */
  speedMps?: number | null;
}

export interface FixtureOptions {
  today?: string;
  units?: Units;
  activities?: ActivitySpec[];
  /** Defaults to the earliest activity date (null without activities). */
  firstActivityDate?: string | null;
  /** Defaults to a CTL/ATL series computed from the activities' loads. */
  fitness?: FitnessDay[];
  pbEvents?: PbEvent[];
  /**
   * Defaults to the rule's verdict on the activities' days, or, when `firstActivityDate` is given, on
   * training every day from it to today (a history the fixture does not spell out).
   */
  establishment?: Establishment;
  /** Defaults to the days the default establishment reads. */
  trainingDays?: string[];
}

let nextId = 1;

/** A receipt for an activity, as the caller would load it ({ load } in values). */
export function receiptOf(a: ActivitySpec & { id: string }): Receipt {
  const sport = a.sport ?? 'run';
  return {
    activityId: a.id,
    date: a.date,
    name: a.name ?? `${sport} ${a.date}`,
    sport,
    distanceM: a.distanceM ?? 10_000,
    movingTimeS: a.movingTimeS ?? 3_000,
    values: { load: a.load ?? 50 },
  };
}

export function buildInputs(opts: FixtureOptions = {}): InsightInputs {
  const today = opts.today ?? TODAY;
  const acts = (opts.activities ?? [])
    .map((a) => ({ ...a, id: a.id ?? `act-${nextId++}` }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const twelveWeeksAgo = shift(today, -83);
  const recent = acts.filter((a) => a.date >= twelveWeeksAgo && a.date <= today);

  const activitiesByDate: Record<string, Receipt[]> = {};
  for (const a of recent) {
    const onDay = activitiesByDate[a.date] ?? [];
    activitiesByDate[a.date] = onDay;
    onDay.push(receiptOf(a));
  }

  const runs = recent
    .filter((a) => (a.sport ?? 'run') === 'run')
    .map((a) => {
      const receipt = receiptOf(a);
      return { receipt, distanceM: receipt.distanceM, movingTimeS: receipt.movingTimeS };
    });

  const efficiency: EfficiencyPoint[] = acts
    .filter((a) => a.efficiency !== undefined)
    .map((a) => {
      const r = receiptOf(a);
      return {
        activityId: a.id,
        date: a.date,
        name: r.name,
        sport: r.sport === 'ride' ? 'ride' : 'run',
        efficiency: a.efficiency ?? 0,
        avgHr: a.avgHr ?? 140,
        speedMps: a.speedMps === undefined ? r.distanceM / r.movingTimeS : a.speedMps,
        power: null,
        speedAtFixedHrMps: null,
        decouplingPct: null,
      };
    });

  // 13 Monday weeks, the last one the current week, summed from every activity.
  const current = monday(today);
  const weeks: WeekVolume[] = Array.from({ length: 13 }, (_, i) => {
    const weekStart = shift(current, -7 * (12 - i));
    const weekEnd = shift(weekStart, 6);
    const total = { distanceM: 0, movingS: 0, load: 0, count: 0 };
    for (const a of acts) {
      if (a.date < weekStart || a.date > weekEnd) continue;
      const r = receiptOf(a);
      total.distanceM += r.distanceM;
      total.movingS += r.movingTimeS;
      total.load += a.load ?? 50;
      total.count += 1;
    }
    return { weekStart, bySport: {}, total };
  });

  const firstActivityDate = opts.firstActivityDate !== undefined ? opts.firstActivityDate : (acts[0]?.date ?? null);
  const trainingDays =
    opts.trainingDays ??
    (opts.firstActivityDate === undefined ? [...new Set(acts.map((a) => a.date))] : everyDay(firstActivityDate, today));
  return {
    today,
    units: opts.units ?? 'km',
    firstActivityDate,
    trainingDays,
    establishment: opts.establishment ?? fitnessEstablishment(trainingDays, today),
    fitness: opts.fitness ?? fitnessFromLoads(acts, firstActivityDate, today),
    weeks,
    efficiency,
    runs,
    activitiesByDate,
    pbEvents: opts.pbEvents ?? [],
  };
}

function everyDay(first: string | null, today: string): string[] {
  const out: string[] = [];
  for (let d = first; d !== null && d <= today; d = shift(d, 1)) out.push(d);
  return out;
}

/** Standard 42/7-day exponentially weighted CTL/ATL from the first activity to today. */
function fitnessFromLoads(acts: ActivitySpec[], first: string | null, today: string): FitnessDay[] {
  if (first === null) return [];
  const out: FitnessDay[] = [];
  let ctl = 0;
  let atl = 0;
  for (let d = first; d <= today; d = shift(d, 1)) {
    const load = acts.filter((a) => a.date === d).reduce((s, a) => s + (a.load ?? 50), 0);
    const tsb = ctl - atl;
    ctl += (load - ctl) / 42;
    atl += (load - atl) / 7;
    out.push({ date: d, load, ctl, atl, tsb });
  }
  return out;
}

/**
 * An explicit fitness series ending at `today`: `days` ascending, the last entry is today.
 * Unspecified fields default to neutral values so a test sets only what it is about.
 */
export function fitnessEnding(days: Partial<Omit<FitnessDay, 'date'>>[], today = TODAY): FitnessDay[] {
  return days.map((d, i) => ({ date: shift(today, i - (days.length - 1)), load: 0, ctl: 50, atl: 50, tsb: 0, ...d }));
}

export function pbEvent(overrides: Partial<PbEvent> & { date: string }): PbEvent {
  const id = `pb-act-${nextId++}`;
  return {
    distanceM: 10_000,
    label: '10 km',
    timeS: 2_492,
    previousBestS: 2_530,
    previousDate: '2025-10-12',
    ageGradePct: 68.4,
    efforts: 12,
    receipt: receiptOf({
      id,
      date: overrides.date,
      name: 'Parkrun plus',
      distanceM: overrides.distanceM ?? 10_000,
      movingTimeS: overrides.timeS ?? 2_492,
    }),
    ...overrides,
  };
}

/** Words and marks the tone guide rules out of every sentence the engine writes. */
export const FORBIDDEN_TONE =
  /\b(should|must|great job|need to|consider|try to|make sure|don't forget|amazing|awesome|crushing|unfortunately)\b|!/i;

/**
 * An athlete with something to say for every kind: 12 weeks of easy runs with rising efficiency,
 * growing Sunday long runs, a heavy last week, a fast CTL ramp, four days of deep negative form and
 * two PB events (one a first-ever effort, which must not be reported).
 */
export function richInputs(units: Units = 'km'): InsightInputs {
  const activities: ActivitySpec[] = [];
  const start = '2026-08-24'; // a Monday, 12 weeks before the current week
  for (let i = 0; shift(start, i) <= TODAY; i++) {
    const date = shift(start, i);
    const dow = i % 7; // 0 = Monday
    const lastWeek = date >= '2026-11-09' && date <= '2026-11-15';
    if (dow === 1 || dow === 3) {
      activities.push({
        date,
        name: 'Easy run',
        distanceM: 8_000,
        movingTimeS: 2_640 - i * 2,
        avgHr: 142,
        efficiency: 1.3 + i * 0.001,
        load: lastWeek ? 90 : 45,
      });
    }
    if (dow === 5)
      activities.push({ date, sport: 'ride', name: 'Saturday ride', distanceM: 40_000, movingTimeS: 5_400, load: lastWeek ? 160 : 80 });
    if (dow === 6)
      activities.push({
        date,
        name: 'Long run',
        distanceM: 14_000 + i * 90,
        movingTimeS: (14_000 + i * 90) * 0.33,
        load: lastWeek ? 220 : 110,
      });
  }
  const fitness: FitnessDay[] = [];
  for (let d = '2026-06-01'; d <= TODAY; d = shift(d, 1)) {
    const back = (ms(TODAY) - ms(d)) / DAY_MS;
    const ctl = back >= 7 ? 40 : 40 + (7 - back) * 1.4;
    fitness.push({ date: d, load: 60, ctl, atl: ctl + 20, tsb: back < 4 ? -33 - back : -12 });
  }
  return buildInputs({
    units,
    activities,
    firstActivityDate: '2026-06-01',
    fitness,
    pbEvents: [
      pbEvent({
        date: '2026-11-15',
        distanceM: 21_097,
        label: 'half marathon',
        timeS: 5_703,
        previousBestS: 5_768,
        previousDate: '2025-04-06',
        ageGradePct: 64.2,
      }),
      pbEvent({
        date: '2026-11-01',
        distanceM: 42_195,
        label: 'marathon',
        timeS: 12_600,
        previousBestS: null,
        previousDate: null,
        ageGradePct: null,
      }),
    ],
  });
}
