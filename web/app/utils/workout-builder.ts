// The step builder's model (issue 38): the text form and the visual list are two views of one tree, so
// each edit on either side goes through the feature's own parser and serializer (workouts/browser.ts).
import {
  isStructured,
  parseWorkoutText,
  serializeWorkoutText,
  STEP_KINDS,
  type TextError,
  type Thresholds,
  type Workout,
  type WorkoutNode,
  type WorkoutStep,
  workoutTotals,
} from '../../../worker/features/workouts/browser';

// The one rule (workouts' legacy-steps.ts) the server's edits also use: the drawer lists these in the text form.
export { isStructured, STEP_KINDS, type TextError, type Thresholds, type Workout, type WorkoutNode, type WorkoutStep };
export type Sport = Workout['sport'];
/** A node's place in the tree: indices from the top, through repeats. */
export type Path = number[];

export const parseText = (text: string, sport: Sport) => parseWorkoutText(text, sport);
export const textOf = (w: Workout) => (w.steps.length ? serializeWorkoutText(w) : '');
/** The totals a save stores (ADR 055): the same computation with the thresholds the server takes for the workout's day. */
export const totalsOf = (w: Workout, th: Thresholds) => workoutTotals(w, th);

const bare = (s: WorkoutStep): WorkoutStep => ({ kind: 'work', durationSec: s.durationSec, distanceM: s.distanceM, target: null });
/** A step's length as the text writes it ("10m", "1km", "lap"). */
export function lengthText(sport: Sport, s: WorkoutStep): string {
  return serializeWorkoutText({ sport, steps: [bare(s)] }).replace(/^- /, '');
}
/** A step's target as the text writes it ("Z2", "95-105%", "ramp 50-75%"), empty without one. */
export function targetText(sport: Sport, s: WorkoutStep): string {
  if (!s.target) return '';
  const line = serializeWorkoutText({ sport, steps: [{ ...bare(s), target: s.target, ...(s.ramp ? { ramp: true } : {}) }] });
  const words = line.replace(/^- /, '').split(' ');
  const ramp = words[0] === 'ramp';
  return [...(ramp ? ['ramp'] : []), ...words.slice(ramp ? 2 : 1)].join(' ');
}

/** The step with a new length and target written as text, or the parser's message. */
export function withLengthAndTarget(sport: Sport, s: WorkoutStep, length: string, target: string): WorkoutStep | string {
  const ramp = /^ramp\b/i.test(target.trim());
  const rest = target.trim().replace(/^ramp\s*/i, '');
  const r = parseWorkoutText(`- ${ramp ? 'ramp ' : ''}${length.trim()} ${rest}`.trimEnd(), sport);
  if (!r.ok) return r.errors[0]!.message;
  const got = r.workout.steps[0] as WorkoutStep;
  const { ramp: _r, ...keep } = s;
  return { ...keep, durationSec: got.durationSec, distanceM: got.distanceM, target: got.target, ...(got.ramp ? { ramp: true } : {}) };
}

/** What the text box's help shows for a sport: every example is a whole text the parser reads for it. */
export interface TextHelp {
  /** The empty box's placeholder: a workout of a few lines. */
  workout: string;
  /** A step with its kind, length and target. */
  step: string;
  /** Steps with no kind (they are work): other lengths and targets. */
  others: [string, string];
  /** A repeat with its steps on its line. */
  repeat: string;
  /** What a step's target field suggests. */
  targets: string[];
}

// StepBuilder.test.ts parses each example the help shows for its sport: the help once taught "warmup 15m Z2",
// a line the parser refuses (issue 55). A swim refuses "10m" (minutes or metres?), so it writes min and mtr.
const RUN_HELP: TextHelp = {
  workout: '- warmup 15m Z2\n3x 10m 95-105% 5m Z1\n- cooldown 10m Z1',
  step: '- warmup 15m Z2',
  others: ['- 1km 4:10/km', '- lap RPE 6'],
  repeat: '3x 10m 95-105% 5m Z1',
  targets: ['Z2', '95-105%', '4:10/km'],
};
const TEXT_HELP: Partial<Record<Sport, TextHelp>> = {
  bike: { ...RUN_HELP, others: ['- 20m 250w', '- lap RPE 6'], targets: ['Z2', '95-105%', '250w'] },
  swim: {
    workout: '- warmup 400mtr Z2\n4x 100mtr 1:45/100m 20s Z1\n- cooldown 200mtr Z1',
    step: '- warmup 400mtr Z2',
    others: ['- 10min RPE 6', '- lap Z3'],
    repeat: '4x 100mtr 1:45/100m 20s Z1',
    targets: ['Z2', '95-105%', '1:45/100m'],
  },
  strength: {
    workout: '- warmup 10m RPE 3\n3x 45s RPE 8 15s RPE 2\n- cooldown 5m Z1',
    step: '- warmup 10m RPE 3',
    others: ['- lap RPE 7', '- 20m 120-140bpm'],
    repeat: '3x 45s RPE 8 15s RPE 2',
    targets: ['RPE 7', 'Z2', '120-140bpm'],
  },
};
export const textHelp = (sport: Sport): TextHelp => TEXT_HELP[sport] ?? RUN_HELP;

/** The list `path` points into, and the index there. */
function at(nodes: WorkoutNode[], path: Path): [WorkoutNode[], number] {
  let list = nodes;
  for (const i of path.slice(0, -1)) list = (list[i] as { steps: WorkoutNode[] }).steps;
  return [list, path.at(-1)!];
}
const clone = (w: Workout): Workout => structuredClone(w);

export const NEW_STEP: WorkoutStep = { kind: 'work', durationSec: 600, distanceM: null, target: { metric: 'pace', zone: 2 } };
export const NEW_REPEAT: WorkoutNode = {
  kind: 'repeat',
  count: 3,
  steps: [
    { kind: 'work', durationSec: 300, distanceM: null, target: { metric: 'pace', low: 0.95, high: 1.05 } },
    { kind: 'recovery', durationSec: 120, distanceM: null, target: { metric: 'pace', zone: 1 } },
  ],
};

/** The tree after one of the list's actions on the node at `path`. */
export function edit(w: Workout, path: Path, action: 'up' | 'down' | 'duplicate' | 'delete' | { put: WorkoutNode }): Workout {
  const next = clone(w);
  const [list, i] = at(next.steps, path);
  if (action === 'up' && i > 0) [list[i - 1], list[i]] = [list[i]!, list[i - 1]!];
  else if (action === 'down' && i < list.length - 1) [list[i + 1], list[i]] = [list[i]!, list[i + 1]!];
  else if (action === 'duplicate') list.splice(i + 1, 0, structuredClone(list[i]!));
  else if (action === 'delete') list.splice(i, 1);
  else if (typeof action === 'object') list[i] = action.put;
  // A repeat left without steps is no repeat.
  const prune = (nodes: WorkoutNode[]): WorkoutNode[] =>
    nodes.flatMap<WorkoutNode>((n) => (n.kind === 'repeat' ? (n.steps.length ? [{ ...n, steps: prune(n.steps) }] : []) : [n]));
  return { ...next, steps: prune(next.steps) };
}

export const append = (w: Workout, node: WorkoutNode): Workout => ({ ...w, steps: [...w.steps, structuredClone(node)] });

/** The intensity of a step for the profile: the middle of its target as a fraction of threshold (zones by band). */
const ZONE_MID = [0, 0.6, 0.75, 0.88, 0.97, 1.06, 1.3, 1.6];
export function intensityOf(s: WorkoutStep): number {
  const t = s.target;
  if (!t) return 0.5;
  if (t.metric === 'rpe') return (t.low + t.high) / 2 / 8;
  if ('unit' in t) return 0.8;
  if ('low' in t) return (t.low + t.high) / 2;
  return ZONE_MID[t.zone] ?? 0.7;
}

/** The profile's bars: each step done, in order, its seconds (a lap or untimed distance 5 min) and intensity. */
export function profile(w: Workout): { sec: number; level: number; kind: string }[] {
  const out: { sec: number; level: number; kind: string }[] = [];
  const walk = (nodes: WorkoutNode[]) => {
    for (const n of nodes) {
      if (n.kind === 'repeat') for (let k = 0; k < n.count; k++) walk(n.steps);
      else out.push({ sec: n.durationSec ?? (n.distanceM ? n.distanceM / 3.3 : 300), level: intensityOf(n), kind: n.kind });
    }
  };
  walk(w.steps);
  return out;
}
