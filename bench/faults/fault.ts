// What every injected fault gives the soak (bench/soak) and its own standalone bench: run it against a live
// stack while other work goes on, and say what a user saw, what was retried, how long recovery took and
// whether anything was lost or done twice.
import type { Stack } from '../../scripts/lib/stack.ts';

export interface FaultContext {
  stack: Stack;
  /** One line of progress (the soak prefixes it with the minute). */
  log: (line: string) => void;
  /** Aborted when the run is cut short (Ctrl-C): stop injecting, clear the fault, return what you have. */
  signal: AbortSignal;
}

export interface FaultReport {
  /** Short and stable: `database-20s`, `strava-error-60s`, `restart-mid-export`, `webhooks-replay`… */
  name: string;
  startedAt: string;
  /** Seconds the fault itself lasted (not the checks after it). */
  faultSeconds: number;
  /** What a user saw meanwhile, in words with figures: "12 requests answered 503 with Retry-After 5; none hung". */
  userSaw: string[];
  /** What was retried, and how: "SMS sends retried 3× over 64 s (backoff with jitter); 0 duplicates". */
  retried: string[];
  /** Seconds from the fault's end until the stack answered normally again (null if it never did). */
  recoverySeconds: number | null;
  /** Reconciliation of the work the fault touched: what was accepted, done, lost, done twice. */
  reconciliation: { accepted: number; done: number; lost: number; duplicated: number; detail?: string };
  /** Empty when the fault was handled as promised; each entry a broken promise, in words. */
  problems: string[];
}

export type Fault = (ctx: FaultContext) => Promise<FaultReport>;

/** The one-line verdict the soak prints per fault. */
export const faultVerdict = (r: FaultReport) =>
  `${r.name}: ${r.problems.length === 0 && r.reconciliation.lost === 0 && r.reconciliation.duplicated === 0 ? 'OK' : 'FAILED'} · recovery ${r.recoverySeconds ?? 'never'} s · ${r.reconciliation.done}/${r.reconciliation.accepted} done, ${r.reconciliation.lost} lost, ${r.reconciliation.duplicated} twice`;
