// The plan's receipts in words: the rules as a list, every week's why lines, every workout's why.

import type { GeneratorInput, Phase } from '../plans.types';
import type { BuiltWeek, DayWorkout } from './build-weeks';
import { type Periodization, taperShare } from './periodization.calc';
import { BRICK_MIN_WORK, GOALS, MASTERS_AGE, RACE_TSB, RAMP_CAP, RAMP_CAP_INTAKE, RAMP_MAX, STRENGTH_SESSIONS } from './plan-rules';
import { formatMinutes } from './steps.calc';
import { WEEKDAYS, weekdayOf } from './week-layout.calc';

const PHASE_WORD: Record<Phase, string> = { base: 'Base', build: 'Build', peak: 'Peak', taper: 'Taper', recovery: 'Recovery' };
const SPORT_WORD = { run: 'run', bike: 'ride', swim: 'swim', brick: 'brick', strength: 'strength' } as const;
const hours = (minutes: number) => `${(Math.round(minutes / 6) / 10).toFixed(1)} h`;
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`;
const dayName = (d: string) => WEEKDAYS[weekdayOf(d)]!;
const list = (xs: string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
const ordinal = (n: number) => (n === 3 ? '3rd' : `${n}th`);
const pct = (share: number) => `${Math.round(share * 100)} %`;

/** Race-day form the plan lands, and what fitness it is measured against (the eve's CTL). */
export interface RaceForm {
  tsb: number;
  ctl: number;
  /** Outside the window with the taper as far towards it as the rules allow (else whole sessions stepped over it). */
  atLimit: boolean;
}

/**
 * Outside +5…+15 the plan says why (null inside). Form is fitness minus fatigue in points: a taper sheds
 * fatigue, so the window is reachable only when fatigue can fall 5–15 points below fitness.
 */
export function raceFormLine(form: RaceForm | null): string | null {
  if (!form || (form.tsb >= RACE_TSB.low && form.tsb <= RACE_TSB.high)) return null;
  const head = `Race-day form: projected ${signed(form.tsb)}, ${form.tsb > RACE_TSB.high ? 'above' : 'below'} the +${RACE_TSB.low}…+${RACE_TSB.high} window`;
  const ctl = Math.round(form.ctl);
  if (!form.atLimit) return `${head}: one whole session more or less in the taper moves form across the window; the nearer side is kept.`;
  return form.tsb > RACE_TSB.high
    ? `${head} even with the lightest taper these rules allow (every taper week after the first at 70 % of peak). At a fitness (CTL) of ${ctl}, the short, easy days of race week shed fatigue faster than fitness: you start fresher than the window, not less fit.`
    : `${head} even with the deepest taper these rules allow (every taper week after the first at half its share). At a fitness (CTL) of ${ctl} there is little fatigue to shed while still training in race week: +${RACE_TSB.low} would take stopping.`;
}

/** Said when the starting CTL is the recent weeks' steady state, not the (zero-started) measured one. */
function estimatedLine(input: GeneratorInput): string[] {
  const days = input.fitness.estimatedFromDays;
  if (!days) return [];
  const weeks = Math.max(1, Math.round(days / 7));
  return [
    `Starting fitness (CTL ${Math.round(input.fitness.ctl)}) estimated from your last ${weeks} week${weeks === 1 ? '' : 's'}: your history is too short for a measured fitness, so it is the level your average daily load over those ${days} days sustains.`,
  ];
}

export function planRules(input: GeneratorInput, p: Periodization, form: RaceForm | null = null): string[] {
  const g = GOALS[input.goal.kind];
  const intake = input.fitness.source === 'intake';
  const caps = intake ? RAMP_CAP_INTAKE : RAMP_CAP;
  const taper = p.weeks.filter((w) => w.phase === 'taper').length;
  const longs = Object.entries(g.longCap).map(([sport, cap]) => {
    const share = Math.round((g.longShare[sport as 'run'] ?? 0.3) * 100);
    return `long ${SPORT_WORD[sport as 'run']} at most ${formatMinutes(cap)} and ${share} % of the week's ${SPORT_WORD[sport as 'run']} time`;
  });
  const rules = [
    p.eventDate
      ? `Plan: ${p.startDate} → ${p.eventDate} (${p.weeks.length} weeks); the race is the last day, a race-pace workout on the event date.`
      : `Plan: ${p.startDate} → ${p.endDate} (${p.weeks.length} weeks)${g.taperWeeks ? ', no event date: the goal distance’s usual length' : ', a rolling block with no taper'}.`,
    g.taperWeeks
      ? `Phases before the taper: base 45–50 %, build 30–35 %, peak 10–15 %; taper ${taper} week${taper === 1 ? '' : 's'} for a ${g.label.toLowerCase()}${
          g.longTaper && p.weeks.length >= g.longTaper.weeks ? ' (2 or 3: the length that lands race-day TSB nearer +5…+15)' : ''
        }.`
      : 'Phases: base, then build; no peak and no taper in a rolling block.',
    `Recovery week every ${ordinal(p.recoveryEvery)} week at 70 % volume (every 3rd from age ${MASTERS_AGE}), through base, build and peak; one due the week before the taper is not taken (the taper unloads).`,
    'Weekly volume grows at most 10 % a week; after a recovery week it returns to the level before it, not above.',
    intake
      ? 'Thin history (intake answers): week 1 at the answered volume, held for 3 weeks; CTL ramp at the bands’ lower bounds.'
      : 'Week 1 starts from your recent weekly hours, at most 10 % more.',
    ...estimatedLine(input),
    `No week exceeds your ${input.hoursPerWeek} h${input.includeStrength ? ', strength included' : ''}.`,
    `CTL ramp: base up to +${caps.base}/week, build and peak up to +${caps.build}; no 7 days above +${RAMP_MAX} (the race day aside).`,
    `Long sessions: ${list(longs)}; they grow at most 10 % a week from your longest recent one.`,
    'About 80/20: at most 20 % of training time at Z3 or harder; never two hard days in a row.',
    `Training only on your available days (${list(
      [...new Set(input.availableDays)].sort().map((d) => WEEKDAYS[d] ?? ''),
    )}), at most six a week: one full rest day.`,
  ];
  if (g.taperWeeks)
    rules.push(
      `Taper: 70 → 50 → 40 % of peak volume (training time); the first taper week holds its 70 %, the later ones are tuned between half their share and 70 % to land race-day TSB at +${RACE_TSB.low}…+${RACE_TSB.high}.`,
    );
  if (g.family === 'tri')
    rules.push(
      `Triathlon: ${g.sessionsPerSport} sessions per sport a week when days allow (2 on fewer than 5 days); a brick each build and peak week.`,
    );
  if (input.includeStrength)
    rules.push(
      `Strength: ${STRENGTH_SESSIONS.base} short sessions a week in base, ${STRENGTH_SESSIONS.build} from build on, none in race week; only on easy days.`,
    );
  rules.push('Planned load is on the dashboard’s scale: hours · IF² · 100 (swims IF³), so the projection and your chart agree.');
  const formLine = raceFormLine(form);
  if (formLine) rules.push(formLine);
  if (p.compressed)
    rules.push(
      `Compressed: ${p.weeks.length} weeks is less than the ${g.minWeeks} a ${g.label.toLowerCase()} usually takes; phases and taper shortened.`,
    );
  return rules;
}

function phaseLine(w: BuiltWeek, p: Periodization): string {
  const f = w.frame;
  const range = p.ranges[f.nominal];
  const weeks = range ? (range[0] === range[1] ? `week ${range[0]}` : `weeks ${range[0]}–${range[1]}`) : `week ${f.week}`;
  if (f.phase === 'recovery')
    return p.recoveryEvery === 3
      ? 'Recovery week: every 3rd week at 70 % volume (masters, 45+; every 4th below).'
      : 'Recovery week: every 4th week at 70 % volume (masters: every 3rd).';
  if (f.taper) {
    const share = taperShare(f.taper, w.taperScale);
    const tuned = share === f.taper.volume ? '' : ` (${pct(f.taper.volume)} tuned towards race-day form)`;
    if (f.raceWeek)
      return `Race week: the race on ${dayName(f.endDate)} ${f.endDate}; the days before it are short and easy, with one opener; training up to ${pct(share)} of peak volume${tuned}.`;
    return `Taper week ${f.taper.index + 1} of ${f.taper.of}: ${pct(share)} of peak volume${tuned}, intensity kept but shorter.`;
  }
  const what: Record<string, string> = {
    base: 'aerobic volume, one quality session a week, long sessions growing',
    build: 'two or three quality sessions a week: threshold and race-specific work',
    peak: 'the most race-specific weeks, volume at its highest',
  };
  return `${PHASE_WORD[f.phase]} (${weeks}): ${what[f.phase]}.`;
}

function volumeLine(w: BuiltWeek, prev: BuiltWeek | null, input: GeneratorInput, recent: number): string {
  const h = hours(w.minutes);
  const change =
    prev && prev.minutes > 0 ? ` (${signed(((w.minutes - prev.minutes) / prev.minutes) * 100).replace('.0', '')} % on last week)` : '';
  switch (w.reason) {
    case 'start':
      return input.fitness.source === 'intake'
        ? `Week 1: ${h} of training, your answered ${hours(recent)}/week (thin history: no +10 %).`
        : `Week 1: ${h} of training, from your recent ${hours(recent)}/week plus at most 10 %.`;
    case 'floor':
      return `Week 1: ${h}, the least a plan starts from (your recent ${hours(recent)}/week is less).`;
    case 'intake_hold':
      return `${h}${change}: thin history, so held at your answered ${hours(recent)}/week for the first 3 weeks.`;
    case 'progression':
      return `${h}${change}: rising evenly towards your ${input.hoursPerWeek} h by the end of base, never more than +10 % a week.`;
    case 'growth':
      return `${h}${change}: +10 % is the most a week may add.`;
    case 'return':
      return `${h}${change}: back to the level before the recovery week, not above it.`;
    case 'cap':
      return `${h}${change}: your limit of ${input.hoursPerWeek} h a week${input.includeStrength ? ' with strength' : ''}.`;
    case 'recovery':
      return `${h}: 70 % of the week before.`;
    default:
      return `${h} of training${w.frame.raceWeek ? ' before the race' : ''}.`;
  }
}

export function weekWhy(
  w: BuiltWeek,
  prev: BuiltWeek | null,
  input: GeneratorInput,
  p: Periodization,
  recent: number,
  form: RaceForm | null = null,
): string[] {
  const lines = [phaseLine(w, p), volumeLine(w, prev, input, recent)];
  const formLine = w.frame.raceWeek ? raceFormLine(form) : null;
  if (formLine) lines.push(formLine);
  if (w.frame.week === 1 && p.compressed)
    lines.push(`Compressed plan: ${p.weeks.length} weeks to the event; phases shortened (see the rules).`);
  if (w.frame.taperNext)
    lines.push(
      `No recovery week here although one is due (every ${ordinal(p.recoveryEvery)} week): the taper starts next week and unloads instead.`,
    );
  const gain = w.ctlEnd - w.ctlStart;
  let ramp = w.frame.raceWeek
    ? `Projected CTL ${w.ctlStart.toFixed(0)} → ${w.ctlEnd.toFixed(0)} on race day (the race's own load included).`
    : `Projected CTL ${w.ctlStart.toFixed(0)} → ${w.ctlEnd.toFixed(0)} (${signed(gain)} this week; cap +${w.rampCap}, never above +${RAMP_MAX}).`;
  if (w.trimmedForRamp) ramp += ` Trimmed from ${hours(w.target)} to keep the ramp inside.`;
  else if (w.trimmedForLoad && w.loadKept && w.loadRef !== null)
    ramp += ` Trimmed from ${hours(w.target)} to keep planned load within +10 % of the last loading week's ${Math.round(w.loadRef)}.`;
  if (!w.loadKept && w.loadRef !== null)
    ramp += ` Load more than +10 % over the last loading week's ${Math.round(w.loadRef)} in no more time: this phase's sessions, in whole 5 minutes, need it.`;
  lines.push(ramp);
  lines.push(`Hard time ${Math.round(w.hardShare * 100)} % of the week's training (80/20: at most 20 %).`);
  const longs = w.workouts.filter((x) => x.spec.role === 'long').map((x) => `long ${SPORT_WORD[x.spec.sport]} on ${dayName(x.date)}`);
  const rest = w.days.dates.filter((d) => !w.workouts.some((x) => x.date === d)).map(dayName);
  const parts = [
    ...longs,
    w.hardDates.length ? `hard on ${list(w.hardDates.map(dayName))}, never back to back` : 'no hard day',
    rest.length ? `rest on ${list(rest)}` : '',
  ].filter(Boolean);
  lines.push(`${parts.join('; ')}.`.replace(/^./, (c) => c.toUpperCase()));
  const madeEasy = w.workouts.filter((x) => x.madeEasy).length;
  if (madeEasy)
    lines.push(`${madeEasy} hard session${madeEasy > 1 ? 's' : ''} made easy: no free day that is not next to another hard day.`);
  return lines;
}

/** "threshold run", "race-pace ride", "swim intervals". */
function hardPhrase(type: string, sport: string): string {
  if (type === 'intervals') return `${sport} intervals`;
  const word: Record<string, string> = { race_pace: 'race-pace', vo2max: 'VO2max' };
  return `${word[type] ?? type} ${sport}`;
}

export function workoutWhy(x: DayWorkout, w: BuiltWeek, input: GeneratorInput, form: RaceForm | null): string {
  const f = w.frame;
  const at = f.raceWeek ? 'Race week' : `${PHASE_WORD[f.phase]} week ${f.week}`;
  const s = x.spec;
  const zone = x.session.intensity?.zone;
  const sport = SPORT_WORD[s.sport];
  const hardDays = w.hardDates.length;
  switch (s.role) {
    case 'race':
      return `Race day: the event date, where the plan ends; the taper aims at a race-day TSB of +${RACE_TSB.low}…+${RACE_TSB.high}${form === null ? '' : ` (projected ${signed(form.tsb)}${raceFormLine(form) ? ', outside it: see the plan’s rules' : ''})`}.`;
    case 'shakeout':
      return 'Race eve: short and easy with a few strides, to stay loose without adding fatigue.';
    case 'opener':
      return `${at}: a short race-pace opener, at least two days before the race, keeps the legs sharp without tiring them.`;
    case 'strength':
      return `${at}: optional strength on a day without hard work (1–2 short sessions a week${input.includeStrength ? ', as you asked' : ''}).`;
    case 'long':
      return `${at}: the week's long ${sport} at Z2, capped by the goal's longest, a share of the week's ${sport} time and +10 % a week.`;
    case 'hard':
      if (s.sport === 'brick') {
        if (s.work < BRICK_MIN_WORK)
          return `${at}: an easy brick (ride, then straight onto the run), one every build and peak week; this week is too short for hard sets in it, so it rehearses the change only.`;
        const when = f.phase === 'taper' ? 'a shorter one in the taper' : 'one every build and peak week';
        return `${at}: a brick (bike, then straight onto the run), ${when}; one of ${hardDays} hard days, never back to back.`;
      }
      return `${at}: ${hardPhrase(s.type, sport)} at Z${zone}, one of ${hardDays} hard day${hardDays === 1 ? '' : 's'} this week, never back to back; hard time stays ≤ 20 % of the week.`;
    default: {
      if (x.madeEasy) return `${at}: easy ${sport}; a hard session was planned here but no day was free of a hard neighbour.`;
      if (s.type === 'technique') return `${at}: swim technique with drills, part of the 80 % kept easy.`;
      const why = f.phase === 'recovery' ? 'a recovery week lets the last weeks’ work sink in' : 'part of the 80 % of the week kept easy';
      return `${at}: easy ${sport} at Z${zone ?? 2}${s.strides ? ' with strides to keep the legs quick' : ''}; ${why}.`;
    }
  }
}
