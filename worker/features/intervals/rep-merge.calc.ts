// The rep merges (README.md, "Detection"): a false recovery joins its reps, a pause inside a rep makes it one
// rep again, bursts beside the set are no reps. They run on segments.calc.ts's runs, before the structure checks. Pure.
import type { Basis, Grid } from './series.calc';
import { distanceOf, hrOf, joined, levelOf, movingSeconds, type Run } from './segments.calc';

/** An easing held at this share of the reps' level (or this, with the heart rate still up) is part of the rep. */
const FALSE_RECOVERY_RATIO = 0.8;
const FALSE_RECOVERY_RATIO_HR = 0.65;
/** Two pieces of work either side of a stop are one paused rep when together they measure the set's rep within this share… */
const PAUSED_REP_MATCH = 0.12;
/** …and neither alone reaches this share of it. */
const PAUSED_PIECE_SHARE = 0.8;
/** A burst shorter than this share of the longest rep is a stride or a glitch beside the set. */
const MINOR_WORK_SHARE = 0.25;

/**
 * An easing between two reps that is no recovery: barely slower than the reps (a GPS dropout, a hill,
 * a tight bend), or somewhat slower while the heart rate did not come down at all. It stays part of the rep.
 */
export function withoutFalseRecoveries(runs: Run[], g: Grid, basis: Basis): Run[] {
  const out = runs.map((r, k) => {
    const before = runs[k - 1];
    const after = runs[k + 1];
    if (r.hard || !before || !after) return r;
    const work = (levelOf(g, before, basis) + levelOf(g, after, basis)) / 2;
    const ratio = work > 0 ? levelOf(g, r, basis) / work : 0;
    return ratio >= FALSE_RECOVERY_RATIO || (ratio >= FALSE_RECOVERY_RATIO_HR && heartStayedUp(g, r)) ? { ...r, hard: true } : r;
  });
  return joined(out);
}

/**
 * A stop inside a rep (a light, a shoelace, lapped runners) is a pause, not a recovery: an easy run
 * (nearly) all stopped between two pieces of work that are each short of the set's rep but together measure
 * it (distance where there is speed, else moving time) makes one rep again. The set's rep is the median
 * of the pieces that border no stop, so a standing-recovery set (every easy run a stop) is left alone,
 * as is a stop between two whole reps (together they measure two).
 */
export function withoutPausesInReps(runs: Run[], g: Grid): Run[] {
  // Mostly stopped: the seconds slowing into it and setting off again may still read as moving.
  const stopped = (r: Run | undefined) => r !== undefined && !r.hard && movingSeconds(g, r) <= 0.1 * (r.end - r.start);
  const measure = (r: Run) => (g.speed ? distanceOf(g, r) : movingSeconds(g, r));
  const whole = runs.filter((r, k) => r.hard && !stopped(runs[k - 1]) && !stopped(runs[k + 1])).map(measure);
  if (whole.length === 0) return runs;
  const rep = median(whole);
  const out = runs.map((r) => ({ ...r }));
  for (let k = 1; k < runs.length - 1; k++) {
    const [before, after] = [runs[k - 1]!, runs[k + 1]!];
    if (!stopped(runs[k]) || !before.hard || !after.hard) continue;
    const [a, b] = [measure(before), measure(after)];
    if (a < PAUSED_PIECE_SHARE * rep && b < PAUSED_PIECE_SHARE * rep && Math.abs(a + b - rep) <= PAUSED_REP_MATCH * rep)
      out[k]!.hard = true;
  }
  return joined(out);
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Whether the heart rate at a run's end is no lower than at its start (it falls within seconds of easing off). */
function heartStayedUp(g: Grid, r: Run): boolean {
  const w = Math.max(3, Math.min(10, Math.floor((r.end - r.start) / 3)));
  const start = hrOf(g, { hard: false, start: r.start, end: r.start + w });
  const end = hrOf(g, { hard: false, start: r.end - w, end: r.end });
  return start !== null && end !== null && end >= start - 2;
}

/** Short bursts beside the main set (strides in the warm-up, a GPS jump at the start) are not reps; `edges`: only the first and last. */
export function withoutMinorWork(runs: Run[], edges: boolean): Run[] {
  const work = runs.filter((r) => r.hard);
  const longest = Math.max(0, ...work.map((r) => r.end - r.start));
  const minor = (r: Run) => r.hard && r.end - r.start < MINOR_WORK_SHARE * longest && (!edges || r === work[0] || r === work.at(-1));
  return joined(runs.map((r) => (minor(r) ? { ...r, hard: false } : r)));
}
