// Which receipts a model's answer stands on: the activities it names, and those behind each number it
// states — one activity's figure names that activity; a total or a fitness value names everything its
// result summed. A tool may read 21 runs to find the longest; the answer about that run cites one.
import type { CoachReceipt, ToolResult } from '../coach.types';
import { activityCandidates, type Candidate, factCandidates, textCandidates } from './claims.candidates';
import { exemptSpans, matches, sentences } from './claims';
import { extractQuantities } from './claims.extract';
import { nameWords } from './activity-lookup.tool';

/** A group of candidates and the activities they speak for. */
interface Backing {
  cands: Candidate[];
  ids: string[];
  /** One activity's own figure (not a window's total). */
  own: boolean;
}

function backings(results: ToolResult[]): Backing[] {
  const out: Backing[] = [];
  for (const r of results) {
    const all = r.receipts.map((x) => x.activityId);
    for (const f of r.facts) {
      const own = f.activityIds !== undefined;
      // An activity's label carries its date ("2026-11-08 Long Run: distance"); a total's only the window's.
      const cands = [...factCandidates(f.value, f.unit), ...(own ? textCandidates(f.label) : [])];
      out.push({ cands, ids: f.activityIds ?? all, own });
    }
    for (const x of r.receipts) out.push({ cands: activityCandidates(x, r.units), ids: [x.activityId], own: true });
  }
  return out;
}

// A one-word name ("Easy") is an everyday word too: it counts only in quotes.
const mentions = (text: string, name: string) => {
  const n = nameWords(name);
  if (n.length < 4) return false;
  // n is letters and digits only, so it is safe inside a pattern.
  if (!n.includes(' ')) return new RegExp(`["“]\\s*${n}\\s*["”]`, 'iu').test(text);
  return ` ${nameWords(text)} `.includes(` ${n} `);
};

/** Whether a sentence names this activity or its date ("on 8 Nov"). */
function said(sentence: string, x: CoachReceipt): boolean {
  if (mentions(sentence, x.name)) return true;
  return extractQuantities(sentence).some(
    (q) => (q.dim === 'date' && q.date === x.date) || (q.dim === 'monthday' && q.date === x.date.slice(5)),
  );
}

/** The receipts behind an answer, in the order the tools gave them; none when it states nothing from them. */
export function citedReceipts(text: string, results: ToolResult[]): CoachReceipt[] {
  const receipts = new Map<string, CoachReceipt>();
  for (const r of results) for (const x of r.receipts) if (!receipts.has(x.activityId)) receipts.set(x.activityId, x);
  const cited = new Set<string>();
  for (const x of receipts.values()) if (mentions(text, x.name)) cited.add(x.activityId);
  const all = backings(results);
  const parts = sentences(text);
  for (const claim of extractQuantities(text, exemptSpans(text))) {
    const backed = all.filter((b) => matches(claim, b.cands));
    if (backed.length === 0) continue;
    // The sentence's own activities decide between equal figures ("10 km" of two runs); then any one
    // activity's figure; only a number nothing else states is a total's, and names everything it summed.
    const sentence = parts.find((s) => claim.start >= s.start && claim.start < s.end)?.text ?? '';
    const named = new Set([...receipts.values()].filter((x) => said(sentence, x)).map((x) => x.activityId));
    const own = backed.filter((b) => b.own);
    const inSentence = own.filter((b) => b.ids.some((id) => named.has(id)));
    const chosen =
      inSentence.length > 0 ? inSentence.map((b) => ({ ...b, ids: b.ids.filter((id) => named.has(id)) })) : own.length > 0 ? own : backed;
    for (const b of chosen) for (const id of b.ids) cited.add(id);
  }
  return [...receipts.values()].filter((x) => cited.has(x.activityId));
}
