// A library workout's steps in words, every target with its unit named as a field would be. Pure and Node-runnable
// (type imports only): the `library` tool says them, and the MCP = REST script says REST's steps the same way.
import type { WorkoutNode, WorkoutStep, WorkoutTarget } from '../workouts';

/** Lines of steps per workout: a long structured session still fits well under a page's bound. */
const MAX_STEP_LINES = 30;

const pct = (x: number) => Math.round(x * 100);
const band = (lo: number, hi: number) => (lo === hi ? `${lo}` : `${lo}–${hi}`);
const RELATIVE = { power: 'ftp_percent', hr: 'lthr_percent', pace: 'threshold_speed_percent' } as const;
const ABSOLUTE = { W: 'power_w', bpm: 'hr_bpm', 's/km': 'pace_s_per_km', 's/100m': 'pace_s_per_100m' } as const;

/** A target in words with its unit named as a field would be: `ftp_percent 88–94`, `pace_s_per_km 270–280`, `power zone 3`. */
export function targetWords(t: WorkoutTarget): string {
  if (t.metric === 'rpe') return `rpe_1_10 ${band(t.low, t.high)}`;
  if ('unit' in t) return `${ABSOLUTE[t.unit]} ${band(Math.round(t.low), Math.round(t.high))}`;
  if (!('low' in t)) return `${t.metric} zone ${t.zone}`;
  return `${RELATIVE[t.metric]} ${band(pct(t.low), pct(t.high))}`;
}

function stepWords(s: WorkoutStep): string {
  const length =
    s.durationSec !== null ? `${Math.round(s.durationSec)} s` : s.distanceM !== null ? `${Math.round(s.distanceM)} m` : 'until lap';
  const parts = [`${s.sport ? `${s.sport} ` : ''}${s.kind} ${length}`];
  if (s.target) parts.push(`at ${targetWords(s.target)}${s.ramp ? ' (ramp from first to second)' : ''}`);
  if (s.cadence) parts.push(`cadence_per_min ${band(s.cadence.low, s.cadence.high)}`);
  if (s.stroke) parts.push(`stroke ${s.stroke}`);
  if (s.exercises?.length)
    parts.push(
      s.exercises
        .map((e) => `${e.name} ${e.sets}×${e.reps}${e.loadKg ? ` load_kg ${e.loadKg}` : ''}${e.restSec ? ` rest_s ${e.restSec}` : ''}`)
        .join(', '),
    );
  if (s.note) parts.push(`(${s.note.slice(0, 120)})`);
  return parts.join(' ');
}

/** One line per top-level node; a repeat's steps inline: `4× [work 240 s at ftp_percent 105–110; recovery 120 s …]`. */
export function stepLines(nodes: readonly WorkoutNode[]): string[] {
  const words = (n: WorkoutNode): string => (n.kind === 'repeat' ? `${n.count}× [${n.steps.map(words).join('; ')}]` : stepWords(n));
  const lines = nodes.map(words);
  return lines.length > MAX_STEP_LINES ? [...lines.slice(0, MAX_STEP_LINES), `… ${lines.length - MAX_STEP_LINES} more steps`] : lines;
}
