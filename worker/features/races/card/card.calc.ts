// The race card's sections from plain inputs: no clock, no database. Constants with evidence are named at the
// top with their source; rules that are coaching practice rather than evidence say so on the card.
import { addDays } from '../../../lib/dates';
import { formatPace, formatRaceTime, formatWeekdayDate } from '../../../lib/format';
import type { FuelStop } from '../fuelling/fuelling.calc';
import type { PacingPlan } from '../pacing.calc';
import type { FuelCheckpoint, ChecklistItem, ContingencyLine, SplitRow, TaperWeek, TimelineItem } from './card.types';

/** Breakfast: 1–4 g carbohydrate per kg body mass 1–4 h before (Thomas, Erdman & Burke 2016, ACSM/AND/DC position stand). */
export const BREAKFAST_CARB_G_PER_KG = { low: 1, high: 4 } as const;
export const BREAKFAST_BEFORE_MIN = 180;
/** Drink 5–7 mL/kg slowly ≥ 4 h before; 3–5 mL/kg more ~2 h before if no urine or it is dark (ACSM 2007, Sawka et al.). */
export const PRE_DRINK_ML_PER_KG = { low: 5, high: 7 } as const;
export const TOP_UP_ML_PER_KG = { low: 3, high: 5 } as const;
export const LAST_DRINK_BEFORE_MIN = 120;
/** Waking 30 min before breakfast, at the start 10 min before: coaching practice, not evidence. */
const WAKE_BEFORE_BREAKFAST_MIN = 30;
const AT_START_BEFORE_MIN = 10;
/** The taper's reference: cut volume 40–60 %, keep intensity (Mujika & Padilla 2003; the plan's rule, ADR 016). */
export const TAPER_CUT = { low: 0.4, high: 0.6 } as const;
/** The weeks before the taper it is compared with (the plan's peak block). */
export const TAPER_BASE_WEEKS = 3;
/** Race-day form the plan aims for (ADR 016): TSB +5 to +15. */
export const TARGET_TSB = { low: 5, high: 15 } as const;
/** The split count the preview shows. */
export const PREVIEW_SPLITS = 3;

const COACHING = 'Coaching practice, not a published figure.';

/** The warm-up by distance: longer for short races run near VO2max, a short jog before long ones (coaching practice). */
function warmUp(distanceM: number): { minutes: number; what: string } {
  if (distanceM <= 10_500) return { minutes: 20, what: '15–20 min easy running, drills and 3–4 strides at race pace' };
  if (distanceM <= 21_500) return { minutes: 15, what: '10 min easy running and 2–3 short strides' };
  return { minutes: 10, what: '5–10 min easy jogging; save the glycogen for the race' };
}

/** "HH:MM" minus `minutes`, wrapped to the day before when it crosses midnight. */
export function clockBefore(start: string, minutes: number): { clock: string; dayBefore: boolean } {
  const at = Number(start.slice(0, 2)) * 60 + Number(start.slice(3, 5)) - minutes;
  const m = ((at % 1440) + 1440) % 1440;
  return { clock: `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`, dayBefore: at < 0 };
}

/** The athlete's body mass and where it comes from (their newest sweat test's "before"), for the per-kg amounts. */
export interface BodyMass {
  kg: number;
  date: string;
}

/**
 * Race morning counted back from the start: wake, breakfast, drinks, warm-up, the start line. With the athlete's
 * body mass the per-kg amounts are in grams and millilitres for them; without, per kg with a 60 kg example.
 */
export function morningTimeline(start: string, distanceM: number, mass: BodyMass | null = null): TimelineItem[] {
  const w = warmUp(distanceM);
  const item = (before: number, what: string, basis: string): TimelineItem => ({
    beforeStartMin: before,
    ...clockBefore(start, before),
    what,
    basis,
  });
  const carb = BREAKFAST_CARB_G_PER_KG;
  const kg = mass?.kg ?? null;
  const perKg = (r: { low: number; high: number }, unit: string, step: number) =>
    kg === null
      ? `${r.low}–${r.high} ${unit}/kg`
      : `${Math.round((r.low * kg) / step) * step}–${Math.round((r.high * kg) / step) * step} ${unit}`;
  const breakfast =
    kg === null
      ? `Breakfast: ${carb.low}–${carb.high} g carbohydrate per kg body mass (60 kg: ${60 * carb.low}–${60 * carb.high} g)`
      : `Breakfast: ${perKg(carb, 'g', 5)} carbohydrate (${carb.low}–${carb.high} g/kg at your ${Math.round(kg)} kg, from your sweat test of ${mass!.date})`;
  return [
    item(BREAKFAST_BEFORE_MIN + WAKE_BEFORE_BREAKFAST_MIN, 'Wake up; a glass of water', COACHING),
    item(
      BREAKFAST_BEFORE_MIN,
      `${breakfast}, familiar, low in fibre and fat; drink ${perKg(PRE_DRINK_ML_PER_KG, 'mL', 50)} slowly`,
      'Thomas, Erdman & Burke 2016 (ACSM/AND/DC position stand): 1–4 g/kg 1–4 h before; Sawka et al. 2007 (ACSM) for the drink.',
    ),
    item(
      LAST_DRINK_BEFORE_MIN,
      `Last big drink: ${perKg(TOP_UP_ML_PER_KG, 'mL', 50)} if your urine is still dark, then sips only`,
      'Sawka et al. 2007 (ACSM position stand on fluid replacement).',
    ),
    item(w.minutes + AT_START_BEFORE_MIN, `Warm-up: ${w.what}`, COACHING),
    item(AT_START_BEFORE_MIN, 'In the start area: toilet done, bib on, fuel in pockets', COACHING),
    item(0, 'Start', 'Your start time.'),
  ];
}

/** The splits the card prints: end distance, pace and clock from the pacing plan. */
export const splitRows = (plan: { splits: readonly Pick<PacingPlan['splits'][number], 'toM' | 'paceS' | 'clockS'>[] }): SplitRow[] =>
  plan.splits.map((s) => ({ toM: s.toM, paceS: s.paceS, clockS: s.clockS }));

/** What the card needs of a planned workout. */
export interface CardWorkout {
  date: string;
  title: string;
  sport: string;
  type: string;
  durationSec: number;
  targetLoad: number;
  phase: string;
  week: number;
  skipped: boolean;
}

export interface TaperSummary {
  weeks: TaperWeek[];
  taperWeeks: number;
  beforeLoad: number;
  taperLoad: number;
  dropFraction: number | null;
}

/**
 * The plan's last weeks by its own week numbers: the taper weeks (phase `taper`) and the `TAPER_BASE_WEEKS` weeks
 * before them, each week's planned load and time; race day and skipped workouts are left out (ADR 016 does not
 * count the race).
 */
export function taperSummary(workouts: readonly CardWorkout[], raceDate: string): TaperSummary {
  const byWeek = new Map<number, CardWorkout[]>();
  for (const w of workouts) if (w.date < raceDate) byWeek.set(w.week, [...(byWeek.get(w.week) ?? []), w]);
  const numbers = [...byWeek.keys()].sort((a, b) => a - b);
  const isTaper = (n: number) => byWeek.get(n)!.some((w) => w.phase === 'taper');
  const firstTaper = numbers.find(isTaper);
  const taperNumbers = firstTaper === undefined ? [] : numbers.filter((n) => n >= firstTaper);
  const baseNumbers = numbers.filter((n) => firstTaper === undefined || n < firstTaper).slice(-TAPER_BASE_WEEKS);
  const weekOf = (n: number, taper: boolean): TaperWeek => {
    const rows = byWeek.get(n)!;
    const counted = rows.filter((w) => !w.skipped);
    const dates = rows.map((w) => w.date).sort();
    return {
      week: n,
      from: dates[0]!,
      to: dates.at(-1)!,
      phase: rows[0]!.phase,
      load: counted.reduce((s, w) => s + w.targetLoad, 0),
      timeS: counted.reduce((s, w) => s + w.durationSec, 0),
      taper,
    };
  };
  const weeks = [...baseNumbers.map((n) => weekOf(n, false)), ...taperNumbers.map((n) => weekOf(n, true))];
  const mean = (xs: TaperWeek[]) => (xs.length ? xs.reduce((s, w) => s + w.load, 0) / xs.length : 0);
  const beforeLoad = mean(weeks.filter((w) => !w.taper));
  const taperLoad = mean(weeks.filter((w) => w.taper));
  return {
    weeks,
    taperWeeks: taperNumbers.length,
    beforeLoad,
    taperLoad,
    dropFraction: beforeLoad > 0 && taperNumbers.length > 0 ? (beforeLoad - taperLoad) / beforeLoad : null,
  };
}

/** The taper's receipt in words: the weeks, the cut against the published band, race-day form against the plan's aim. */
export function taperBasis(t: TaperSummary, form: { tsb: number; ctl: number } | null): string {
  const parts = [
    `Mean planned load of ${t.taperWeeks} taper week${t.taperWeeks === 1 ? '' : 's'} against the ${t.weeks.length - t.taperWeeks} weeks before.`,
    `Published taper: cut volume ${TAPER_CUT.low * 100}–${TAPER_CUT.high * 100} %, keep intensity (Mujika & Padilla 2003; ADR 016).`,
  ];
  if (form) parts.push(`Race-day form from the plan's forward PMC; the plan aims for TSB +${TARGET_TSB.low} to +${TARGET_TSB.high}.`);
  return parts.join(' ');
}

/** Race week: the plan's workouts of the six days before the race, then kit, logistics, bib and course. */
export function raceWeekChecklist(workouts: readonly CardWorkout[], raceDate: string): ChecklistItem[] {
  const from = addDays(raceDate, -6);
  const planned = workouts
    .filter((w) => w.date >= from && w.date < raceDate && !w.skipped && w.sport !== 'rest' && w.type !== 'rest')
    .sort((a, b) => a.date.localeCompare(b.date))
    .map(
      (w): ChecklistItem => ({
        date: w.date,
        kind: 'workout',
        text: `${formatWeekdayDate(w.date)}: ${w.title} (${Math.round(w.durationSec / 60)} min)`,
      }),
    );
  const eve = formatWeekdayDate(addDays(raceDate, -1));
  return [
    ...planned,
    { date: null, kind: 'kit', text: 'Race kit and shoes worn on a long run already; nothing new on race day' },
    { date: null, kind: 'kit', text: `${eve}: kit laid out, watch charged, gels or drinks packed` },
    { date: null, kind: 'logistics', text: 'Travel, the route to the start, bag drop and where to meet afterwards' },
    { date: null, kind: 'bib', text: 'Bib and timing chip collected; bib pinned the evening before' },
    { date: null, kind: 'course', text: 'Course checked: start area, hills, aid stations and toilets' },
    { date: null, kind: 'fuel', text: 'Race-morning breakfast tried before a long run' },
  ];
}

/** A triathlon's two transitions, in the order they are done (race-briefing practice, not a published figure). */
export function transitionsChecklist(): ChecklistItem[] {
  const t = (text: string): ChecklistItem => ({ date: null, kind: 'logistics', text });
  return [
    t('Walk the transition area the day before: swim in, bike out, bike in, run out; find your rack by a landmark'),
    t('T1: goggles and cap off, wetsuit down to the waist while running in, helmet on and buckled before touching the bike'),
    t('T1: mount the bike only after the mount line'),
    t('T2: dismount before the line, rack the bike, then the helmet off'),
    t('T2: shoes (elastic laces), race belt with the bib to the front, cap and gel, go'),
  ];
}

/** Six short rules, their numbers from the prediction's range and the even-pace target. */
export function contingencies(
  distanceM: number,
  range: { lowS: number; midS: number; highS: number },
  unit: 'km' | 'mile',
): ContingencyLine[] {
  const per = unit === 'km' ? 1000 : 1609.344;
  const u = unit === 'km' ? 'km' : 'mi';
  const pace = (s: number) => formatPace((s / distanceM) * per, u);
  const fast = pace(range.lowS);
  const target = pace(range.midS);
  const slow = pace(range.highS);
  const fromRange = 'The prediction’s 80 % range and its middle, at even pace.';
  const long = distanceM >= 30_000;
  return [
    {
      situation: 'tooFastEarly',
      title: 'Too fast early',
      rule: `Faster than ${fast} (your range’s fast end) in the first half: ease to ${target}. Time banked early is paid back with interest.`,
      basis: fromRange,
    },
    {
      situation: 'fallingBehind',
      title: 'Falling behind',
      rule: `At halfway past ${formatRaceTime(range.highS / 2)} (the slow end’s half): hold ${slow} and finish strong; do not chase the lost time.`,
      basis: fromRange,
    },
    {
      situation: 'heat',
      title: 'Heat',
      rule: `Warm or humid: run by effort, aim for ${slow} or slower, pour water over you, drink to thirst.`,
      basis: 'Marathon times slow as the heat rises (Ely et al. 2007); the pace is your range’s slow end.',
    },
    {
      situation: 'giTrouble',
      title: 'Stomach trouble',
      rule: 'Stop new carbohydrate for 15–20 min, sip water, slow 10–15 s per km, then resume at half the rate.',
      basis: COACHING,
    },
    {
      situation: 'cramp',
      title: 'Cramp',
      rule: 'Slow to a jog or walk for 1–2 min and stretch the muscle gently for 30 s; restart at the slow end, ' + slow + '.',
      basis: 'Cramp goes with fatigue more than with salt or fluid loss (Schwellnus 2009).',
    },
    {
      situation: 'wall',
      title: long ? 'The wall (30 km on)' : 'The last third',
      rule: long
        ? `Pace falling by more than 10 s per km: take carbohydrate now, shorten the stride, hold ${slow} to the finish.`
        : `Hurting with a third to go: shorten the stride, count strides to 100, hold ${target}; the pain is expected, not a warning.`,
      basis: long ? 'Glycogen runs low near 30 km at marathon pace (Rapoport 2010); the pace is your range’s slow end.' : COACHING,
    },
  ];
}

/** The fuelling plan's stops as the card's checkpoints ("what to take"), for the caller that reads the Fuelling tab's plan. */
export function fuelCheckpoints(stops: readonly FuelStop[]): FuelCheckpoint[] {
  // A range whose ends round alike is one figure ("0.21 L", not "0.21–0.21 L").
  const span = (l: { low: number; high: number }, f: (x: number) => string) =>
    f(l.low) === f(l.high) ? f(l.low) : `${f(l.low)}–${f(l.high)}`;
  const litres = (l: { low: number; high: number }) => `${span(l, (x) => x.toFixed(2))} L fluid`;
  return stops.map((s) => ({
    atM: s.distanceM,
    clockS: s.clockS,
    take: `${Math.round(s.carbsG)} g carbohydrate, ${litres(s.fluidL)}, ${span(s.sodiumMg, (x) => String(Math.round(x)))} mg sodium`,
  }));
}
