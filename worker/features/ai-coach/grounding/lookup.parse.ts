// Plain-English lookups the coach answers without a model: superlatives (fastest, longest, hardest…),
// the best effort over a running distance ("my fastest 5 km"), totals (how far, how many, how long, how
// much climbing), "when did I last…", and one day's or one named activity ("What did I do on Nov 7?",
// "pace on my long run on Saturday", "yesterday's ride", "the Track session – 6 × 800 m"), each with its
// sport and window. Anything else (advice, comparisons, "why") is left to the model: parse returns null.
import type { SortBy } from './coach-data.repo';
import type { Sport } from './tool-kit';

/** What a question about one activity asks for first; null: everything. */
export type Measure = 'pace' | 'heart rate' | 'distance' | 'time' | 'elevation' | 'load';

/** A distance the question names: "5 km", "10k", "half marathon", "a mile", "40 km TT", "100 km ride". */
export interface NamedDistance {
  metres: number;
  /** As the answer says it: "5 km", "half marathon". */
  label: string;
  /** The run PB key (ADR 007's distances) when it is one of them. */
  bestKey: number | null;
}

export type Lookup =
  | {
      kind: 'superlative';
      word: string;
      sortBy: SortBy;
      order: 'asc' | 'desc';
      sport: Sport | undefined;
      /** "fastest 40 km ride": only activities at least this long. */
      distance?: NamedDistance;
    }
  /** The fastest stretch of a running distance inside any run (the bests analytics computes). */
  | { kind: 'best'; distance: NamedDistance & { bestKey: number }; sport: 'run' }
  | {
      kind: 'total';
      measure: 'distance' | 'count' | 'time' | 'elevation' | 'load';
      sport: Sport | undefined;
      /** "how many 5 km runs": only activities at least this long. */
      distance?: NamedDistance;
    }
  | { kind: 'last'; sport: Sport | undefined }
  /**
   * One activity or one day: `day` when the question names a day (resolved against today by the caller),
   * else the activity is found by the name the question mentions. `hint`: a word naming which one ("long").
   */
  | { kind: 'activity'; sport: Sport | undefined; measure: Measure | null; hint: string | null; day: boolean };

const SPORT_WORDS: [RegExp, Sport][] = [
  [/\b(?:runs?|running|ran|jog(?:s|ging|ged)?)\b/, 'run'],
  [/\b(?:rides?|riding|rode|bik(?:e|es|ing)|cycl(?:e|es|ing|ed)|biked|tt|time trials?)\b/, 'ride'],
  [/\b(?:swims?|swimming|swam)\b/, 'swim'],
  [/\b(?:walks?|walking|walked)\b/, 'walk'],
  [/\b(?:hikes?|hiking|hiked)\b/, 'hike'],
];

const sportWord = (t: string): Sport | undefined => SPORT_WORDS.find(([re]) => re.test(t))?.[1];

// ADR 007's run PB distances (metres → key) and how a question names them.
const HALF = 21_097.5;
const MARATHON = 42_195;
const RUN_BESTS: { metres: number; key: number }[] = [
  { metres: 400, key: 400 },
  { metres: 1000, key: 1000 },
  { metres: 1609.344, key: 1609 },
  { metres: 5000, key: 5000 },
  { metres: 10_000, key: 10_000 },
  { metres: HALF, key: 21_098 },
  { metres: MARATHON, key: MARATHON },
];
const UNIT_METRES: Record<string, number> = { k: 1000, km: 1000, m: 1, mi: 1609.344 };

const fmt = (n: number) => String(Math.round(n * 100) / 100);

/** The distance a question names, if any (a climb in metres is not one). */
export function distanceIn(t: string): NamedDistance | null {
  const best = (metres: number, label: string): NamedDistance => ({
    metres,
    label,
    bestKey: RUN_BESTS.find((b) => Math.abs(b.metres - metres) <= b.metres * 0.01)?.key ?? null,
  });
  if (/\bhalf[- ]?marathons?\b|\b(?:fastest|quickest|best|slowest)\s+half\b/.test(t)) return best(HALF, 'half marathon');
  if (/\bmarathons?\b/.test(t)) return best(MARATHON, 'marathon');
  if (/\b(?:fastest|quickest|best|slowest|a|one|1)\s+mile\b/.test(t)) return best(1609.344, 'mile');
  const m =
    /\b(\d{1,3}(?:\.\d{1,2})?)\s?(k|km|kilomet(?:re|er)s?|mi|miles?|m|metres|meters)\b(?!\s*(?:of\s+)?(?:climb|climbing|elevation|ascent|vert|up\b|gain))/.exec(
      t,
    );
  if (!m) return null;
  const unit = m[2]!.startsWith('kilomet') ? 'km' : m[2]!.startsWith('mile') ? 'mi' : m[2]!.startsWith('met') ? 'm' : m[2]!;
  const metres = Number(m[1]) * UNIT_METRES[unit]!;
  if (metres < 100) return null;
  return best(metres, `${fmt(Number(m[1]))} ${unit === 'k' ? 'km' : unit}`);
}

/**
 * The sport a question is about: a sport word wins; else a named distance decides — ADR 007's running
 * distances (5 km, 10 km, half, marathon, mile…) and anything up to the half are runs, longer ones
 * (a 40 km TT, a 100 km ride) are rides.
 */
export function sportIn(t: string): Sport | undefined {
  const said = sportWord(t);
  if (said) return said;
  const d = distanceIn(t);
  if (!d) return undefined;
  return d.bestKey !== null || d.metres <= HALF * 1.01 ? 'run' : 'ride';
}

const SUPERLATIVES: [RegExp, Omit<Extract<Lookup, { kind: 'superlative' }>, 'kind' | 'sport'>][] = [
  [/\b(?:most (?:elevation|climbing|vert(?:ical)?)|hilliest|biggest climb)\b/, { word: 'hilliest', sortBy: 'elevation', order: 'desc' }],
  [/\b(?:least (?:elevation|climbing)|flattest)\b/, { word: 'flattest', sortBy: 'elevation', order: 'asc' }],
  [/\blongest\b.{0,30}\b(?:by time|in time|duration|minutes|hours)\b/, { word: 'longest (by time)', sortBy: 'duration', order: 'desc' }],
  [/\b(?:fastest|quickest)\b/, { word: 'fastest', sortBy: 'pace', order: 'asc' }],
  [/\bslowest\b/, { word: 'slowest', sortBy: 'pace', order: 'desc' }],
  [/\b(?:longest|furthest|farthest|biggest)\b/, { word: 'longest', sortBy: 'distance', order: 'desc' }],
  [/\bshortest\b/, { word: 'shortest', sortBy: 'distance', order: 'asc' }],
  [/\b(?:hardest|toughest|most (?:load|demanding|intense)|highest load)\b/, { word: 'hardest', sortBy: 'load', order: 'desc' }],
  [/\b(?:easiest|least (?:load|demanding|intense)|lowest load)\b/, { word: 'easiest', sortBy: 'load', order: 'asc' }],
];

// Questions the model should answer even if a lookup word appears: advice, reasons, comparisons, plans.
// "average" alone is a figure of one activity ("average heart rate on my long run"); per week it is a trend.
const NOT_A_LOOKUP =
  /\b(?:should|could|would|why|how (?:do|can|should|to)|compare|compared|vs\.?|versus|than|improv\w*|better|worse|trend|plan(?:ned)?|next|tomorrow|predict|forecast|pb|personal best|record|age grade|per week|each week|weekly|advice|recommend)\b|\baverage\b(?!\s+(?:heart|hr|pace|speed|power|cadence))|\?.*\?/;

// A day named in the question: resolved by the caller against today (windows.ts `dayIn`).
const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY_CUE = new RegExp(
  `\\b(?:today|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s)?\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b`,
);
const RANGE_CUE = /\b(?:between|from)\b.+\b(?:and|to|until|till|through)\b|\bsince\b/;

const ACTIVITY_NOUN = '(?:run|ride|swim|walk|hike|workout|session|activity|race|training|tempo|intervals?|hill repeats)';
// "my long run", "the tempo session", "yesterday's ride", "Saturday's run".
const ONE_ACTIVITY = new RegExp(`\\b(?:my|the|that)\\s+(?:([a-z]+)\\s+)?${ACTIVITY_NOUN}\\b|'s\\s+(?:([a-z]+)\\s+)?${ACTIVITY_NOUN}\\b`);
const WHAT_I_DID =
  /\bwhat (?:did i do|have i done|did i train|training did i do|activities|workouts?)\b|\bdid i (?:run|ride|swim|walk|hike|train|work out|exercise|do anything)\b|\bwhat was (?:my|the) training\b|\bshow me\b/;
const NOT_A_HINT = new Set([
  'last',
  'latest',
  'first',
  'one',
  'whole',
  'entire',
  'run',
  'ride',
  'swim',
  'walk',
  'hike',
  'today',
  'yesterday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'morning',
  'evening',
]);

function measureIn(t: string): Measure | null {
  if (/\b(?:heart ?rate|hr|bpm|pulse)\b/.test(t)) return 'heart rate';
  if (/\b(?:pace|speed|how fast)\b/.test(t)) return 'pace';
  if (/\b(?:elevation|climb(?:ing|ed)?|ascent|vert)\b/.test(t)) return 'elevation';
  if (/\b(?:load|tss)\b/.test(t)) return 'load';
  if (/\b(?:distance|how far|how many (?:km|kilomet\w*|miles?))\b/.test(t)) return 'distance';
  if (/\b(?:how long|duration|moving time|time)\b/.test(t)) return 'time';
  return null;
}

/** A question about one activity or one day, or null. `named`: the activity may be named in the question. */
function activityLookup(t: string, original: string): Extract<Lookup, { kind: 'activity' }> | null {
  const sport = sportIn(t);
  const one = ONE_ACTIVITY.exec(t);
  const hintWord = one?.[1] ?? one?.[2] ?? null;
  const hint = hintWord && !NOT_A_HINT.has(hintWord) ? hintWord : null;
  const measure = measureIn(t);
  if (DAY_CUE.test(t) && !RANGE_CUE.test(t) && (one || WHAT_I_DID.test(t) || measure))
    return { kind: 'activity', sport, measure, hint, day: true };
  // No day: an activity named as the athlete wrote it — quoted, or capitalised after "the"/"my" ("the Track session").
  const capitalised = [...original.matchAll(/\b(?:the|my|that|in|on|during)\s+([A-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase());
  if (/["“][^"”]{3,}["”]/.test(original) || capitalised.some((w) => !NOT_A_NAME.test(w)))
    return { kind: 'activity', sport: sportWord(t), measure, hint, day: false };
  return null;
}

// Capitalised words that are not an activity's name: days, months, the providers.
const NOT_A_NAME = new RegExp(`^(?:${MONTH}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|strava|garmin|zwift)$`);

/** The lookup a question asks for, or null. */
export function parseLookup(question: string): Lookup | null {
  const t = question.toLowerCase().replace(/[’‘]/g, "'");
  if (NOT_A_LOOKUP.test(t)) return null;
  const sport = sportIn(t);
  if (
    /\bwhen (?:did|was|were) (?:i|my)\b.{0,20}\b(?:last|latest|most recent(?:ly)?)\b|\b(?:my )?(?:last|latest|most recent) (?:run|ride|swim|walk|hike|activity|workout)\b/.test(
      t,
    )
  ) {
    if (/\bwhen\b|\blast|latest|recent/.test(t)) return { kind: 'last', sport };
  }
  const distance = distanceIn(t);
  if (distance?.bestKey != null && sport === 'run' && /\b(?:fastest|quickest|best)\b/.test(t))
    return { kind: 'best', distance: { ...distance, bestKey: distance.bestKey }, sport: 'run' };
  for (const [re, s] of SUPERLATIVES)
    if (re.test(t)) return { kind: 'superlative', ...s, sport, ...(distance && s.sortBy === 'pace' ? { distance } : {}) };
  const activity = activityLookup(t, question);
  // A day with "how far / how many / how long" and no particular activity is a total over that day.
  if (activity?.day && (activity.hint || !/\bhow (?:far|many|long|much)\b/.test(t))) return activity;
  // "How many 5 km runs", "how many marathons": a count of the activities that covered the distance.
  if (distance && /\bhow many\b/.test(t) && /\b(?:runs|rides|swims|races|sessions|times|activities|workouts|marathons)\b/.test(t))
    return { kind: 'total', measure: 'count', sport, distance };
  if (
    /\bhow many\b.{0,30}\b(?:km|kilomet\w*|miles?|mi)\b|\bhow far\b|\btotal (?:distance|mileage|kilometres|kilometers|km|miles)\b|\bhow much distance\b/.test(
      t,
    )
  )
    return { kind: 'total', measure: 'distance', sport };
  if (
    /\bhow many (?:metres|meters|feet|ft|m)\b.{0,30}\b(?:climb|elevation|ascent|up)|\bhow much (?:elevation|climbing|ascent|vert)|\btotal (?:elevation|climbing|ascent)\b/.test(
      t,
    )
  )
    return { kind: 'total', measure: 'elevation', sport };
  if (
    /\bhow (?:long|much time)\b|\bhow many (?:hours|minutes)\b|\btotal (?:time|hours|duration)\b|\bhow much did i (?:train|exercise|work out)\b/.test(
      t,
    )
  )
    return { kind: 'total', measure: 'time', sport };
  if (/\bhow much (?:training )?load\b|\btotal (?:training )?load\b/.test(t)) return { kind: 'total', measure: 'load', sport };
  if (
    /\bhow many (?:times|runs|rides|swims|walks|hikes|activities|workouts|sessions)\b|\bnumber of (?:runs|rides|swims|walks|hikes|activities|workouts|sessions)\b/.test(
      t,
    )
  )
    return { kind: 'total', measure: 'count', sport };
  return activity;
}
