// The text form read into a workout (grammar in ADR 055 and README.md). Each line is a step ("- …"), a
// repeat ("3x", its steps indented under it or on its line), an exercise under a strength step ("* …")
// or, first, a swim's pool length; every error names its line, column and token, and reading goes on
// past a bad line so all of them show at once.
import { LineError, type TextError, type Token, tokenize } from './text-tokens';
import { readExercise, readStepTokens } from './workout-text.step';
import { WorkoutSchema } from './workout.schema';
import type { Exercise, Workout, WorkoutNode, WorkoutSport, WorkoutStep } from './workout.types';

export type { TextError } from './text-tokens';
export type ParsedWorkoutText = { ok: true; workout: Workout } | { ok: false; errors: TextError[] };

type Item =
  | { type: 'step'; step: WorkoutStep }
  | { type: 'repeat'; count: number; inline: WorkoutStep[] }
  | { type: 'exercise'; exercise: Exercise }
  | { type: 'pool'; lengthM: number }
  /** A line already reported: it and the lines under it are passed over without further complaint. */
  | { type: 'bad' };
type Line = Item & { line: number; indent: number; at: Token };

function readLine(text: string, sport: WorkoutSport): { indent: number; at: Token; item: Item } | null {
  const indent = /^ */.exec(text)![0].length;
  if (text.trim() === '') return null;
  if (text[indent] === '\t') throw new LineError({ text: '\t', column: indent + 1 }, 'Indent with spaces, not tabs');
  const tokens = tokenize(text, indent);
  const at = tokens[0]!;
  const rest = tokens.slice(1);
  const lower = at.text.toLowerCase();
  if (at.text === '-') return { indent, at, item: { type: 'step', step: readStepTokens(rest, sport, false, at)[0]! } };
  if (at.text === '*') return { indent, at, item: { type: 'exercise', exercise: readExercise(text, rest, at) } };
  const rep = /^(\d+)x$/.exec(lower);
  if (rep) {
    const count = Number(rep[1]);
    if (count < 1 || count > 99) throw new LineError(at, 'A repeat runs 1 to 99 times');
    return { indent, at, item: { type: 'repeat', count, inline: rest.length ? readStepTokens(rest, sport, true, at) : [] } };
  }
  if (lower === 'pool') {
    if (sport !== 'swim') throw new LineError(at, 'A pool length is for swims');
    const m = rest.length === 1 ? /^(\d+(?:\.\d+)?)(m|mtr)$/i.exec(rest[0]!.text) : null;
    if (!m) throw new LineError(rest[0] ?? at, 'The pool length is written: pool 25m');
    const lengthM = Number(m[1]);
    if (lengthM < 10 || lengthM > 100) throw new LineError(rest[0]!, 'A pool is 10 to 100 m long');
    return { indent, at, item: { type: 'pool', lengthM } };
  }
  const hint = at.text.startsWith('-') ? ' (a space after "-")' : '';
  throw new LineError(at, `A line is a step "- 10m Z2"${hint}, a repeat "3x" or an exercise "* Squat 3x8"`);
}

/** Builds the tree by indentation: a repeat's steps are the lines below it indented deeper, a step's exercises likewise. */
function buildTree(lines: Line[], sport: WorkoutSport, errors: TextError[], where: Map<object, Token & { line: number }>): WorkoutNode[] {
  let i = 0;
  const fail = (l: Line, message: string) => errors.push({ line: l.line, column: l.at.column, token: l.at.text, message });
  const block = (parent: number): WorkoutNode[] => {
    const nodes: WorkoutNode[] = [];
    const indent = lines[i]?.indent ?? 0;
    while (i < lines.length && lines[i]!.indent > parent) {
      const l = lines[i]!;
      i += 1;
      if (l.type === 'bad') {
        while (i < lines.length && lines[i]!.indent > l.indent) i += 1;
      } else if (l.indent !== indent) fail(l, 'This line is indented unlike the lines above it');
      else if (l.type === 'pool') fail(l, 'The pool length comes first, before any step');
      else if (l.type === 'exercise') fail(l, 'An exercise goes under its step, indented: - lap RPE 7 then   * Squat 3x8');
      else if (l.type === 'repeat') {
        const deeper = lines[i] !== undefined && lines[i]!.indent > l.indent;
        if (l.inline.length && deeper) {
          fail(lines[i]!, "This repeat's steps are on its line already");
          while (i < lines.length && lines[i]!.indent > l.indent) i += 1;
        }
        const before = errors.length;
        const steps: WorkoutNode[] = l.inline.length ? l.inline : deeper ? block(l.indent) : [];
        if (!steps.length && errors.length === before) fail(l, `A repeat needs steps: indent them under "${l.at.text}"`);
        const node: WorkoutNode = { kind: 'repeat', count: l.count, steps };
        where.set(node, { ...l.at, line: l.line });
        nodes.push(node);
      } else {
        const exercises: Exercise[] = [];
        while (i < lines.length && lines[i]!.indent > l.indent) {
          const c = lines[i]!;
          i += 1;
          if (c.type === 'exercise' && sport !== 'strength') fail(c, 'Exercises are for strength workouts');
          else if (c.type === 'exercise') exercises.push(c.exercise);
          else if (c.type !== 'bad') fail(c, 'Only exercises ("* Squat 3x8") go under a step');
        }
        const step: WorkoutStep = exercises.length ? { ...l.step, exercises } : l.step;
        where.set(step, { ...l.at, line: l.line });
        nodes.push(step);
      }
    }
    return nodes;
  };
  return block(-1);
}

/** The node a schema issue's path ends in, for its line (the deepest one the path passes through). */
function locate(w: Workout, path: PropertyKey[], where: Map<object, Token & { line: number }>): (Token & { line: number }) | undefined {
  let at: unknown = w;
  let found: (Token & { line: number }) | undefined;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) break;
    at = (at as Record<PropertyKey, unknown>)[key];
    if (typeof at === 'object' && at !== null) found = where.get(at) ?? found;
  }
  return found;
}

/** Reads the text form of a workout of `sport`: the workout, or every error with its line, column and token. */
export function parseWorkoutText(text: string, sport: WorkoutSport): ParsedWorkoutText {
  const errors: TextError[] = [];
  const lines: Line[] = [];
  text.split('\n').forEach((raw, n) => {
    try {
      const read = readLine(raw.replace(/\r$/, ''), sport);
      if (read) lines.push({ ...read.item, line: n + 1, indent: read.indent, at: read.at });
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      const indent = /^ */.exec(raw)![0].length;
      lines.push({ type: 'bad', line: n + 1, indent, at: e.token });
      errors.push({ line: n + 1, column: e.token.column, token: e.token.text, message: e.message });
    }
  });
  const head = lines[0]?.type === 'pool' && lines[0].indent === 0 ? lines.shift() : undefined;
  const where = new Map<object, Token & { line: number }>();
  const steps = buildTree(lines, sport, errors, where);
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.line - b.line || a.column - b.column) };
  const workout: Workout = head?.type === 'pool' ? { sport, poolLengthM: head.lengthM, steps } : { sport, steps };
  const checked = WorkoutSchema.safeParse(workout);
  if (checked.success) return { ok: true, workout };
  return {
    ok: false,
    errors: checked.error.issues.map((issue) => {
      const at = locate(workout, issue.path, where);
      return { line: at?.line ?? 1, column: at?.column ?? 1, token: at?.text ?? '', message: issue.message };
    }),
  };
}
