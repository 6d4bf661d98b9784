// wellness_days and sleep_before_best: the athlete's wellness for the coach, read with the `ai` data use (the
// wellness policy's sources, ADR 074) and runs from the sources the activity policy lets into a model. Every
// number is a fact tied to its day (and, for a run, its activity), so the claim checker can hold the answer to it.
import { z } from 'zod';
import { addDays, daysBetween } from '../../../lib/dates';
import type { CoachReceipt, CoachTool, ToolContext, ToolFact, ToolResult } from '../coach.types';
import { type CoachToolDeps, fact, LocalDate, result, withheldIn, withheldNote } from './tool-kit';
import { round } from './units';

/** The wellness policy's data use for a model request. */
const AI = 'ai' as const;
/** At most this many days are read at once (the wellness service's own limit is a year). */
const MAX_DAYS = 366;

const FIELDS = {
  sleepHours: { label: 'sleep', unit: 'h', dp: 2 },
  sleepQuality: { label: 'sleep quality (1–4)', unit: 'scale', dp: 0 },
  soreness: { label: 'soreness (1–4)', unit: 'scale', dp: 0 },
  fatigue: { label: 'fatigue (1–4)', unit: 'scale', dp: 0 },
  stress: { label: 'stress (1–4)', unit: 'scale', dp: 0 },
  mood: { label: 'mood (1–4)', unit: 'scale', dp: 0 },
  motivation: { label: 'motivation (1–4)', unit: 'scale', dp: 0 },
  restingHr: { label: 'resting heart rate', unit: 'bpm', dp: 0 },
  hrvRmssd: { label: 'HRV (rMSSD)', unit: 'ms', dp: 0 },
  weight: { label: 'weight', unit: 'weight', dp: 1 },
  bodyFatPct: { label: 'body fat', unit: '%', dp: 1 },
  sleepScore: { label: 'sleep score (device, 0–100)', unit: 'score', dp: 0 },
  steps: { label: 'steps', unit: 'count', dp: 0 },
} as const;
type Field = keyof typeof FIELDS;
const FIELD_KEYS = Object.keys(FIELDS) as [Field, ...Field[]];

const SOURCE_NAMES: Record<string, string> = {
  checkin: 'check-in',
  garmin: 'Garmin',
  polar: 'Polar',
  garmin_export: 'Garmin export',
  fit: 'FIT file',
};
const sourceName = (s: string) => SOURCE_NAMES[s] ?? s;

export const WellnessDaysInput = z
  .object({
    from: LocalDate.optional().describe('First local day. Default: 13 days before `to`.'),
    to: LocalDate.optional().describe('Last local day. Default: today.'),
    fields: z.array(z.enum(FIELD_KEYS)).min(1).optional().describe('Only these fields. Default: all.'),
  })
  .strict();
export type WellnessDaysInput = z.infer<typeof WellnessDaysInput>;

export const SleepBeforeBestInput = z
  .object({
    from: LocalDate.optional().describe('First local day of the window. Default: 89 days before `to` (13 weeks).'),
    to: LocalDate.optional().describe('Last local day. Default: today.'),
    by: z
      .enum(['age_grade', 'efficiency'])
      .optional()
      .describe('Rank runs by age grade (needs birth date and sex) or easy-run efficiency. Default: age grade when known.'),
    limit: z.number().int().min(1).max(10).optional().describe('How many best runs (1..10). Default 5.'),
  })
  .strict();
export type SleepBeforeBestInput = z.infer<typeof SleepBeforeBestInput>;

type Day = { day: string; fields: Record<string, { value: number | string | boolean; source: string }> };

function windowOf(ctx: ToolContext, from: string | undefined, to: string | undefined, days: number) {
  const end = to && to < ctx.today ? to : ctx.today;
  let start = from ?? addDays(end, -(days - 1));
  if (daysBetween(start, end) >= MAX_DAYS) start = addDays(end, -(MAX_DAYS - 1));
  return start > end ? null : { from: start, to: end };
}

const numeric = (d: Day, k: string): { value: number; source: string } | null => {
  const f = d.fields[k];
  return f && typeof f.value === 'number' ? { value: f.value, source: f.source } : null;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function readDays(deps: CoachToolDeps, ctx: ToolContext, w: { from: string; to: string }) {
  if (!deps.wellness) return null;
  const r = await deps.wellness.days({ id: ctx.athlete.id, units: ctx.athlete.units, timeZone: ctx.athlete.timeZone }, w.from, w.to, AI);
  return { weightUnit: r.weightUnit, days: r.days as Day[] };
}

const NOT_AVAILABLE = 'Wellness is not available to the coach right now.';

export async function wellnessDays(deps: CoachToolDeps, ctx: ToolContext, input: WellnessDaysInput): Promise<ToolResult> {
  const w = windowOf(ctx, input.from, input.to, 14);
  if (!w) return result(ctx, 'wellness_days', null, { empty: 'That window is in the future.' });
  const read = await readDays(deps, ctx, w);
  if (!read) return result(ctx, 'wellness_days', w, { empty: NOT_AVAILABLE });
  const fields = input.fields ?? FIELD_KEYS;
  const facts: ToolFact[] = [];
  const rows: Record<string, unknown>[] = [];
  for (const d of read.days) {
    const row: Record<string, unknown> = { day: d.day };
    for (const k of fields) {
      const v = numeric(d, k);
      if (!v) continue;
      const spec = FIELDS[k];
      const unit = spec.unit === 'weight' ? read.weightUnit : spec.unit;
      facts.push(fact(`${d.day} ${spec.label} (${sourceName(v.source)})`, round(v.value, spec.dp), unit));
      row[k] =
        `${round(v.value, spec.dp)}${unit === 'scale' || unit === 'count' || unit === 'score' ? '' : ` ${unit}`} (${sourceName(v.source)})`;
    }
    if (Object.keys(row).length > 1) rows.push(row);
  }
  if (facts.length === 0)
    return result(ctx, 'wellness_days', w, { empty: `No wellness recorded between ${w.from} and ${w.to} that the coach may use.` });
  for (const k of fields) {
    const xs = read.days.flatMap((d) => numeric(d, k)?.value ?? []);
    if (xs.length < 2) continue;
    const spec = FIELDS[k];
    const unit = spec.unit === 'weight' ? read.weightUnit : spec.unit;
    facts.push(fact(`average ${spec.label} ${w.from} to ${w.to} (${xs.length} days)`, round(mean(xs), Math.max(1, spec.dp)), unit));
  }
  return result(ctx, 'wellness_days', w, {
    facts,
    data: { days: rows },
    notes: [
      'Each value names its source; the athlete’s own check-in wins over a device for the same field. Scales run 1–4 (higher = more of what the field names). Sleep counts on the day the athlete woke up.',
    ],
  });
}

interface BestRun {
  activityId: string;
  date: string;
  name: string;
  score: number;
  /** The measure's words and unit for the fact: "age grade" %, "efficiency" (m per beat). */
  receipt: Omit<CoachReceipt, 'values'>;
}

/** Age grade reads the window in up to this many parts (a week at least: 90 days are 13 weeks): each part's best efforts are candidates. */
const PARTS = 13;

/** The window cut into parts of equal length (the last one shorter). */
function partsOf(w: { from: string; to: string }): { from: string; to: string }[] {
  const len = Math.max(7, Math.ceil((daysBetween(w.from, w.to) + 1) / PARTS));
  const out: { from: string; to: string }[] = [];
  for (let from = w.from; from <= w.to; from = addDays(from, len)) {
    const to = addDays(from, len - 1);
    out.push({ from, to: to < w.to ? to : w.to });
  }
  return out;
}

/**
 * The athlete's best runs in the window: by age grade (the runs holding each part of the window's best efforts,
 * by their best graded effort), or by easy-run efficiency when no effort can be graded (no birth date or sex).
 */
async function bestRuns(
  deps: CoachToolDeps,
  ctx: ToolContext,
  w: { from: string; to: string },
  by: 'age_grade' | 'efficiency' | undefined,
) {
  if (by !== 'efficiency') {
    const efforts = (await Promise.all(partsOf(w).map((p) => deps.analytics.runBestsBetween(ctx.athlete, AI, p.from, p.to)))).flat();
    const byActivity = new Map<string, BestRun>();
    for (const e of efforts) {
      if (e.ageGradePct === null) continue;
      const id = e.receipt.activityId;
      const known = byActivity.get(id);
      if (!known || e.ageGradePct > known.score)
        byActivity.set(id, {
          activityId: id,
          date: e.date,
          name: e.receipt.name,
          score: e.ageGradePct,
          receipt: { activityId: id, date: e.date, name: e.receipt.name, sport: 'run' },
        });
    }
    if (byActivity.size > 0 || by === 'age_grade') return { by: 'age_grade' as const, runs: [...byActivity.values()] };
  }
  const weeks = Math.min(52, Math.max(4, Math.ceil((daysBetween(w.from, ctx.today) + 1) / 7)));
  const e = await deps.analytics.efficiency(ctx.athlete, weeks, AI);
  const runs = e.runs.points
    .filter((p) => p.date >= w.from && p.date <= w.to)
    .map((p) => ({
      activityId: p.activityId,
      date: p.date,
      name: p.name,
      score: p.efficiency,
      receipt: { activityId: p.activityId, date: p.date, name: p.name, sport: p.sport },
    }));
  return { by: 'efficiency' as const, runs };
}

export async function sleepBeforeBest(deps: CoachToolDeps, ctx: ToolContext, input: SleepBeforeBestInput): Promise<ToolResult> {
  const w = windowOf(ctx, input.from, input.to, 90);
  if (!w) return result(ctx, 'sleep_before_best', null, { empty: 'That window is in the future.' });
  const [read, ranked, withheld] = await Promise.all([
    readDays(deps, ctx, w),
    bestRuns(deps, ctx, w, input.by),
    withheldIn(deps, ctx, w, ['run']),
  ]);
  const notes = withheldNote(withheld);
  if (!read) return result(ctx, 'sleep_before_best', w, { empty: NOT_AVAILABLE, withheld, notes });
  const what = ranked.by === 'age_grade' ? 'age grade' : 'efficiency';
  const best = [...ranked.runs].sort((a, b) => b.score - a.score || a.date.localeCompare(b.date)).slice(0, input.limit ?? 5);
  if (best.length === 0)
    return result(ctx, 'sleep_before_best', w, {
      empty:
        ranked.by === 'age_grade'
          ? `No runs with an age grade between ${w.from} and ${w.to}.`
          : `No easy runs with heart rate between ${w.from} and ${w.to} to rank by efficiency.`,
      withheld,
      notes,
    });
  const sleepOn = new Map(read.days.flatMap((d) => (numeric(d, 'sleepHours') ? [[d.day, numeric(d, 'sleepHours')!] as const] : [])));
  const facts: ToolFact[] = [];
  const receipts: CoachReceipt[] = [];
  const before: number[] = [];
  for (const r of best) {
    // Sleep counts on the day the athlete woke up: the night before a run is the run's own day.
    const s = sleepOn.get(r.date);
    const tag = `${r.date} ${r.name}`;
    const ids = [r.activityId];
    const score = ranked.by === 'age_grade' ? round(r.score, 1) : round(r.score, 3);
    facts.push({ ...fact(`${tag}: ${what}`, score, ranked.by === 'age_grade' ? '%' : undefined), activityIds: ids });
    if (s) {
      before.push(s.value);
      facts.push({ ...fact(`${tag}: sleep the night before (${sourceName(s.source)})`, round(s.value, 2), 'h'), activityIds: ids });
    } else facts.push({ ...fact(`${tag}: sleep the night before`, 'not recorded'), activityIds: ids });
    receipts.push({
      ...r.receipt,
      values: {
        [what]: ranked.by === 'age_grade' ? `${score} %` : score,
        nightBefore: s ? `${round(s.value, 2)} h (${sourceName(s.source)})` : 'not recorded',
      },
    });
  }
  const all = [...sleepOn.values()].map((x) => x.value);
  facts.push(
    fact(`best runs by ${what}`, best.length, 'count'),
    fact('best runs with sleep recorded the night before', before.length, 'count'),
  );
  if (before.length > 0) facts.push(fact('average sleep before these best runs', round(mean(before), 2), 'h'));
  if (all.length > 0) facts.push(fact(`typical sleep ${w.from} to ${w.to} (average of ${all.length} nights)`, round(mean(all), 2), 'h'));
  if (before.length > 0 && all.length > 0)
    facts.push(fact('difference: before best runs minus typical', round(mean(before) - mean(all), 2), 'h'));
  notes.push(
    `Best runs ranked by ${what}${ranked.by === 'age_grade' ? ' (their best age-graded effort)' : ' (easy runs, metres per heartbeat)'}. A handful of runs shows a pattern at most, not a cause; the N=1 engine tests such questions with intervals.`,
  );
  return result(ctx, 'sleep_before_best', w, {
    facts,
    receipts,
    withheld,
    notes,
    data: { nights: best.map((r) => ({ day: r.date, activityId: r.activityId, sleepHours: sleepOn.get(r.date)?.value ?? null })) },
  });
}

export const wellnessDaysTool = (deps: CoachToolDeps): CoachTool<WellnessDaysInput> => ({
  name: 'wellness_days',
  description:
    'The athlete’s wellness per day (sleep hours, sleep quality, soreness, fatigue, stress, mood, motivation on 1–4 scales, resting heart rate, HRV, weight, body fat, device sleep score and steps), each with its source, and averages over the window (default: the last 14 days).',
  input: WellnessDaysInput,
  run: (ctx, input) => wellnessDays(deps, ctx, input),
});

export const sleepBeforeBestTool = (deps: CoachToolDeps): CoachTool<SleepBeforeBestInput> => ({
  name: 'sleep_before_best',
  description:
    'How the athlete slept before their best runs: their best runs in a window (by age grade, or easy-run efficiency) with the sleep of the night before and its source, against their typical sleep in the window. Use it for "how did I sleep before my best runs?".',
  input: SleepBeforeBestInput,
  run: (ctx, input) => sleepBeforeBest(deps, ctx, input),
});
