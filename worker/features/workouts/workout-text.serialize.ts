// A workout written as its text form (grammar in ADR 055 and README.md): one step per line, a repeat's
// steps indented two spaces under its "Nx" line. parseWorkoutText reads back exactly what this writes.
import { defaultMetric, METRIC_WORD, writeDistance, writeNumber, writePace, writePercent, writeRange, writeTime } from './text-units';
import type { Exercise, LegSport, Workout, WorkoutNode, WorkoutSport, WorkoutStep, WorkoutTarget } from './workout.types';

const INDENT = '  ';

function targetWords(t: WorkoutTarget, leg: WorkoutSport | LegSport): string[] {
  const metric = (m: 'pace' | 'hr' | 'power') => (m === defaultMetric(leg) ? [] : [METRIC_WORD[m]]);
  if (t.metric === 'rpe') return ['RPE', writeRange(t.low, t.high, writeNumber), ...(t.zone ? [`Z${t.zone}`] : [])];
  if ('unit' in t) {
    if (t.unit === 'W') return [`${writeRange(t.low, t.high, writeNumber)}w`];
    if (t.unit === 'bpm') return [`${writeRange(t.low, t.high, writeNumber)}bpm`];
    return [`${writeRange(t.low, t.high, writePace)}/${t.unit === 's/km' ? 'km' : '100m'}`];
  }
  if (!('low' in t)) return [`Z${t.zone}`, ...metric(t.metric)];
  return [...(t.zone ? [`Z${t.zone}`] : []), `${writeRange(t.low, t.high, writePercent)}%`, ...metric(t.metric)];
}

/** A name is written bare when reading it back cannot take part of it for something else. */
const bareName = (name: string) => !name.includes('"') && !name.split(/\s+/).some((w) => /^\d+x\d+$/i.test(w));

function exerciseLine(e: Exercise, leg: WorkoutSport): string {
  const words = [bareName(e.name) ? e.name : JSON.stringify(e.name), `${e.sets}x${e.reps}`];
  if (e.loadKg !== undefined) words.push(`${writeNumber(e.loadKg)}kg`);
  if (e.restSec !== undefined) words.push('rest', writeTime(e.restSec, leg));
  return `* ${words.join(' ')}`;
}

function stepLine(s: WorkoutStep, sport: WorkoutSport): string[] {
  const leg = s.sport ?? sport;
  const words = ['-'];
  if (s.kind !== 'work') words.push(s.kind);
  if (s.ramp) words.push('ramp');
  words.push(s.durationSec !== null ? writeTime(s.durationSec, leg) : s.distanceM !== null ? writeDistance(s.distanceM) : 'lap');
  if (s.target) words.push(...targetWords(s.target, leg));
  if (s.cadence) words.push(`${writeRange(s.cadence.low, s.cadence.high, writeNumber)}rpm`);
  if (s.stroke) words.push(s.stroke);
  if (s.sport) words.push(s.sport);
  if (s.note !== undefined) words.push(JSON.stringify(s.note));
  return [words.join(' '), ...(s.exercises ?? []).map((e) => INDENT + exerciseLine(e, sport))];
}

function nodeLines(n: WorkoutNode, sport: WorkoutSport): string[] {
  if (n.kind !== 'repeat') return stepLine(n, sport);
  return [`${n.count}x`, ...n.steps.flatMap((c) => nodeLines(c, sport)).map((l) => INDENT + l)];
}

/** The workout as text; its sport is not in it (the workout's own field, passed back to the reader). */
export function serializeWorkoutText(w: Workout): string {
  const head = w.poolLengthM !== undefined ? [`pool ${writeNumber(w.poolLengthM)}m`] : [];
  return [...head, ...w.steps.flatMap((n) => nodeLines(n, w.sport))].join('\n');
}
