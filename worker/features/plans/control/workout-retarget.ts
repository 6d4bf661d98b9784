// A work target lowered or raised by a few percent (issue 58's "off target, too hard" rule): the workout's headline
// intensity and its work steps' targets scale together, so the watch, the exports and the verdicts read one number.
// Pace in seconds per distance runs the other way (slower is a larger number); a zone or an RPE target has no
// fraction to scale and stays as it is.
import type { WorkoutNode, WorkoutTarget } from '../../workouts';
import type { StepNode, Target } from '../plans.types';

const r3 = (x: number) => Math.round(x * 1000) / 1000;

function scaleTarget<T extends WorkoutTarget>(t: T, factor: number): T {
  if (t.metric === 'rpe' || !('low' in t)) return t;
  const f = 'unit' in t && (t.unit === 's/km' || t.unit === 's/100m') ? 1 / factor : factor;
  const round = 'unit' in t ? (x: number) => Math.round(x) : r3;
  return { ...t, low: round(t.low * f), high: round(t.high * f) };
}

function scaleNodes(nodes: readonly WorkoutNode[], factor: number): WorkoutNode[] {
  return nodes.map((n) =>
    n.kind === 'repeat'
      ? { ...n, steps: scaleNodes(n.steps, factor) }
      : n.kind === 'work' && n.target
        ? { ...n, target: scaleTarget(n.target, factor) }
        : n,
  );
}

/** The workout's intensity and work steps at (100 + percent) % of their targets; null when nothing could scale. */
export function retargeted(
  w: { intensity: unknown; steps: unknown },
  percent: number,
): { intensity: Target | null; steps: StepNode[] } | null {
  const factor = (100 + percent) / 100;
  const intensity = w.intensity as Target | null;
  const steps = w.steps as WorkoutNode[];
  const nextIntensity =
    intensity && intensity.metric !== 'rpe'
      ? { ...intensity, low: r3(intensity.low * factor), high: r3(intensity.high * factor) }
      : intensity;
  const nextSteps = scaleNodes(steps, factor);
  const changed = JSON.stringify(nextSteps) !== JSON.stringify(steps) || JSON.stringify(nextIntensity) !== JSON.stringify(intensity);
  return changed ? { intensity: nextIntensity, steps: nextSteps as StepNode[] } : null;
}
