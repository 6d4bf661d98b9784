// Issue 58: what the step verdicts (ADR 062) say about the targets. Repeated "off target, too hard" on one kind of
// session lowers that kind's work target a little; repeated "easy, above target" suggests the thresholds are stale
// (an update or a test), never a silent change. Pure; each advice names the sessions it rests on.
import type { WorkoutType } from '../plans.types';

/** One completed session's work steps as judged: the worst verdict, which side of the range, and the athlete's RPE. */
export interface SessionOutcome {
  workoutId: string;
  date: string;
  type: WorkoutType;
  /** The work steps' verdict (ADR 062): on target, partly, off, or skipped. */
  verdict: 'on' | 'partly' | 'off' | 'skipped';
  /** Off or partly: below the range (could not hold it) or above it (went harder than asked); null when on target. */
  side: 'below' | 'above' | null;
  /** The athlete's rating of effort, 1–10, when given. */
  rpe: number | null;
}

export type TargetAdvice =
  | { kind: 'lower_target'; type: WorkoutType; byPct: number; receipts: string[]; reason: string }
  | { kind: 'check_thresholds'; receipts: string[]; reason: string };

/** How many recent sessions of a kind are read, and how many must agree before anything is said. */
export const WINDOW = 3;
export const AGREE = 2;
/** A target is lowered by this much at a time: inside the ±5 % a small change may apply on its own. */
export const LOWER_BY_PCT = 3;
const EASY_TYPES: readonly WorkoutType[] = ['easy', 'recovery', 'long'];

/** "Too hard": the work steps fell below their range, or the athlete rated it 9 or 10 while they were off. */
const tooHard = (o: SessionOutcome) => (o.verdict === 'off' || o.verdict === 'skipped') && (o.side === 'below' || (o.rpe ?? 0) >= 9);
/** "Easy, above target": an easy session run above its range at an easy effort (RPE ≤ 4 when given). */
const easyAbove = (o: SessionOutcome) =>
  EASY_TYPES.includes(o.type) && o.verdict !== 'on' && o.side === 'above' && (o.rpe === null || o.rpe <= 4);

/** Advice from the latest sessions (any order): at most one lowered target per kind, and one threshold check. */
export function targetAdvice(outcomes: readonly SessionOutcome[]): TargetAdvice[] {
  const byType = new Map<WorkoutType, SessionOutcome[]>();
  for (const o of [...outcomes].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)))
    byType.set(o.type, [...(byType.get(o.type) ?? []), o]);
  const out: TargetAdvice[] = [];
  for (const [type, list] of byType) {
    if (EASY_TYPES.includes(type)) continue;
    const recent = list.slice(0, WINDOW);
    const hard = recent.filter(tooHard);
    if (hard.length >= AGREE)
      out.push({
        kind: 'lower_target',
        type,
        byPct: LOWER_BY_PCT,
        receipts: hard.map((o) => o.workoutId),
        reason: `${hard.length} of your last ${recent.length} ${type.replace('_', ' ')} sessions could not hold their target: the next ones aim ${LOWER_BY_PCT} % lower.`,
      });
  }
  const easy = [...byType.entries()]
    .filter(([t]) => EASY_TYPES.includes(t))
    .flatMap(([, l]) => l)
    .sort((a, b) => (a.date < b.date ? 1 : -1))
    .slice(0, WINDOW + 1);
  const above = easy.filter(easyAbove);
  if (above.length >= WINDOW)
    out.push({
      kind: 'check_thresholds',
      receipts: above.map((o) => o.workoutId),
      reason: `${above.length} of your last ${easy.length} easy sessions ran above their range at an easy effort: your thresholds may be out of date — update them or plan a test.`,
    });
  return out;
}
