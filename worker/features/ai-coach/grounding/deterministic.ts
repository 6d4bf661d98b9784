// Lookups answered exactly from the data, without a model: the same tools the model uses (query_activities,
// get_activity, the run bests), their facts quoted as they stand. Receipts name exactly the activities
// behind the answer (the one chosen; for a total, what it sums). When the data-use policy left activities
// out, the answer opens with it, once. Dates read as the app writes them ("28 Oct"). Null: not a lookup.
import { addDays } from '../../../lib/dates';
import { sportLabel } from '../../activities';
import type { ToolContext, ToolFact, ToolResult } from '../coach.types';
import { queryActivities } from './activities.tool';
import { getActivity } from './activity-lookup.tool';
import { isComingBack, medicalFlag } from './guardrail';
import { runBestsIn } from './insight.tools';
import { type Lookup, type Measure, type NamedDistance, parseLookup } from './lookup.parse';
import { type CoachToolDeps, nounFor } from './tool-kit';
import { dayText, factText, METRES_PER_UNIT, rangeText, weekdayText } from './units';
import { dayIn, type Window, windowIn } from './windows';

type Answer = { text: string; results: ToolResult[] };

/** Superlatives, bests and "when did I last" look back a year unless told; totals four weeks. */
const DEFAULT_DAYS: Record<'superlative' | 'best' | 'last' | 'total', number> = { superlative: 365, best: 365, last: 365, total: 28 };

function windowFor(ctx: ToolContext, question: string, kind: keyof typeof DEFAULT_DAYS): Window {
  const named = windowIn(question, ctx.today, ctx.returnDate);
  if (named) return named;
  if (ctx.returnDate && ctx.returnDate <= ctx.today) return { from: ctx.returnDate, to: ctx.today, label: '', phrase: 'since your return' };
  const days = DEFAULT_DAYS[kind];
  const from = addDays(ctx.today, -days + 1);
  return { from, to: ctx.today, label: '', phrase: days === 365 ? 'the last 12 months' : `the last ${days} days` };
}

/** The window as the sentence says it: "in the last 28 days (28 Oct – 24 Nov)", "last month (1 Oct – 31 Oct)", "on Sat 7 Nov". */
function during(w: Window, today: string): string {
  const range = rangeText(w.from, w.to, today);
  const p = w.phrase;
  if (!p) return w.from === w.to ? `on ${weekdayText(w.from, today)}` : `from ${dayText(w.from, today)} to ${dayText(w.to, today)}`;
  if (p === 'all time') return 'in all your training';
  if (p === 'today' || p === 'yesterday') return `${p} (${weekdayText(w.from, today)})`;
  if (p.startsWith('since ') && p !== 'since your return') return p;
  if (/^(?:since|this|last)\b/.test(p)) return `${p} (${range})`;
  return `in ${p} (${range})`;
}

const cap = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;
// After the policy's opening clause the sentence goes on in lower case ("…, your longest run was …").
const OPENERS = /^(?:Your|You|There|On|In|From|Today|Yesterday|Since|Last|This)\b/;
const lowerFirst = (s: string) => (OPENERS.test(s) ? `${s[0]!.toLowerCase()}${s.slice(1)}` : s);

/**
 * The policy's note, said first and once: "Of the activities I may use (1 Strava run in this window is
 * left out: …), ". How to bring them in is shown under every answer that left something out.
 */
function opening(r: ToolResult, sport: string | undefined, where: string): string {
  const w = r.withheld.filter((x) => x.count > 0);
  if (w.length === 0) return '';
  const parts = w.map((x) => `${x.count} ${x.source === 'strava' ? 'Strava' : x.source} ${nounFor(sport, x.count !== 1)}`);
  const one = w.length === 1 && w[0]!.count === 1;
  return `Of the activities I may use (${parts.join(' and ')} ${where} ${one ? 'is' : 'are'} left out: Strava's terms don't allow AI use of its data), `;
}

const withOpening = (open: string, body: string) => (open ? `${open}${lowerFirst(body)}` : body);

const find = (r: ToolResult, label: string): ToolFact | undefined => r.facts.find((f) => f.label === label);
const say = (f: ToolFact | undefined): string | null => (f ? factText(f.value, f.unit) : null);

/** One activity's facts as a clause: "10.02 km in 45:12 (4:31 /km), average heart rate 152 bpm, load 84". */
function activityClause(r: ToolResult, prefix: string, skip: Measure | null = null): string {
  const distance = skip === 'distance' ? null : say(find(r, `${prefix}: distance`));
  const time = skip === 'time' ? null : say(find(r, `${prefix}: moving time`));
  const speed = skip === 'pace' ? null : say(find(r, `${prefix}: pace`) ?? find(r, `${prefix}: speed`));
  const hr = skip === 'heart rate' ? null : say(find(r, `${prefix}: average heart rate`));
  const load = skip === 'load' ? null : say(find(r, `${prefix}: load`));
  const elevation = skip === 'elevation' ? null : say(find(r, `${prefix}: elevation gain`));
  // What the athlete wrote about it (get_activity's facts only): their RPE and their note, quoted.
  const rpe = find(r, `${prefix}: RPE the athlete gave (1–10)`)?.value;
  const note = find(r, `${prefix}: the athlete's own note`)?.value;
  const head = distance ? `${distance}${time ? ` in ${time}` : ''}` : time;
  return [
    head && `${head}${speed ? ` (${speed})` : ''}`,
    !head && speed,
    hr && `average heart rate ${hr}`,
    elevation && `elevation gain ${elevation}`,
    load && `load ${load}`,
    rpe !== undefined && `you rated it RPE ${rpe}`,
    note !== undefined && `your note: “${note}”`,
  ]
    .filter(Boolean)
    .join(', ');
}

/** Only the receipts of these activities: a single-activity answer is backed by that activity alone. */
const only = (r: ToolResult, ids: string[]): ToolResult => ({ ...r, receipts: r.receipts.filter((x) => ids.includes(x.activityId)) });

function totalSentence(r: ToolResult, lookup: Extract<Lookup, { kind: 'total' }>, w: Window, when: string): string {
  const noun = nounFor(lookup.sport, true);
  const range = `${w.from} to ${w.to}`;
  const count = find(r, `number of ${noun} ${range}`);
  const n = count ? Number(count.value) : 0;
  const countText = `${n} ${nounFor(lookup.sport, n !== 1)}${ofAtLeast(lookup.distance)}`;
  const distance = say(find(r, `total distance ${range}`));
  const time = say(find(r, `total moving time ${range}`));
  switch (lookup.measure) {
    case 'distance':
      return `${cap(when)} you covered ${distance} over ${countText} (moving time ${time}).`;
    case 'count':
      return `You did ${countText} ${when}${distance && distance !== `0 ${r.units}` ? `, ${distance} in total` : ''}.`;
    case 'time':
      return `Your moving time ${when} was ${time} over ${countText}.`;
    case 'elevation':
      return `You climbed ${say(find(r, `total elevation gain ${range}`))} ${when} over ${countText}.`;
    case 'load':
      return `Your total training load ${when} was ${say(find(r, `total load ${range}`))} over ${countText}.`;
  }
}

/** " of at least 40 km", " of at least a marathon". */
const ofAtLeast = (d: NamedDistance | undefined) => (d ? ` of at least ${/^\d/.test(d.label) ? d.label : `a ${d.label}`}` : '');

type WindowLookup = Extract<Lookup, { kind: 'superlative' | 'last' | 'total' }>;

async function answerWindow(deps: CoachToolDeps, ctx: ToolContext, question: string, lookup: WindowLookup): Promise<Answer> {
  const w = windowFor(ctx, question, lookup.kind);
  const when = during(w, ctx.today);
  const d = lookup.kind === 'last' ? undefined : lookup.distance;
  // "fastest 40 km ride": rides that covered it (0.5 % short still counts, as a measured course does).
  const minDistance = d ? Math.floor(((d.metres * 0.995) / METRES_PER_UNIT[ctx.athlete.units]) * 1000) / 1000 : undefined;
  const input =
    lookup.kind === 'superlative'
      ? { sortBy: lookup.sortBy, order: lookup.order, limit: 1 }
      : lookup.kind === 'last'
        ? { sortBy: 'date' as const, order: 'desc' as const, limit: 1 }
        : { sortBy: 'date' as const, order: 'desc' as const, limit: 5 };
  const r = await queryActivities(deps, ctx, { from: w.from, to: w.to, sport: lookup.sport, minDistance, ...input });
  const open = opening(r, lookup.sport, w.from === w.to ? 'that day' : 'in this window');
  const of = ofAtLeast(d);
  if (r.empty) return { text: withOpening(open, `There were no ${nounFor(lookup.sport, true)}${of} ${when}.`), results: [r] };
  const first = r.receipts[0];
  if (lookup.kind === 'total' || !first)
    return { text: withOpening(open, totalSentence(r, lookup as Extract<Lookup, { kind: 'total' }>, w, when)), results: [r] };
  const prefix = `${first.date} ${first.name}`;
  const noun = `${nounFor(lookup.sport, false)}${of}`;
  const on = dayText(first.date, ctx.today);
  let text =
    lookup.kind === 'last'
      ? `Your last ${noun} ${when} was “${first.name}” on ${on}: ${activityClause(r, prefix)}.`
      : `Your ${lookup.word} ${noun} ${when} was “${first.name}” on ${on}: ${activityClause(r, prefix)}.`;
  if (lookup.kind === 'superlative' && lookup.sortBy === 'pace' && !find(r, `${prefix}: pace`) && !find(r, `${prefix}: speed`))
    text += ' (Only activities with a distance have a pace.)';
  return { text: withOpening(open, text), results: [only(r, [first.activityId])] };
}

async function answerBest(
  deps: CoachToolDeps,
  ctx: ToolContext,
  question: string,
  lookup: Extract<Lookup, { kind: 'best' }>,
): Promise<Answer> {
  const w = windowFor(ctx, question, 'best');
  const when = during(w, ctx.today);
  const d = lookup.distance;
  const r = await runBestsIn(deps, ctx, { from: w.from, to: w.to, distanceM: d.bestKey });
  const open = opening(r, 'run', w.from === w.to ? 'that day' : 'in this window');
  if (r.empty)
    return {
      text: withOpening(open, `There is no ${d.label} effort ${when}: a ${d.label} best counts from runs that covered the distance.`),
      results: [r],
    };
  const label = r.facts[0]!.label.replace(/: time$/, '');
  const receipt = r.receipts[0]!;
  const pace = say(find(r, `${label}: pace`));
  const text = `Your fastest ${d.label} ${when} was ${say(find(r, `${label}: time`))}${pace ? ` (${pace})` : ''}, within “${receipt.name}” on ${dayText(receipt.date, ctx.today)}.`;
  return { text: withOpening(open, text), results: [r] };
}

const MEASURE_FACT: Record<Measure, string[]> = {
  pace: ['pace', 'speed'],
  'heart rate': ['average heart rate'],
  distance: ['distance'],
  time: ['moving time'],
  elevation: ['elevation gain'],
  load: ['load'],
};

async function answerActivity(
  deps: CoachToolDeps,
  ctx: ToolContext,
  question: string,
  lookup: Extract<Lookup, { kind: 'activity' }>,
): Promise<Answer | null> {
  const day = lookup.day ? dayIn(question, ctx.today) : null;
  if (lookup.day && !day) return null;
  const r = day
    ? await getActivity(deps, ctx, { date: day.date, sport: lookup.sport, mentionedIn: question, hint: lookup.hint })
    : await getActivity(deps, ctx, { mentionedIn: question, sport: lookup.sport });
  // No activity carries the name the question seemed to use: not a lookup after all.
  if (!day && r.empty) return null;
  const when = day ? (day.phrase ? `${day.phrase} (${weekdayText(day.date, ctx.today)})` : `on ${weekdayText(day.date, ctx.today)}`) : '';
  const open = opening(r, lookup.sport, day ? 'that day' : 'in the last 12 months');
  if (r.empty) return { text: withOpening(open, `There were no ${nounFor(lookup.sport, true)} ${when}.`), results: [r] };
  // Without a day the name decides, and the latest activity with it is the one meant.
  const chosen = day ? r.receipts : r.receipts.slice(0, 1);
  const result = only(
    r,
    chosen.map((x) => x.activityId),
  );
  const clauseOf = (x: (typeof chosen)[number], skip: Measure | null = null) => activityClause(result, `${x.date} ${x.name}`, skip);
  const named = (x: (typeof chosen)[number]) => `“${x.name}” (${sportLabel(x.sport).toLowerCase()})`;
  if (chosen.length > 1) {
    const list = chosen.map((x) => `${named(x)}: ${clauseOf(x)}`).join('; ');
    return { text: withOpening(open, `${cap(when)} you did ${chosen.length} ${nounFor(lookup.sport, true)}: ${list}.`), results: [result] };
  }
  const x = chosen[0]!;
  const on = day ? when : `on ${weekdayText(x.date, ctx.today)}`;
  const m = lookup.measure;
  if (m) {
    const prefix = `${x.date} ${x.name}`;
    const f = MEASURE_FACT[m].map((label) => find(result, `${prefix}: ${label}`)).find(Boolean);
    const word =
      m === 'pace' && f?.label.endsWith('speed') ? 'speed' : m === 'time' ? 'moving time' : m === 'heart rate' ? 'average heart rate' : m;
    const rest = clauseOf(x, m);
    const text = f
      ? `Your ${word} on “${x.name}” ${on} was ${say(f)}${rest ? ` (${rest})` : ''}.`
      : `“${x.name}” ${on} has no ${m === 'pace' ? 'pace (no distance was recorded)' : `${m} recorded`}${rest ? `: ${rest}` : ''}.`;
    return { text: withOpening(open, text), results: [result] };
  }
  const text = day ? `${cap(when)} you did ${named(x)}: ${clauseOf(x)}.` : `${named(x)} ${on}: ${clauseOf(x)}.`;
  return { text: withOpening(open, text), results: [result] };
}

export async function answerDeterministically(deps: CoachToolDeps, ctx: ToolContext, question: string): Promise<Answer | null> {
  // Defence in depth: the guardrail runs first, but a lookup never answers past a medical flag or an
  // unknown return date.
  if (medicalFlag(question) || (isComingBack(question) && !ctx.returnDate)) return null;
  const lookup = parseLookup(question);
  if (!lookup) return null;
  if (lookup.kind === 'activity') return answerActivity(deps, ctx, question, lookup);
  if (lookup.kind === 'best') return answerBest(deps, ctx, question, lookup);
  return answerWindow(deps, ctx, question, lookup);
}
