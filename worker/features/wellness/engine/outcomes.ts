// The engine's outcomes: events on days, each with its receipt (the activity, or the day or week it came from).
// Built purely from the gathered EngineData; gatherOutcomes reads it for a range.
import { addDays, fromEpochDay, mondayOf, toEpochDay } from '../../../lib/dates';
import { type NumericFieldKey, PRECEDENCE } from '../wellness.fields';
import { type EngineData, trainingStart } from './engine-data';
import type { EngineReader } from './inputs';
import type { OutcomeEvent, OutcomeSpec } from './questions.calc';

/** The wellness fields each outcome reads (the others come from training only). */
export const OUTCOME_FIELDS: Readonly<Record<string, readonly NumericFieldKey[]>> = {
  weight_next_14d: ['weightKg'],
  pain_next_7d: ['injury'],
};

/** A week is interrupted when its load is under this share of the mean of the 4 weeks before. */
export const INTERRUPTED_SHARE = 0.5;

const round = (x: number, places = 2) => Math.round(x * 10 ** places) / 10 ** places;

/** Mondays whose whole week lies in from..to. */
function weeksOf(data: EngineData): string[] {
  const out: string[] = [];
  let m = mondayOf(data.from);
  if (m < data.from) m = addDays(m, 7);
  for (; addDays(m, 6) <= data.to; m = addDays(m, 7)) out.push(m);
  return out;
}

const dayRef = (day: string): OutcomeEvent['ref'] => ({ kind: 'day', id: day });

/**
 * PB margin: for each run with a counted effort at a distance run before, how much faster (in %) than the best
 * before it — positive for a PB, negative for slower; the run's best distance counts. First efforts at a distance
 * have nothing to beat and give no event.
 */
function pbMargins(data: EngineData): OutcomeEvent[] {
  const best = new Map<number, number>();
  const byActivity = new Map<string, { day: string; margin: number }>();
  // Days compared as code units (fixed YYYY-MM-DD, the same order): a locale comparison per pair was a hot spot.
  const efforts = [...data.efforts].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.activityId.localeCompare(b.activityId)));
  for (const e of efforts) {
    const prev = best.get(e.distanceM);
    if (prev !== undefined && e.day >= data.from && e.day <= data.to) {
      const margin = ((prev - e.timeS) / prev) * 100;
      const cur = byActivity.get(e.activityId);
      if (!cur || margin > cur.margin) byActivity.set(e.activityId, { day: e.day, margin });
    }
    if (prev === undefined || e.timeS < prev) best.set(e.distanceM, e.timeS);
  }
  return [...byActivity].map(([id, v]) => ({ day: v.day, value: round(v.margin), ref: { kind: 'activity', id } }));
}

/** The athlete's outcomes over the gathered window, always the same list (an outcome with no events is still asked). */
export function outcomesOf(data: EngineData): OutcomeSpec[] {
  const inRange = (d: string) => d >= data.from && d <= data.to;
  const acts = data.activities.filter((a) => inRange(a.day));
  const ef = (sport: string): OutcomeEvent[] =>
    acts
      .filter((a) => a.sport === sport && a.ef !== null)
      .map((a) => ({ day: a.day, value: round(a.ef!, 4), ref: { kind: 'activity', id: a.id } }));

  const grades = new Map<string, { day: string; value: number }>();
  for (const e of data.efforts)
    if (e.ageGradePct !== null && inRange(e.day)) {
      const cur = grades.get(e.activityId);
      if (!cur || e.ageGradePct > cur.value) grades.set(e.activityId, { day: e.day, value: round(e.ageGradePct) });
    }

  // Day numbers, not date strings, for the daily and weekly sums below (three years of days each pass).
  const E = toEpochDay;
  const byDayNumber = (days: Record<string, Partial<Record<string, number>>> | undefined) => {
    const out = new Map<number, number>();
    for (const [day, by] of Object.entries(days ?? {})) {
      const s = PRECEDENCE.find((p) => by[p] !== undefined);
      if (s) out.set(E(day), by[s]!);
    }
    return out;
  };
  const from = E(data.from);
  const to = E(data.to);

  // Weight: the day's value by precedence; a week's change is the mean of the 7 days 14 days on against its own.
  const weight = byDayNumber(data.wellness.weightKg);
  const weekMean = (monday: number) => {
    let s = 0;
    let n = 0;
    for (let i = 0; i < 7; i++) {
      const v = weight.get(monday + i);
      if (v !== undefined) {
        s += v;
        n++;
      }
    }
    return n >= 2 ? s / n : null;
  };
  const weeks = weeksOf(data);
  const weightEvents: OutcomeEvent[] = [];
  for (const m of weeks) {
    const e = E(m);
    if (e + 20 > to) break;
    const now = weekMean(e);
    const later = weekMean(e + 14);
    if (now !== null && later !== null) weightEvents.push({ day: m, value: round(later - now), ref: dayRef(m) });
  }

  const load = new Map<number, number>();
  for (const [day, l] of Object.entries(data.load)) load.set(E(day), l);
  const weekLoad = (m: number) => {
    let s = 0;
    for (let i = 0; i < 7; i++) s += load.get(m + i) ?? 0;
    return s;
  };
  // Whole weeks of the training record only: a week begun before it holds days nobody recorded.
  const start = trainingStart(data);
  const firstMonday = start === null ? null : E(mondayOf(start)) + (E(mondayOf(start)) < E(start) ? 7 : 0);
  const trained = weeks.filter((m) => firstMonday !== null && E(m) >= firstMonday);
  const consistency: OutcomeEvent[] = trained.map((m) => {
    const e = E(m);
    let n = 0;
    for (let i = 0; i < 7; i++) if ((load.get(e + i) ?? 0) > 0) n++;
    return { day: m, value: n, ref: dayRef(m) };
  });
  const interrupted: OutcomeEvent[] = [];
  for (const m of trained) {
    const e = E(m);
    if (e - 28 < firstMonday!) continue;
    let before = 0;
    for (let w = 1; w <= 4; w++) before += weekLoad(e - 7 * w);
    if (before <= 0) continue;
    interrupted.push({ day: m, value: weekLoad(e) < (INTERRUPTED_SHARE * before) / 4 ? 1 : 0, ref: dayRef(m) });
  }

  // Pain in the next 7 days: for each day whose next 7 days hold at least one answer about pain.
  const injury = byDayNumber(data.wellness.injury);
  const pain: OutcomeEvent[] = [];
  for (let d = from; d + 7 <= to; d++) {
    let known = false;
    let hurt = 0;
    for (let i = 1; i <= 7; i++) {
      const v = injury.get(d + i);
      if (v !== undefined) {
        known = true;
        if (v > 0) hurt = 1;
      }
    }
    if (known) {
      const day = fromEpochDay(d);
      pain.push({ day, value: hurt, ref: dayRef(day) });
    }
  }

  return [
    { key: 'easy_run_ef', label: 'easy-run efficiency', unit: 'm/min per bpm', events: ef('run') },
    { key: 'easy_ride_ef', label: 'easy-ride efficiency', unit: 'W per bpm', events: ef('ride') },
    {
      key: 'age_grade',
      label: 'age grade',
      unit: '%',
      events: [...grades].map(([id, g]) => ({ day: g.day, value: g.value, ref: { kind: 'activity', id } })),
    },
    {
      key: 'pb_margin',
      label: 'margin on your best before (PB when positive)',
      unit: '%',
      events: pbMargins(data),
      compare: 'difference',
    },
    {
      key: 'weight_next_14d',
      label: 'weight change over the next 2 weeks',
      unit: 'kg',
      events: weightEvents,
      per: 'week',
      compare: 'difference',
      // Its own 14 days before: the same change, sharing the Monday's readings (their noise alone correlates them).
      definedBy: ['weight_trend'],
    },
    // Days off are 7 − training days: asked together they are a week's training days against the last week's.
    { key: 'training_days', label: 'training days that week', unit: '', events: consistency, per: 'week', definedBy: ['days_off_7d'] },
    { key: 'pain_next_7d', label: 'chance of a pain flag in the next 7 days', unit: '', events: pain },
    {
      key: 'interrupted_week',
      label: 'chance of an interrupted week (load under half the 4 before)',
      unit: '',
      events: interrupted,
      per: 'week',
      // The ramp is the same ratio (a week's load against the 4 before), a week earlier.
      definedBy: ['load_ramp'],
    },
  ];
}

/** The athlete's outcomes for from..to, read through the engine's reader. */
export async function gatherOutcomes(read: EngineReader, from: string, to: string): Promise<OutcomeSpec[]> {
  return outcomesOf(await read(from, to));
}
