// The numeric-claim checker: every number about the athlete in a final answer must match a number in
// this turn's tool results, within unit conversion and the rounding the answer used. Sentences holding
// an unmatched claim are removed (or the caller regenerates once with correctionNote).
import type { ClaimCheck, ToolResult } from '../coach.types';
import { type Candidate, candidatesOf } from './claims.candidates';
import { extractQuantities, type Quantity } from './claims.extract';

// General rules the prompt allows, zone names and list markers: numbers that are not about the athlete.
const EXEMPT: RegExp[] = [
  /^\s*(?:\d{1,2}[.)]|[-*•])\s/gm,
  /\b(?:zones?|z)\s?\d(?:\s?(?:[-–]|to|and)\s?(?:z)?\d)?\b/gi,
  /\b(?:the\s+)?10\s?(?:%|percent)\s+(?:rule|ramp)\b/gi,
  /\b(?:increase|raise|build|grow)\w*\s+(?:your\s+)?(?:weekly\s+)?(?:mileage|volume|load|distance)\s+(?:by\s+)?(?:no more than|not more than|at most|about|roughly|around|up to|under)?\s*10\s?(?:%|percent)/gi,
  /\b(?:no more than|not more than|at most|about|roughly|around|under)\s+10\s?(?:%|percent)\s+(?:a|per|each)\s+week\b/gi,
  /\b80\s?\/\s?20\b/g,
  /\b80\s?(?:%|percent)\s+(?:of\s+(?:your\s+)?(?:training|time|sessions)\s+)?(?:easy|low|aerobic)/gi,
  /\b20\s?(?:%|percent)\s+(?:of\s+(?:your\s+)?(?:training|time|sessions)\s+)?(?:hard|high|moderate|intense)/gi,
  /[−-]\s?50\s?%?\s*(?:to|…|\.\.\.)\s*\+?\s?10\s?%/g,
  /\b(?:within\s+)?(?:the\s+)?next\s+28\s+days\b/gi,
  /\b(?:up to|at most)\s+6\s+(?:changes|actions)\b/gi,
  /\b(?:5|10)\s?k\b/gi,
];

export function exemptSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const re of EXEMPT) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      out.push([m.index, m.index + m[0].length]);
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return out;
}

const overlaps = (a: { lo: number; hi: number }, b: { lo: number; hi: number }) => {
  const eps = 1e-9 * Math.max(1, Math.abs(a.lo), Math.abs(b.lo));
  return a.lo <= b.hi + eps && b.lo <= a.hi + eps;
};
const neg = (x: { lo: number; hi: number }) => ({ lo: -x.hi, hi: -x.lo });

/** Whether one claim is backed by any candidate. */
export function matches(claim: Quantity, cands: Candidate[]): boolean {
  return cands.some((c) => {
    switch (claim.dim) {
      case 'date':
        return c.dim === 'date' && c.date === claim.date;
      case 'monthday':
        return c.dim === 'date' && c.date?.slice(5) === claim.date;
      case 'clock':
        // A bare "4:35": a pace in its candidate's unit, or a duration.
        return (
          (c.dim === 'pace' && c.per !== undefined && overlaps(claim, { lo: c.lo * c.per, hi: c.hi * c.per })) ||
          (c.dim === 'duration' && overlaps(claim, c))
        );
      case 'speed':
        return (
          (c.dim === 'speed' && overlaps(claim, c)) || (c.dim === 'pace' && c.lo > 0 && overlaps(claim, { lo: 1 / c.hi, hi: 1 / c.lo }))
        );
      case 'pace':
        return (
          (c.dim === 'pace' && overlaps(claim, c)) || (c.dim === 'speed' && c.lo > 0 && overlaps(claim, { lo: 1 / c.hi, hi: 1 / c.lo }))
        );
      case 'length':
      case 'duration':
        return c.dim === claim.dim && overlaps(claim, c);
      default:
        // Plain numbers (HR, power, %, load, counts): the same kind or an untyped number; a sign said in words counts.
        return (c.dim === claim.dim || c.dim === 'any') && (overlaps(claim, c) || overlaps(neg(claim), c));
    }
  });
}

/** Numbers the athlete wrote themselves are theirs to repeat. */
function questionTokens(question: string): Set<string> {
  return new Set((question.match(/\d+(?:[.:,-]\d+)*/g) ?? []).flatMap((t) => [t, ...t.split(/[:,-]/)]));
}

export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/** Sentences (and list items) of a text, with their offsets; decimals and "4:35 /km" stay whole. */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[^\n]*?(?:[.!?](?=\s|$)|\n|$)/g;
  for (let m = re.exec(text); m && m.index < text.length; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export const NOTHING_LEFT =
  "I couldn't back the numbers in my answer with your data, so I've left them out. Ask me again and I'll look them up with your activities.";

export function checkClaims(text: string, results: ToolResult[], question: string): { check: ClaimCheck; cleaned: string } {
  const cands = candidatesOf(results);
  const mine = questionTokens(question);
  const claims = extractQuantities(text, exemptSpans(text)).filter((c) => !c.tokens.every((t) => mine.has(t.replace(/^[+\-−]/, ''))));
  const unmatched = claims.filter((c) => !matches(c, cands));
  const check: ClaimCheck = {
    checked: claims.length,
    matched: claims.length - unmatched.length,
    unmatched: unmatched.map((c) => ({ text: c.text, value: Number.isFinite(c.value) ? c.value : 0, unit: c.unit })),
    outcome: unmatched.length === 0 ? 'ok' : 'removed',
  };
  if (unmatched.length === 0) return { check, cleaned: text };
  const bad = sentences(text).filter((s) => unmatched.some((c) => c.start < s.end && c.end > s.start));
  let cleaned = '';
  let at = 0;
  for (const s of bad) {
    cleaned += text.slice(at, s.start);
    if (s.text.endsWith('\n')) cleaned += '\n';
    at = s.end;
  }
  cleaned += text.slice(at);
  cleaned = cleaned
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/ {2,}/g, ' ')
    .trim();
  return { check, cleaned: /\w/.test(cleaned) ? cleaned : NOTHING_LEFT };
}

/** The instruction for one regeneration: which numbers had nothing behind them. */
export function correctionNote(check: ClaimCheck): string {
  const list = check.unmatched.map((u) => `"${u.text}"`).join(', ');
  return `Your previous answer stated numbers that no tool result of this turn supports: ${list}. Answer again using only numbers that appear in the tool results (call a tool if you need one), quoted in the athlete's units as the tools give them; if the data is not there, say so instead of estimating.`;
}
