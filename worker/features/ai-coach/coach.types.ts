// The AI coach's shared contract: what a tool returns (numbers with their receipts), the events a turn
// streams, and the plan-change actions a proposal may carry.
import type { z } from 'zod';
import type { ActivitySource } from '../activities';
import type { Athlete } from '../analytics';

export type Units = 'km' | 'mi';

/** One activity a number came from (the chat shows these collapsed under the answer, linked). */
export interface CoachReceipt {
  activityId: string;
  /** The athlete's local date, YYYY-MM-DD. */
  date: string;
  name: string;
  sport: string;
  /** Key values this activity contributes, already in the athlete's units (e.g. { distance: '10.2 km' }). */
  values: Record<string, string | number | null>;
}

/** One number a tool states, as the model should quote it; the claim checker matches answers against these. */
export interface ToolFact {
  label: string;
  /** Rounded as it should be said (a pace or duration as a string "4:35", a date "2026-11-02"). */
  value: number | string;
  /** 'km' | 'mi' | 'min/km' | 'min/mi' | 'h:mm:ss' | 'bpm' | 'W' | '%' | 'load' | 'count' | 'date' | … */
  unit?: string;
  /** The activities this number is about; absent: all of the result's receipts (a total, a fitness value). */
  activityIds?: string[];
}

/**
 * What every tool returns: the facts (numbers in the athlete's units, dates in their zone), the window
 * they cover, and the receipts. `empty` is set (and `facts` empty) when nothing matched: the answer must
 * say so, never fill in. `withheld` counts activities the data-use policy kept out (Strava).
 */
export interface ToolResult {
  tool: string;
  window: { from: string; to: string } | null;
  units: Units;
  timeZone: string;
  facts: ToolFact[];
  receipts: CoachReceipt[];
  empty: string | null;
  /** Extra structured data the model may use (e.g. planned workouts with ids for a proposal). */
  data?: unknown;
  withheld: { source: ActivitySource; count: number }[];
  notes?: string[];
}

/** What a tool gets: the athlete (units, zone), today's date in their zone, and the services it reads. */
export interface ToolContext {
  athlete: Athlete;
  today: string;
  /** The conversation's known return date (coming back), used as the default window start. */
  returnDate: string | null;
  conversationId: string | null;
  messageId: string | null;
}

export interface CoachTool<I = unknown> {
  name: string;
  description: string;
  input: z.ZodType<I>;
  run(ctx: ToolContext, input: I): Promise<ToolResult>;
}

export type Risk = 'low' | 'medium' | 'high';

/** What the numeric-claim checker found in a final answer. */
export interface ClaimCheck {
  checked: number;
  matched: number;
  /** Claims with no tool result behind them. */
  unmatched: { text: string; value: number; unit: string | null }[];
  /** 'ok' | 'regenerated' (one retry with the correction) | 'removed' (sentences dropped). */
  outcome: 'ok' | 'regenerated' | 'removed';
  /** What the first draft claimed without a receipt (kept for the record when it was corrected). */
  caught?: { text: string; value: number; unit: string | null }[];
}

/** Server-sent events of a turn, in order; `id` (the SSE event id) is the event's sequence number. */
export type CoachStreamEvent =
  | { type: 'turn'; conversationId: string; messageId: string; replyTo: string; route: 'deterministic' | 'guardrail' | 'model' }
  | { type: 'delta'; text: string }
  | { type: 'tool'; name: string; status: 'running' | 'done'; summary: string }
  /** The answer as checked replaces what streamed (a number without a receipt was corrected or removed). */
  | { type: 'replace'; text: string; reason: string }
  | { type: 'receipts'; receipts: CoachReceipt[] }
  | { type: 'check'; check: ClaimCheck }
  | { type: 'proposal'; proposalId: string }
  | { type: 'done'; messageId: string; status: 'complete' | 'partial' | 'stopped' }
  | { type: 'error'; code: string; message: string; retryable: boolean; partial: boolean };

/** The proposal action catalog. Dates are the athlete's local dates. */
export type ProposalAction =
  | { kind: 'swap_days'; workoutId: string; otherWorkoutId: string }
  | { kind: 'move'; workoutId: string; date: string }
  | { kind: 'adjust_load'; workoutId: string; percent: number }
  | { kind: 'replace_workout'; workoutId: string; type: string }
  | { kind: 'skip'; workoutId: string }
  | { kind: 'restore'; workoutId: string };

/** A workout as the proposal card shows it (before / after). */
export interface WorkoutBrief {
  id: string;
  date: string;
  sport: string;
  type: string;
  title: string;
  durationMin: number;
  targetLoad: number;
  skipped: boolean;
}

export interface ProposalView {
  id: string;
  status: 'proposed' | 'confirmed' | 'applied' | 'failed' | 'rejected';
  planId: string;
  reason: string;
  riskNotes: string[];
  actions: ProposalAction[];
  /** One row per affected workout; null before = added, null after = removed. */
  diff: { workoutId: string; before: WorkoutBrief | null; after: WorkoutBrief | null }[];
  /** Planned load of each affected week before and after, and the projected form (TSB) on the last affected day. */
  forecast: {
    weeks: { weekStart: string; loadBefore: number; loadAfter: number }[];
    formBefore: number | null;
    formAfter: number | null;
  };
  error: string | null;
  /** After apply: the plan change to undo through the plan's change log. */
  planChangeId: string | null;
  createdAt: string;
  confirmedAt: string | null;
  appliedAt: string | null;
  rejectedAt: string | null;
}

/** A message as the chat page and the API show it. */
export interface CoachMessageView {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  status: 'streaming' | 'complete' | 'partial' | 'failed' | 'stopped';
  route: 'deterministic' | 'guardrail' | 'model' | null;
  model: string | null;
  receipts: CoachReceipt[];
  checks: ClaimCheck | null;
  withheld: { source: string; count: number }[];
  errorCode: string | null;
  proposal: ProposalView | null;
  createdAt: string;
}

export interface ConversationView {
  id: string;
  title: string;
  returnDate: string | null;
  createdAt: string;
  updatedAt: string;
}
