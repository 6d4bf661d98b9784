// get_activity: one day's activities, or activities found by name ("the Track session – 6 × 800 m"),
// each with all its figures and exactly its own receipt. The deterministic lookups answer "What did I do
// on Nov 7?", "my long run on Saturday" and "yesterday's ride" with the same function.
import { z } from 'zod';
import { addDays } from '../../../lib/dates';
import type { CoachTool, ToolContext, ToolFact, ToolResult } from '../coach.types';
import { activityFacts } from './activities.tool';
import { type ActivityFilter, type CoachActivityRow, createCoachDataRepo } from './coach-data.repo';
import {
  activityReceipt,
  allowedSources,
  type CoachToolDeps,
  fact,
  LocalDate,
  nounFor,
  result,
  Sport,
  sportsOf,
  withheldIn,
  withheldNote,
} from './tool-kit';

export const GetActivityInput = z
  .object({
    date: LocalDate.optional().describe("One local date (YYYY-MM-DD, the athlete's zone): that day's activities."),
    name: z
      .string()
      .trim()
      .min(3)
      .max(120)
      .optional()
      .describe('An activity name or part of it ("Track session", "Long Run"): the matching activities, latest first.'),
    sport: Sport.optional(),
  })
  .strict()
  .refine((x) => x.date !== undefined || x.name !== undefined, { message: 'Give a date, a name, or both.' });
export type GetActivityInput = z.infer<typeof GetActivityInput>;

/** How far back a name is looked for when no date is given. */
export const NAME_LOOKBACK_DAYS = 365;
const MAX_LISTED = 10;
const MIN_NAME_CHARS = 4;

/** A name as words: lower case, punctuation and dashes as spaces ("Track session – 6 × 800 m" → "track session 6 800 m"). */
export const nameWords = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The names a text mentions, word for word; only the longest match counts ("Track session" over "Track"). */
export function namesIn(text: string, names: string[]): string[] {
  const t = ` ${nameWords(text)} `;
  const hits = names.filter((n) => nameWords(n).length >= MIN_NAME_CHARS && t.includes(` ${nameWords(n)} `));
  const longest = Math.max(0, ...hits.map((n) => nameWords(n).length));
  return hits.filter((n) => nameWords(n).length === longest);
}

/** The names that contain a searched-for name, word for word. */
export const namesContaining = (search: string, names: string[]): string[] =>
  names.filter((n) => ` ${nameWords(n)} `.includes(` ${nameWords(search)} `));

export interface ActivityQuery {
  date?: string;
  /** A name the activity's name contains (the model's search). */
  name?: string;
  /** A text that mentions the activity's whole name (the athlete's question); with a date, it narrows that day. */
  mentionedIn?: string;
  /** With a date: a word naming which of the day's activities ("long"): names with it, else for "long" the longest. */
  hint?: string | null;
  sport?: Sport;
}

/** Of one day's activities, the ones the question means: named in it, else by the hint, else all of them. */
function narrowDay(rows: CoachActivityRow[], q: ActivityQuery): CoachActivityRow[] {
  const named = q.mentionedIn
    ? namesIn(
        q.mentionedIn,
        rows.map((r) => r.name),
      )
    : [];
  if (named.length > 0) return rows.filter((r) => named.includes(r.name));
  if (!q.hint) return rows;
  const hinted = rows.filter((r) => ` ${nameWords(r.name)} `.includes(` ${q.hint} `));
  if (hinted.length > 0) return hinted;
  if (q.hint === 'long' && rows.length > 0) return [rows.reduce((a, b) => (b.distanceM > a.distanceM ? b : a))];
  return rows;
}

/** What the athlete wrote about the session: RPE and note (their own words, quoted as theirs), each backed by its activity. */
function feelFacts(r: CoachActivityRow): ToolFact[] {
  const tag = `${r.date} ${r.name}`;
  const out: ToolFact[] = [];
  if (r.rpe != null) out.push(fact(`${tag}: RPE the athlete gave (1–10)`, r.rpe, 'rpe'));
  if (r.note != null) out.push(fact(`${tag}: the athlete's own note`, r.note, 'text'));
  return out.map((f) => ({ ...f, activityIds: [r.id] }));
}

export async function getActivity(deps: CoachToolDeps, ctx: ToolContext, q: ActivityQuery): Promise<ToolResult> {
  const window = q.date ? { from: q.date, to: q.date } : { from: addDays(ctx.today, -NAME_LOOKBACK_DAYS + 1), to: ctx.today };
  const sports = sportsOf(q.sport);
  const repo = createCoachDataRepo(deps.db);
  const sources = await allowedSources(deps);
  const base: ActivityFilter = { ...window, sports };
  // A name is matched in code against the window's names (word for word, any punctuation), then read exactly.
  let names: string[] | null = null;
  if (q.name !== undefined || (q.mentionedIn !== undefined && !q.date)) {
    const known = await repo.names(ctx.athlete.id, sources, base);
    names = q.name !== undefined ? namesContaining(q.name, known) : namesIn(q.mentionedIn!, known);
  }
  const [found, withheld] = await Promise.all([
    names !== null && names.length === 0
      ? Promise.resolve([])
      : repo.activities(ctx.athlete.id, sources, { ...base, names }, { by: 'date', order: q.date ? 'asc' : 'desc', limit: MAX_LISTED }),
    withheldIn(deps, ctx, window, sports),
  ]);
  const rows = q.date ? narrowDay(found, q) : found;
  const notes = withheldNote(withheld);
  const what = q.date ? `on ${q.date}` : `named like “${q.name ?? names?.[0] ?? ''}” from ${window.from} to ${window.to}`;
  if (rows.length === 0) {
    const empty = q.date
      ? `No ${nounFor(q.sport, true)} ${q.name ? `named like “${q.name}” ` : ''}on ${q.date}.`
      : `No ${nounFor(q.sport, false)} named like “${q.name ?? q.mentionedIn}” between ${window.from} and ${window.to}.`;
    return result(ctx, 'get_activity', window, { empty, withheld, notes });
  }
  const facts: ToolFact[] = [
    fact(`${rows.length < found.length ? 'matching ' : ''}${nounFor(q.sport, true)} ${what}`, rows.length, 'count'),
  ];
  for (const r of rows) facts.push(fact(`${r.date} ${r.name}: sport`, r.sport, 'text'), ...activityFacts(r, ctx), ...feelFacts(r));
  if (!q.date && rows.length === MAX_LISTED) notes.push(`The latest ${MAX_LISTED} with that name.`);
  return result(ctx, 'get_activity', window, {
    facts,
    // Exactly the activities found: each number above is one of theirs.
    receipts: rows.map((r) =>
      activityReceipt(ctx, r, {
        avgHr: r.avgHr === null ? null : Math.round(r.avgHr),
        load: r.load === null ? null : Math.round(r.load),
        ...(r.rpe == null ? {} : { rpe: r.rpe }),
        ...(r.note == null ? {} : { note: r.note }),
      }),
    ),
    withheld,
    notes,
  });
}

export const getActivityTool = (deps: CoachToolDeps): CoachTool<GetActivityInput> => ({
  name: 'get_activity',
  description:
    'One day\'s activities (date), or activities by name (name: the latest in the last 12 months), each with every figure: distance, moving time, pace or speed, average heart rate, elevation, load, and the RPE and note the athlete wrote about it. Use it for "what did I do on Nov 7", "my long run on Saturday", "yesterday\'s ride", "the Track session". An empty day is said to be empty.',
  input: GetActivityInput,
  run: (ctx, input) => getActivity(deps, ctx, input),
});
