// Checks that run before any answer (deterministic or model): medical red flags stop training advice,
// and "coming back" without a known return date asks for it before any comparison (the
// guardrail cannot be bypassed by the deterministic path). Pure; keyword and pattern based.
import { agoIn, dateIn } from './windows';

export type GuardrailOutcome =
  /** Answer with `text`, no model, no tools: training advice stops here. */
  | { kind: 'medical'; text: string; emergency: boolean }
  /** Answer with `text`: the coach needs the return date before comparing periods. */
  | { kind: 'ask_return_date'; text: string }
  /**
   * The athlete gave their return date: store it on the conversation (windows default to it), then answer
   * `question` (the message that asked, when this message only gave the date).
   */
  | { kind: 'return_date'; date: string; question: string };

export interface GuardrailInput {
  /** The conversation's stored return date. */
  returnDate: string | null;
  /** The athlete's previous messages in this conversation, oldest first (a few are enough). */
  recentUserMessages: string[];
  /** Today in the athlete's zone: resolves "October 5" and "3 weeks ago". */
  today: string;
}

// Phrases that negate a symptom ("no pain", "pain-free") are removed before matching.
const NEGATED =
  /\b(?:no|without|zero|not any|free of|never had)\s+(?:\w+\s+){0,2}?(?:pain|dizziness|symptoms?)\b|\bpain[- ]free\b|\b(?:doesn'?t|does not|didn'?t|did not|no longer|never) (?:hurt|ache)s?\b|\bchest strap\b|\bheart rate (?:strap|monitor)\b/g;

const EMERGENCY: RegExp[] = [
  /\bchest (?:pain|pressure|tightness|discomfort|hurts?|is tight|feels tight)\b/,
  /\b(?:pain|pressure|tightness|discomfort) in (?:my|the) chest\b/,
  /\btight(?:ness in the)? chest\b/,
  /\b(?:fainted|fainting|passed out|blacked out|collapsed|lost consciousness)\b/,
  /\b(?:short(?:ness)? of breath|breathless|can'?t (?:catch my )?breathe?)\b.{0,40}\b(?:at rest|resting|sitting|lying|in bed|doing nothing)\b/,
  /\b(?:at rest|resting|sitting)\b.{0,40}\b(?:short(?:ness)? of breath|breathless|can'?t breathe)\b/,
];

const MEDICAL: RegExp[] = [
  /\b(?:dizzy|dizziness|light[- ]?headed|vertigo|faint|feel(?:ing)? woozy)\b/,
  /\b(?:palpitations?|heart (?:is )?(?:racing|fluttering|pounding|skipping)|irregular heart ?beat|skipped beats?|arrhythmia|afib)\b/,
  /\bshort(?:ness)? of breath\b/,
  /\b(?:sharp|stabbing|shooting|severe|worsening|intense|burning) (?:\w+ )?pain\b/,
  /\bpain (?:is |keeps |has been )?(?:getting worse|worse|worsening|increasing)\b/,
  /\b(?:it|my \w+|this) (?:hurts|aches) (?:when|while|during|after) (?:i )?(?:run|running|ride|riding|walk|walking|train)/,
  /\b(?:pain|hurts?|aches?|sore(?:ness)?) (?:when|while|during) (?:i )?(?:run|running|ride|riding|training|walking)\b/,
  /\b(?:knee|shin|hip|ankle|achilles|foot|heel|calf|hamstring|back|it band|groin|shoulder) (?:pain|hurts?|is hurting|aches?)\b/,
  /\b(?:pain|hurting) in (?:my|the) (?:knee|shin|hip|ankle|achilles|foot|heel|calf|hamstring|back|groin|shoulder)\b/,
  /\b(?:swollen|swelling|numb(?:ness)?|tingling|limping|can'?t put weight)\b/,
  /\b(?:stress fracture|fractured?|torn (?:my |a )?\w*\s?(?:ligament|muscle|meniscus|acl|tendon|calf|hamstring)|sprain(?:ed)?|concussion)\b/,
  /\b(?:blood in (?:my )?(?:urine|stool)|coughing (?:up )?blood)\b/,
];

const COMING_BACK: RegExp[] = [
  /\b(?:coming|came|getting|got|i'?m|am|just) back (?:from|after|to (?:running|training|riding|it))\b/,
  /\bsince (?:i (?:got|came|have been|was|'?ve been) back|my return|returning)\b/,
  /\breturn(?:ing|ed)? (?:from|after|to (?:running|training|riding))\b/,
  /\bcome ?back\b/,
  /\bback (?:from|after) (?:an? |my |the |a long )?(?:\w+ )?(?:injury|illness|break|surgery|layoff|lay-off|time off|pregnancy|flu|covid|fracture|sickness|holiday|vacation)\b/,
  /\b(?:post|after)[- ](?:injury|surgery|op(?:eration)?|illness|covid|pregnancy|partum|birth|baby|break|layoff|lay-off|time off)\b/,
  /\bpostpartum\b/,
  /\b(?:after|following) (?:my|an?|the) (?:injury|surgery|operation|illness|break|layoff|lay-off|time off|pregnancy|baby|covid|flu|stress fracture)\b/,
  /\b(?:starting (?:again|over) after|getting back into (?:running|training|riding|it|shape))\b/,
  /\b(?:time|weeks|months) off (?:running|training|for)\b/,
  /\bi(?: have|'?ve)? (?:re-?started|started (?:again|back)|resumed (?:running|training|riding))\b/,
];

// Questions that compare or judge periods: the ones the return date must scope.
const COMPARISON =
  /\b(?:fastest|slowest|longest|shortest|best|worst|most|least|hardest|easiest|compare|compared|comparison|vs\.?|versus|progress|improv\w*|trend|better|worse|slower|faster|fitter|how am i doing|how (?:far|much|many|long)|total|average|back to|where (?:i|am i)|pb|personal best|since)\b/;

const lower = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'");
const clean = (s: string) => lower(s).replace(NEGATED, ' ');

export const isComingBack = (text: string): boolean => COMING_BACK.some((re) => re.test(clean(text)));

export function medicalFlag(text: string): { emergency: boolean } | null {
  const t = clean(text);
  if (EMERGENCY.some((re) => re.test(t))) return { emergency: true };
  if (MEDICAL.some((re) => re.test(t))) return { emergency: false };
  return null;
}

export const MEDICAL_TEXT =
  "I'm going to stop the training advice here. What you describe is something a doctor or a physiotherapist should look at before you train on it, and I can't assess it from your data. Please rest from hard sessions until you've had it checked. Once a professional has cleared you, tell me what they said and I'll help you plan the way back.";

export const EMERGENCY_TEXT =
  "Please stop and get medical help now. Chest pain or pressure, fainting, or breathlessness at rest can be serious: call your local emergency number (911 in the US, 112 in Europe, 999 in the UK) or have someone take you to an emergency department. Don't train until a doctor has checked you. I'm not able to give training advice on this.";

export const ASK_RETURN_DATE_TEXT =
  "Before I compare anything: when did you start training again after the break? Tell me the date (for example 2026-10-05 or \"October 5\"), and I'll look only at what you've done since then, so your comeback isn't measured against your old numbers.";

/** A plausible return date: not in the future, not more than two years back. */
function returnDateIn(text: string, today: string): string | null {
  const d = dateIn(text, today) ?? agoIn(text, today);
  if (!d || d > today) return null;
  const twoYearsAgo = `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`;
  return d >= twoYearsAgo ? d : null;
}

/** The medical stop for a red flag in `text`, or null. */
function stopFor(text: string): GuardrailOutcome | null {
  const flag = medicalFlag(text);
  return flag ? { kind: 'medical', text: flag.emergency ? EMERGENCY_TEXT : MEDICAL_TEXT, emergency: flag.emergency } : null;
}

/** Null when nothing applies: the turn goes on (deterministic answer or model). */
export function guardrail(question: string, opts: GuardrailInput): GuardrailOutcome | null {
  const medical = stopFor(question);
  if (medical) return medical;
  if (opts.returnDate) return null;
  const recent = opts.recentUserMessages.slice(-6);
  // The conversation so far, as this guardrail answered it (its answers are fixed texts, so they can be
  // replayed): a return date an earlier message gave but the conversation lacks, and whether the coach's
  // last reply asked for one.
  let given: string | null = null;
  let asked = false;
  recent.forEach((text, i) => {
    const said = given ? null : comingBack(text, recent.slice(0, i), asked, opts.today);
    if (said?.kind === 'return_date') given = said.date;
    asked = said?.kind === 'ask_return_date';
  });
  const now = comingBack(question, recent, asked, opts.today);
  if (now?.kind === 'return_date' || !given) return now;
  return isComingBack(question) || recent.some(isComingBack) ? { kind: 'return_date', date: given, question } : now;
}

/**
 * One message in its conversation (`recent`: the earlier ones; `asked`: the coach's reply to the last of
 * them asked for the return date). A date is a return date only when it comes with the "coming back"
 * statement or as the reply to that question: a date in any other message is about something else.
 */
function comingBack(question: string, recent: string[], asked: boolean, today: string): GuardrailOutcome | null {
  const medical = stopFor(question);
  if (medical) return medical;
  const backNow = isComingBack(question);
  if (!backNow && !asked && !recent.some(isComingBack)) return null;
  const here = backNow || asked ? returnDateIn(question, today) : null;
  if (here) {
    // A message that only gives the date answers our question: resume the one that asked.
    const onlyDate =
      question
        .replace(/[^a-z]/gi, ' ')
        .trim()
        .split(/\s+/).length <= 6 && !COMPARISON.test(lower(question));
    const resumed = [...recent].reverse().find((m) => isComingBack(m) || COMPARISON.test(lower(m)));
    return { kind: 'return_date', date: here, question: onlyDate && resumed ? resumed : question };
  }
  if (backNow) return { kind: 'ask_return_date', text: ASK_RETURN_DATE_TEXT };
  // Coming back was said earlier; the return date matters only when this question compares periods.
  return COMPARISON.test(lower(question)) ? { kind: 'ask_return_date', text: ASK_RETURN_DATE_TEXT } : null;
}
