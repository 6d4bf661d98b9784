// The reps as the step table reads them (issue 55): the rep table's targets from the same reader as the
// steps' (an absolute pace needs no threshold), and, when the steps are placed by time, each work step on
// the seconds of the rep found for it, so both tables show one pace from one stretch of the recording.
import type { IntervalSegment } from './detect.calc';
import { MIN_REP, type DayThresholds, type TargetRange } from './plan-vs-done.calc';
import { type ExecutedStep, resolveTarget } from './step-targets.calc';

interface Span {
  startS: number;
  durationS: number;
}

/** The executed steps' indexes that plan-vs-done reads as reps: work steps long enough to be one. */
export function repStepIndexes(steps: ExecutedStep[]): number[] {
  const out: number[] = [];
  steps.forEach((s, k) => {
    if (s.kind === 'work' && ((s.durationSec ?? 0) >= MIN_REP.seconds || (s.distanceM ?? 0) >= MIN_REP.metres)) out.push(k);
  });
  return out;
}

/** Each rep's target as the steps read it; null where there is none to read. */
export const repRanges = (steps: ExecutedStep[], th: DayThresholds): (TargetRange | null)[] =>
  repStepIndexes(steps).map((k) => resolveTarget(steps[k]!.target, steps[k]!.sport, th));

/** Per executed step, the rep segment found for it (null elsewhere); null when the reps do not line up with the steps. */
export function anchorsFor(steps: ExecutedStep[], reps: (IntervalSegment | null)[] | undefined): (IntervalSegment | null)[] | null {
  const idx = repStepIndexes(steps);
  if (!reps || reps.length !== idx.length || reps.every((r) => r === null)) return null;
  const out: (IntervalSegment | null)[] = steps.map(() => null);
  idx.forEach((k, j) => {
    out[k] = reps[j] ?? null;
  });
  return out;
}

/**
 * Time-placed spans moved onto the found reps: an anchored step is its rep's seconds; the step before one
 * ends where the rep starts (a warm-up run long is the warm-up's, not the first rep's); others keep their length.
 */
export function anchorSpans(spans: Span[], anchors: (IntervalSegment | null)[], endS: number): Span[] {
  const out: Span[] = [];
  let at = spans[0]?.startS ?? 0;
  spans.forEach((s, k) => {
    const a = anchors[k];
    if (a) {
      out.push({ startS: a.startS, durationS: a.endS - a.startS });
      at = a.endS;
      return;
    }
    const next = anchors[k + 1];
    const len = next ? Math.max(0, next.startS - at) : Math.min(s.durationS, Math.max(0, endS - at));
    out.push({ startS: at, durationS: len });
    at += len;
  });
  return out;
}
