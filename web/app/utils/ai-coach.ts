// The AI coach's shapes as the chat page uses them (the contract lives in the worker's ai-coach feature).
import { TIERS } from './membership';
import { CREATE_PLAN } from './plans';

export type {
  ClaimCheck,
  CoachMessageView,
  CoachReceipt,
  CoachStreamEvent,
  ConversationView,
  ProposalView,
  WorkoutBrief,
} from '../../../worker/features/ai-coach/browser';

export interface CoachUsage {
  used: number;
  /** null: no monthly limit on the athlete's plan. */
  limit: number | null;
  resetsAt: string | null;
  /** The day it comes back, in the athlete's zone (YYYY-MM-DD). */
  resetsOn: string | null;
  /** On Free, the count comes with an upgrade link. */
  free?: boolean;
}

/** The example questions the empty state offers (they fill the composer). */
export const EXAMPLE_QUESTIONS = [
  'How has my fitness changed over the last six weeks?',
  'What was my longest run this month?',
  'Can you make this week a bit easier?',
] as const;

/** Text the composer is prefilled with by "Ask a follow-up" under a proposal. */
export const FOLLOW_UP_PREFIX = 'About this proposal: ';

export const MAX_QUESTION = 2000;

/** An id the server uses to recognise a resent question (double submit, retry after a dropped request). */
export function newClientMessageId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** "Based on 4 activities". */
export const basedOn = (n: number) => `Based on ${n} ${n === 1 ? 'activity' : 'activities'}`;

/** Minutes as "1 h 05 min" / "45 min". */
export function minutes(total: number): string {
  const m = Math.round(total);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

// The app pages an answer may link to ("…is part of Pro: /pricing#plan-pro", or Markdown's
// "[Create a plan](/training/new)"). Only these roots: a pace's "/km" or "/mi" stays text, and nothing
// outside the app ever becomes a link.
const PATH = String.raw`\/(?:pricing|settings|training|activities)(?:\/[\w-]+)*(?:#[\w-]+)?`;
const LINKABLE = new RegExp(String.raw`\[([^\]\n]{1,80})\]\((${PATH})\)|(^|[\s(])(${PATH})(?=$|[\s).,;:!?])`, 'g');

// What a bare path reads as: the page's or the button's own words, never the address itself.
const PAGE_LABELS: Record<string, string> = {
  '/pricing': 'Pricing',
  '/settings': 'Settings',
  '/settings/data': 'Data sources',
  '/settings/training': 'Training settings',
  '/settings/notifications': 'Notification settings',
  '/settings/membership': 'Membership',
  '/settings/delete-account': 'Delete your account',
  '/training': 'Training',
  [CREATE_PLAN.path]: CREATE_PLAN.label,
  '/activities': 'Activities',
};

/** "/pricing#plan-pro" → "See Pro"; "/training/new" → "Create a plan"; an activity's page → "the activity". */
export function pageLabel(path: string): string {
  const [page = '', hash] = path.split('#');
  const tier = hash?.match(/^plan-(\w+)$/)?.[1];
  if (page === '/pricing' && tier && tier in TIERS) return `See ${TIERS[tier as keyof typeof TIERS].name}`;
  if (PAGE_LABELS[page]) return PAGE_LABELS[page];
  if (page.startsWith('/activities/')) return 'the activity';
  const last = page.split('/').filter(Boolean).at(-1) ?? '';
  return last.charAt(0).toUpperCase() + last.slice(1).replace(/-/g, ' ');
}

/** A line of an answer as text and in-app links (each with its label), in order. */
export function answerLinks(line: string): ({ text: string } | { path: string; label: string })[] {
  const out: ({ text: string } | { path: string; label: string })[] = [];
  let at = 0;
  for (const m of line.matchAll(LINKABLE)) {
    const markdown = m[2] !== undefined;
    const start = markdown ? m.index : m.index + m[3]!.length;
    const path = markdown ? m[2]! : m[4]!;
    if (start > at) out.push({ text: line.slice(at, start) });
    out.push({ path, label: markdown ? m[1]!.trim() : pageLabel(path) });
    at = markdown ? m.index + m[0].length : start + path.length;
  }
  if (at < line.length) out.push({ text: line.slice(at) });
  return out;
}
