// Lookups answered exactly from the data, without a model: the same query_activities tool the model
// uses, its facts quoted as they stand, its receipts attached. Null when the question is not a lookup.
import { addDays } from '../../../lib/dates';
import type { ToolContext, ToolFact, ToolResult } from '../coach.types';
import { queryActivities } from './activities.tool';
import { isComingBack, medicalFlag } from './guardrail';
import { type Lookup, parseLookup } from './lookup.parse';
import { type CoachToolDeps, nounFor } from './tool-kit';
import { factText } from './units';
import { type Window, windowIn, windowLabel } from './windows';

/** Superlatives and "when did I last" look back a year unless told; totals four weeks. */
const DEFAULT_DAYS: Record<Lookup['kind'], number> = { superlative: 365, last: 365, total: 28 };

function windowFor(ctx: ToolContext, question: string, kind: Lookup['kind']): Window {
  const named = windowIn(question, ctx.today, ctx.returnDate);
  if (named) return named;
  if (ctx.returnDate && ctx.returnDate <= ctx.today)
    return {
      from: ctx.returnDate,
      to: ctx.today,
      label: windowLabel(ctx.returnDate, ctx.today, 'since your return'),
      phrase: 'since your return',
    };
  const days = DEFAULT_DAYS[kind];
  const from = addDays(ctx.today, -days + 1);
  const phrase = days === 365 ? 'the last 12 months' : `the last ${days} days`;
  return { from, to: ctx.today, label: windowLabel(from, ctx.today, phrase), phrase };
}

/** The window as the sentence says it: "last month (…)", "in October 2026 (…)", "from 2026-10-01 to 2026-10-31". */
const during = (w: Window): string =>
  /^(?:since|this|last|today|yesterday|the last|all time)/.test(w.label)
    ? w.label
    : /^\d{4}-\d{2}-\d{2} to/.test(w.label)
      ? `from ${w.label}`
      : `in ${w.label}`;

const cap = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

const find = (r: ToolResult, label: string): ToolFact | undefined => r.facts.find((f) => f.label === label);
const say = (f: ToolFact | undefined): string | null => (f ? factText(f.value, f.unit) : null);

/** One activity's facts as a clause: "10.02 km in 45:12 (4:31 /km), average heart rate 152 bpm, load 84". */
function activityClause(r: ToolResult, prefix: string): string {
  const distance = say(find(r, `${prefix}: distance`));
  const time = say(find(r, `${prefix}: moving time`));
  const speed = say(find(r, `${prefix}: pace`) ?? find(r, `${prefix}: speed`));
  const hr = say(find(r, `${prefix}: average heart rate`));
  const load = say(find(r, `${prefix}: load`));
  const elevation = say(find(r, `${prefix}: elevation gain`));
  const head = distance ? `${distance}${time ? ` in ${time}` : ''}` : time;
  return [
    head && `${head}${speed ? ` (${speed})` : ''}`,
    hr && `average heart rate ${hr}`,
    elevation && `elevation gain ${elevation}`,
    load && `load ${load}`,
  ]
    .filter(Boolean)
    .join(', ');
}

function withheldSentence(r: ToolResult): string {
  const w = r.withheld.filter((x) => x.count > 0);
  if (w.length === 0) return '';
  const parts = w.map((x) => `${x.count} ${x.source === 'strava' ? 'Strava' : x.source} ${x.count === 1 ? 'activity' : 'activities'}`);
  return ` ${parts.join(' and ')} in this window ${w.length === 1 && w[0]!.count === 1 ? 'is' : 'are'} not included: Strava's terms don't allow AI use of its data. To include them, import a Garmin export or upload the files at Settings → Data.`;
}

function totalSentence(r: ToolResult, lookup: Extract<Lookup, { kind: 'total' }>, w: Window): string {
  const noun = nounFor(lookup.sport, true);
  const range = `${w.from} to ${w.to}`;
  const count = find(r, `number of ${noun} ${range}`);
  const n = count ? Number(count.value) : 0;
  const countText = `${n} ${nounFor(lookup.sport, n !== 1)}`;
  const distance = say(find(r, `total distance ${range}`));
  const time = say(find(r, `total moving time ${range}`));
  switch (lookup.measure) {
    case 'distance':
      return `${cap(during(w))} you covered ${distance} over ${countText} (moving time ${time}).`;
    case 'count':
      return `You did ${countText} ${during(w)}${distance && distance !== `0 ${r.units}` ? `, ${distance} in total` : ''}.`;
    case 'time':
      return `Your moving time ${during(w)} was ${time} over ${countText}.`;
    case 'elevation':
      return `You climbed ${say(find(r, `total elevation gain ${range}`))} ${during(w)} over ${countText}.`;
    case 'load':
      return `Your total training load ${during(w)} was ${say(find(r, `total load ${range}`))} over ${countText}.`;
  }
}

export async function answerDeterministically(
  deps: CoachToolDeps,
  ctx: ToolContext,
  question: string,
): Promise<{ text: string; results: ToolResult[] } | null> {
  // Defence in depth: the guardrail runs first, but a lookup never answers past a medical flag or an
  // unknown return date.
  if (medicalFlag(question) || (isComingBack(question) && !ctx.returnDate)) return null;
  const lookup = parseLookup(question);
  if (!lookup) return null;
  const w = windowFor(ctx, question, lookup.kind);
  const input =
    lookup.kind === 'superlative'
      ? { sortBy: lookup.sortBy, order: lookup.order, limit: 1 }
      : lookup.kind === 'last'
        ? { sortBy: 'date' as const, order: 'desc' as const, limit: 1 }
        : { sortBy: 'date' as const, order: 'desc' as const, limit: 5 };
  const r = await queryActivities(deps, ctx, { from: w.from, to: w.to, sport: lookup.sport, ...input });
  if (r.empty) return { text: `${r.empty.replace(/\.$/, '')}${w.phrase ? ` (${w.phrase})` : ''}.${withheldSentence(r)}`, results: [r] };
  const first = r.receipts[0];
  let text: string;
  if (lookup.kind === 'total' || !first) {
    text = totalSentence(r, lookup as Extract<Lookup, { kind: 'total' }>, w);
  } else {
    const prefix = `${first.date} ${first.name}`;
    const noun = nounFor(lookup.sport, false);
    const clause = activityClause(r, prefix);
    text =
      lookup.kind === 'last'
        ? `Your last ${noun} ${during(w)} was “${first.name}” on ${first.date}: ${clause}.`
        : `Your ${lookup.word} ${noun} ${during(w)} was “${first.name}” on ${first.date}: ${clause}.`;
    if (lookup.kind === 'superlative' && lookup.sortBy === 'pace' && !find(r, `${prefix}: pace`) && !find(r, `${prefix}: speed`))
      text += ' (Only activities with a distance have a pace.)';
  }
  return { text: `${text}${withheldSentence(r)}`, results: [r] };
}
