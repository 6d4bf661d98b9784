// The sandbox's deterministic "model", shared by the Anthropic and Mistral fronts: it reads the
// conversation, picks tools from the question by keywords and words an answer from tool results
// (facts verbatim, empty results said as such). No randomness: the same request, the same answer.

export interface ModelTurn {
  role: 'user' | 'assistant';
  text: string;
  toolUses: { name: string; input: unknown }[];
  toolResults: { content: string; isError: boolean }[];
}

export interface ModelInput {
  /** System prompt and context block together: the model reads today's date from it. */
  system: string;
  /** Names of the tools the request offers: only these are ever called. */
  tools: string[];
  turns: ModelTurn[];
}

export type ModelBlock = { type: 'text'; text: string } | { type: 'tool_use'; name: string; input: Record<string, unknown> };

export interface ModelOutput {
  blocks: ModelBlock[];
  stopReason: 'end_turn' | 'tool_use';
}

const CHANGE_RE = /\b(easier|lighter|swap|move|skip|reduce|cut back|tired|exhausted)\b/i;
const PLAIN =
  'I can answer questions about your training from your own data: fitness and form, activities, weekly volume, personal bests, efficiency, your plan and your wellness. What would you like to know?';

export function respond(input: ModelInput, opts: { wrongNumber?: boolean } = {}): ModelOutput {
  const last = input.turns.at(-1);
  const question = [...input.turns].reverse().find((t) => t.role === 'user' && t.text.trim())?.text ?? '';
  const offered = new Set(input.tools);
  const toolUse = (name: string, args: Record<string, unknown>): ModelOutput => ({
    blocks: [{ type: 'tool_use', name, input: args }],
    stopReason: 'tool_use',
  });

  if (last?.role === 'user' && last.toolResults.length > 0) {
    const results = last.toolResults.map((r) => parseResult(r.content));
    const proposedBefore = input.turns.some((t) => t.toolUses.some((u) => u.name === 'propose_plan_change'));
    if (CHANGE_RE.test(question) && offered.has('propose_plan_change') && !proposedBefore) {
      const plan = results.find((r) => r?.tool === 'get_plan');
      const workout = plan ? pickWorkout(plan.data, todayFrom(input.system)) : null;
      if (workout)
        return toolUse('propose_plan_change', {
          actions: [{ kind: 'adjust_load', workoutId: workout, percent: -20 }],
          reason: 'You asked for an easier week: the next planned workout is 20% lighter.',
          riskNotes: [],
        });
    }
    const proposal = [...input.turns]
      .reverse()
      .flatMap((t) => t.toolUses)
      .find((u) => u.name === 'propose_plan_change');
    return {
      blocks: [{ type: 'text', text: wordResults(last.toolResults, results, proposal?.input, opts.wrongNumber) }],
      stopReason: 'end_turn',
    };
  }

  const today = todayFrom(input.system);
  if (CHANGE_RE.test(question) && offered.has('get_plan')) return toolUse('get_plan', {});
  const calls = pickTools(question, today).filter((c) => offered.has(c.name));
  if (calls.length === 0) return { blocks: [{ type: 'text', text: PLAIN }], stopReason: 'end_turn' };
  return { blocks: calls.map((c) => ({ type: 'tool_use', name: c.name, input: c.input })), stopReason: 'tool_use' };
}

type FactLike = { label: string; value: number | string; unit?: string };

interface ResultLike {
  tool?: string;
  facts?: FactLike[];
  empty?: string | null;
  withheld?: { source: string; count: number }[];
  data?: unknown;
}

/** A tool result as the coach sends it: facts are compact `[label, value, unit?]` tuples (or objects). */
function parseResult(content: string): ResultLike | null {
  try {
    const v: unknown = JSON.parse(content);
    if (typeof v !== 'object' || v === null) return null;
    const r = v as ResultLike & { facts?: unknown };
    const facts = Array.isArray(r.facts) ? r.facts.map(toFact).filter((f): f is FactLike => f !== null) : undefined;
    return { ...r, facts };
  } catch {
    return null;
  }
}

function toFact(f: unknown): FactLike | null {
  if (Array.isArray(f)) {
    const [label, value, unit] = f as unknown[];
    if (typeof label !== 'string' || (typeof value !== 'number' && typeof value !== 'string')) return null;
    return { label, value, ...(typeof unit === 'string' ? { unit } : {}) };
  }
  const o = f as Partial<FactLike> | null;
  return o && typeof o.label === 'string' && o.value !== undefined ? (o as FactLike) : null;
}

// Units that read better without the word after the number.
const SILENT_UNITS = new Set(['count', 'date', 'load', 'h:mm:ss']);

function wordResults(
  raw: { content: string; isError: boolean }[],
  results: (ResultLike | null)[],
  proposal: unknown,
  wrong?: boolean,
): string {
  const sentences: string[] = [];
  const numbers = new Set<string>();
  results.forEach((r, i) => {
    if (raw[i]?.isError || !r) {
      // A refusal the coach explains (e.g. "needs Pro") is relayed as a real model would; anything else stays vague.
      const said = (() => {
        try {
          const e = (JSON.parse(raw[i]?.content ?? '') as { error?: unknown }).error;
          return typeof e === 'string' && e.length > 0 && e.length <= 300 ? e : null;
        } catch {
          return null;
        }
      })();
      sentences.push(said ? `That did not work: ${said}` : 'I could not get that data just now.');
      return;
    }
    if (r.tool === 'propose_plan_change' && !r.empty) {
      // The tool proposed something else than asked (what the athlete's plan allows): say its words.
      const instead = (r.data as { instead?: unknown } | undefined)?.instead;
      if (typeof instead === 'string') {
        sentences.push(instead);
        return;
      }
      const reason = (proposal as { reason?: string } | undefined)?.reason?.replace(/[.\s]+$/, '') ?? 'as you asked';
      sentences.push(`I have proposed a change to your plan (${reason}); nothing changes until you confirm it.`);
      return;
    }
    if (r.empty) sentences.push(r.empty);
    else
      for (const f of r.facts ?? []) {
        numbers.add(String(f.value));
        const unit = f.unit && !SILENT_UNITS.has(f.unit) ? ` ${f.unit}` : '';
        sentences.push(`${capitalize(f.label)} is ${f.value}${unit}.`);
      }
    const withheld = (r.withheld ?? []).filter((w) => w.count > 0);
    for (const w of withheld)
      sentences.push(
        `I could not use ${w.count} ${w.count === 1 ? 'activity' : 'activities'} from ${capitalize(w.source)}, whose terms keep them out of AI; import them from a file or a Garmin export to include them.`,
      );
  });
  if (wrong) {
    let n = 987.6;
    while ([...numbers].some((v) => v.includes(String(n)))) n += 11.1;
    sentences.push(`Your longest run ever was ${n.toFixed(1)} km.`);
  }
  return sentences.join(' ') || 'I found nothing to report.';
}

function pickWorkout(data: unknown, today: string): string | null {
  const workouts = (data as { workouts?: unknown } | undefined)?.workouts;
  if (!Array.isArray(workouts)) return null;
  const ok = (w: Record<string, unknown>, strict: boolean) =>
    !w.skipped && !w.completed && typeof w.date === 'string' && (strict ? w.date > today : w.date >= today) && Number(w.targetLoad) > 0;
  const list = workouts as Record<string, unknown>[];
  const pick = list.find((w) => ok(w, true)) ?? list.find((w) => ok(w, false));
  return pick && typeof pick.id === 'string' ? pick.id : null;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Today's date from the context block ("Today: 2026-11-23" or "today is …"), else the first ISO date, else the clock. */
export function todayFrom(system: string): string {
  const m = /today\b[^0-9\n]{0,20}(\d{4}-\d{2}-\d{2})/i.exec(system) ?? /\b(\d{4}-\d{2}-\d{2})\b/.exec(system);
  return m?.[1] ?? new Date().toISOString().slice(0, 10);
}

const SPORTS: [RegExp, string][] = [
  [/\b(run|runs|running|ran)\b/i, 'run'],
  [/\b(ride|rides|riding|bike|cycling)\b/i, 'ride'],
  [/\b(swim|swims|swimming)\b/i, 'swim'],
  [/\b(walk|walks|walking)\b/i, 'walk'],
  [/\b(hike|hikes|hiking)\b/i, 'hike'],
];
const SORTS: [RegExp, string, 'asc' | 'desc'][] = [
  [/\bfastest\b/i, 'pace', 'asc'],
  [/\bslowest\b/i, 'pace', 'desc'],
  [/\blongest\b/i, 'distance', 'desc'],
  [/\bshortest\b/i, 'distance', 'asc'],
  [/\bhardest\b/i, 'load', 'desc'],
];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WINDOW_RE = /\b(last|this|next) (week|month)('s)?\b|\bsince \d{4}-\d{2}-\d{2}\b/gi;

export function pickTools(question: string, today: string): { name: string; input: Record<string, unknown> }[] {
  const q = question.toLowerCase();
  const calls: { name: string; input: Record<string, unknown> }[] = [];
  const sport = SPORTS.find(([re]) => re.test(q))?.[1];
  const window = parseWindow(q, today);
  const withoutWindows = q.replace(WINDOW_RE, ' ');
  if (/\b(fitness|fatigue|form|ctl|atl|tsb|freshness)\b/.test(q)) calls.push({ name: 'get_fitness', input: {} });
  const sort = SORTS.find(([re]) => re.test(q));
  const lastOne = /\blast (run|ride|swim|walk|hike|activity)\b/.test(q);
  const volume = /\b(week|weekly|volume|mileage)\b/.test(withoutWindows);
  if (sort || lastOne || /\b(activities|activity)\b/.test(q) || (sport && window && !volume)) {
    const input: Record<string, unknown> = { ...window, ...(sport ? { sport } : {}) };
    if (sort)
      Object.assign(input, {
        sortBy: sort[1],
        order: sort[2],
        limit: Number(/\b(\d{1,2}) (fastest|slowest|longest|shortest|hardest)\b/.exec(q)?.[1] ?? 1),
      });
    else if (lastOne) Object.assign(input, { sortBy: 'date', order: 'desc', limit: 1 });
    calls.push({ name: 'query_activities', input });
  }
  if (volume) calls.push({ name: 'get_weekly_volume', input: sport ? { sport } : {} });
  if (/\b(pb|pbs|pr|prs|personal bests?|records?)\b/.test(q)) calls.push({ name: 'get_personal_bests', input: {} });
  if (/\b(efficiency|efficient|aerobic|decoupling)\b/.test(q)) calls.push({ name: 'get_efficiency', input: {} });
  if (/\b(insights?|patterns?|findings?)\b/.test(q)) calls.push({ name: 'get_insights', input: {} });
  if (/\b(plan|workouts|schedule)\b|this week's/.test(q)) calls.push({ name: 'get_plan', input: {} });
  if (/\b(races?|race card|race day|taper|pacing)\b/.test(q)) calls.push({ name: 'race_plan', input: {} });
  // Wellness: "how did I sleep before my best runs?" has its own tool; other wellness questions read the days.
  if (/\b(sleep\w*|slept)\b/.test(q) && /\bbest\b/.test(q)) calls.push({ name: 'sleep_before_best', input: { ...window } });
  else if (/\b(sleep\w*|slept|hrv|resting (?:hr|heart rate)|wellness|weight|readiness|check-?ins?|sore|soreness|mood)\b/.test(q))
    calls.push({ name: 'wellness_days', input: { ...window } });
  return calls;
}

/** A window from "last week / this week / last month / this month / in October / since YYYY-MM-DD". */
export function parseWindow(q: string, today: string): { from: string; to: string } | null {
  const t = new Date(`${today}T00:00:00Z`);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth();
  const since = /\bsince (\d{4}-\d{2}-\d{2})\b/.exec(q);
  if (since?.[1]) return { from: since[1], to: today };
  const monday = day(y, m, t.getUTCDate() - ((t.getUTCDay() + 6) % 7));
  const plus = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
  if (/\blast week\b/.test(q)) return { from: iso(plus(monday, -7)), to: iso(plus(monday, -1)) };
  if (/\bthis week\b/.test(q)) return { from: iso(monday), to: today };
  if (/\blast month\b/.test(q)) return { from: iso(day(y, m - 1, 1)), to: iso(day(y, m, 0)) };
  if (/\bthis month\b/.test(q)) return { from: iso(day(y, m, 1)), to: today };
  const named = /\bin (january|february|march|april|may|june|july|august|september|october|november|december)\b/.exec(q);
  if (named?.[1]) {
    const idx = MONTHS.indexOf(named[1]);
    const year = idx <= m ? y : y - 1;
    return { from: iso(day(year, idx, 1)), to: iso(day(year, idx + 1, 0)) };
  }
  return null;
}

/** Splits text into small deltas, as a model streams tokens. */
export function chunkText(text: string, size = 12): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
