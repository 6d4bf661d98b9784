// Plain-English lookups the coach answers without a model: superlatives (fastest, longest, hardest…),
// totals (how far, how many, how long, how much climbing) and "when did I last…", each with its sport
// and window. Anything else (advice, comparisons, "why") is left to the model: parse returns null.
import type { SortBy } from './coach-data.repo';
import type { Sport } from './tool-kit';

export type Lookup =
  | { kind: 'superlative'; word: string; sortBy: SortBy; order: 'asc' | 'desc'; sport: Sport | undefined }
  | { kind: 'total'; measure: 'distance' | 'count' | 'time' | 'elevation' | 'load'; sport: Sport | undefined }
  | { kind: 'last'; sport: Sport | undefined };

const SPORT_WORDS: [RegExp, Sport][] = [
  [/\b(?:runs?|running|ran|jog(?:s|ging|ged)?)\b/, 'run'],
  [/\b(?:rides?|riding|rode|bik(?:e|es|ing)|cycl(?:e|es|ing|ed)|biked)\b/, 'ride'],
  [/\b(?:swims?|swimming|swam)\b/, 'swim'],
  [/\b(?:walks?|walking|walked)\b/, 'walk'],
  [/\b(?:hikes?|hiking|hiked)\b/, 'hike'],
];

export function sportIn(t: string): Sport | undefined {
  return SPORT_WORDS.find(([re]) => re.test(t))?.[1];
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
const NOT_A_LOOKUP =
  /\b(?:should|could|would|why|how (?:do|can|should|to)|compare|compared|vs\.?|versus|than|improv\w*|better|worse|trend|plan(?:ned)?|next|tomorrow|predict|forecast|pb|personal best|record|age grade|average|per week|each week|weekly|advice|recommend)\b|\?.*\?/;

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
  for (const [re, s] of SUPERLATIVES) if (re.test(t)) return { kind: 'superlative', ...s, sport };
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
  return null;
}
