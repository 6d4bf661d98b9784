// The deterministic risk classifier that routes a question to a model tier:
// high = injury, illness, pain, coming back, load spikes and race-week changes (the default, careful
// model); medium = coaching advice and plan changes; low = summaries and lookups (a smaller model or
// the deterministic path). Keyword and pattern based: the same question always routes the same way.
import type { Risk } from '../coach.types';
import { isComingBack, medicalFlag } from './guardrail';

const HIGH: RegExp[] = [
  /\b(?:injur\w*|hurt\w*|pain\w*|sore(?:ness)?|ache|aching|achy|strain(?:ed)?|sprain(?:ed)?|tendon\w*|tendin\w*|fractur\w*|shin splints?|plantar|itb|it band|niggle)\b/,
  /\b(?:ill|illness|sick|flu|covid|(?:a|the) cold|fever|virus|infection|dizz\w*|faint\w*|palpitation\w*|breath\w*|asthma|anemi\w*|anaemi\w*)\b/,
  /\b(?:pregnan\w*|postpartum|surgery|operation|physio\w*|doctor|medical|medication)\b/,
  /\b(?:overtrain\w*|over-?reach\w*|burn(?:ed|t)? ?out|exhausted|fatigued|can'?t recover|not recovering|ramp(?:ing)?(?: rate)?|load spike|spike|jump(?:ed)? (?:in|my) (?:load|mileage|volume)|too much|double (?:my|the) (?:mileage|volume)|increase (?:my )?(?:mileage|volume|load) by)\b/,
  /\b(?:race (?:week|day|is (?:this|next) (?:week|weekend|sunday|saturday))|taper\w*|days? before (?:my|the) race|race (?:tomorrow|this weekend|on sunday|on saturday))\b/,
];

const MEDIUM: RegExp[] = [
  /\b(?:should i|shall i|can i|could i|do i need|would it be|is it (?:ok|okay|fine|wise|smart|bad|good)|what should|how (?:do|can|should) i|how to|tips?|advice|recommend\w*|suggest\w*)\b/,
  /\b(?:swap|move|skip|replace|reschedule|adjust|change|modify|drop|cut|shorten|lengthen|rest day|more rest|recovery run)\b/,
  /\b(?:improve|get faster|train for|prepare|build|peak|goal|target|pacing strategy|race pace|zone)\b/,
  /\b(?:why (?:am|is|do|did|was)|what does .{1,30} mean|explain)\b/,
];

const lower = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'");

/**
 * Risk of answering a question. `ctx.returnDate` (the athlete is coming back) makes advice questions
 * high; lookups stay low even then (they are scoped to the return date, not judged).
 */
export function classifyRisk(question: string, ctx?: { returnDate?: string | null; recentUserMessages?: string[] }): Risk {
  const t = lower(question);
  if (medicalFlag(question) || isComingBack(question)) return 'high';
  if (HIGH.some((re) => re.test(t))) return 'high';
  const advice = MEDIUM.some((re) => re.test(t));
  if (advice && (ctx?.returnDate || ctx?.recentUserMessages?.some(isComingBack))) return 'high';
  return advice ? 'medium' : 'low';
}
