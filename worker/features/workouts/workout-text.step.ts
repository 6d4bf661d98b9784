// One step line of the text form read into a step (grammar in ADR 055): [kind] [ramp] length, then a
// target, cadence, stroke, leg sport and "note" in any order. An inline repeat ("3x 5m 95-105% 2m Z1")
// holds several: a second length starts the next step.
import type { z } from 'zod';
import { defaultMetric, METRIC_WORDS, readDistance, readNumber, readPace, readPercent, readRange, readTime } from './text-units';
import { LineError, readQuoted, type Token } from './text-tokens';
import { ExerciseSchema, WorkoutStepSchema } from './workout.schema';
import {
  type Exercise,
  LEG_SPORTS,
  type LegSport,
  type RangeMetric,
  STEP_KINDS,
  STROKES,
  type StepKind,
  type Stroke,
  type WorkoutSport,
  type WorkoutStep,
  type WorkoutTarget,
} from './workout.types';

type Range = { low: number; high: number };
type Length = { sec: number; bareMinutes: boolean } | { m: number } | 'lap';
type Slot<T> = { tok: Token; value: T };

interface Draft {
  first: Token;
  kind?: Slot<StepKind>;
  ramp?: Slot<true>;
  length?: Slot<Length>;
  zone?: Slot<number>;
  percent?: Slot<Range>;
  metric?: Slot<RangeMetric>;
  absolute?: Slot<WorkoutTarget>;
  rpe?: Slot<Range>;
  cadence?: Slot<Range>;
  stroke?: Slot<Stroke>;
  sport?: Slot<LegSport>;
  note?: Slot<string>;
}

const KIND_WORDS: Record<string, StepKind> = {
  ...Object.fromEntries(STEP_KINDS.map((k) => [k, k])),
  'warm-up': 'warmup',
  'cool-down': 'cooldown',
};
const TARGET_HELP = 'a target (Z2, 95-105%, 300w, 140-150bpm, 4:10/km, RPE 6), a cadence (90rpm) or a "note"';

const rangeOf = (text: string, read: (s: string) => number | null) => readRange(text, read);
const whole = (s: string) => (/^\d+$/.test(s) ? Number(s) : null);

/** The target-like things a token can be; null when it is none of them. */
function readItem(tok: Token, next: Token | undefined): { slot: keyof Draft; value: unknown; used: number } | null {
  const t = tok.text.toLowerCase();
  const zoneWord = /^z(\d+)$/.exec(t);
  if (zoneWord) {
    const zone = Number(zoneWord[1]);
    if (zone < 1 || zone > 7) throw new LineError(tok, 'Zones are Z1 to Z7');
    return { slot: 'zone', value: zone, used: 1 };
  }
  if (t.endsWith('%')) {
    const r = rangeOf(t.slice(0, -1), readPercent);
    if (!r) throw new LineError(tok, 'A percentage of threshold is written 95% or 95-105%');
    return { slot: 'percent', value: r, used: 1 };
  }
  if (Object.hasOwn(METRIC_WORDS, t)) return { slot: 'metric', value: METRIC_WORDS[t], used: 1 };
  const absolute = /^(.+)(w|bpm)$/.exec(t);
  if (absolute && /^[\d-]+$/.test(absolute[1]!)) {
    const r = rangeOf(absolute[1]!, whole);
    const watts = absolute[2] === 'w';
    if (!r) throw new LineError(tok, watts ? 'Power is written 300w or 280-320w' : 'Heart rate is written 150bpm or 140-150bpm');
    const value = watts ? { metric: 'power', unit: 'W', ...r } : { metric: 'hr', unit: 'bpm', ...r };
    return { slot: 'absolute', value, used: 1 };
  }
  const pace = /^(.+)\/(km|100m)$/.exec(t);
  if (pace) {
    const r = rangeOf(pace[1]!, readPace);
    if (!r) throw new LineError(tok, 'A pace is written 4:10/km or 4:10-4:20/km (1:45/100m in the pool)');
    return { slot: 'absolute', value: { metric: 'pace', unit: pace[2] === 'km' ? 's/km' : 's/100m', ...r }, used: 1 };
  }
  const cadence = /^(.+)(rpm|spm)$/.exec(t);
  if (cadence) {
    const r = rangeOf(cadence[1]!, whole);
    if (!r) throw new LineError(tok, 'A cadence is written 90rpm or 85-95rpm');
    return { slot: 'cadence', value: r, used: 1 };
  }
  if (t === 'rpe' || t.startsWith('rpe')) {
    const inline = t.length > 3;
    const text = inline ? t.slice(3) : next?.text;
    const r = text === undefined ? null : rangeOf(text, readNumber);
    if (!r) throw new LineError(tok, 'Perceived effort is written RPE 6 or RPE 6-7');
    return { slot: 'rpe', value: r, used: inline ? 1 : 2 };
  }
  if ((STROKES as readonly string[]).includes(t)) return { slot: 'stroke', value: t, used: 1 };
  if ((LEG_SPORTS as readonly string[]).includes(t)) return { slot: 'sport', value: t, used: 1 };
  if (tok.text.startsWith('"')) return { slot: 'note', value: readQuoted(tok), used: 1 };
  return null;
}

function readLength(tok: Token): Length | null {
  if (tok.text.toLowerCase() === 'lap') return 'lap';
  const time = readTime(tok.text);
  if (time) return time;
  const m = readDistance(tok.text);
  return m === null ? null : { m };
}

const SLOT_NAME: Partial<Record<keyof Draft, string>> = {
  zone: 'zone',
  percent: 'percentage',
  metric: 'metric',
  absolute: 'target',
  rpe: 'RPE',
};

function target(d: Draft, leg: WorkoutSport | LegSport): WorkoutTarget | null {
  const { zone, percent, metric, absolute, rpe } = d;
  const given = [absolute, rpe, percent].filter((s) => s !== undefined).sort((a, b) => a.tok.column - b.tok.column);
  if (given.length > 1) throw new LineError(given[1]!.tok, 'One target per step');
  if (absolute && (zone || metric)) throw new LineError((zone ?? metric)!.tok, 'A value in w, bpm or /km needs no zone or metric');
  if (metric && !zone && !percent) throw new LineError(metric.tok, 'A metric follows a zone or a percentage: Z2 HR, 75% HR');
  if (rpe && metric) throw new LineError(metric.tok, 'RPE takes no metric');
  const label = () => {
    if (zone && zone.value > 5) throw new LineError(zone.tok, 'A zone beside a range is Z1 to Z5');
    return zone ? { zone: zone.value as 1 | 2 | 3 | 4 | 5 } : {};
  };
  if (absolute) return absolute.value;
  if (rpe) return { metric: 'rpe', ...rpe.value, ...label() };
  const m = metric?.value ?? defaultMetric(leg);
  if (percent) return { metric: m, ...percent.value, ...label() };
  if (zone) return { metric: m, zone: zone.value as 1 | 2 | 3 | 4 | 5 | 6 | 7 };
  return null;
}

/** Which token a schema issue on the step is about (its first path key). */
function tokenFor(d: Draft, issue: z.core.$ZodIssue): Token {
  const key = issue.path[0];
  const targetTok = d.absolute?.tok ?? d.percent?.tok ?? d.rpe?.tok ?? d.zone?.tok;
  const byKey: Record<string, Token | undefined> = {
    durationSec: d.length?.tok,
    distanceM: d.length?.tok,
    target: issue.path[1] === 'zone' ? (d.zone?.tok ?? targetTok) : targetTok,
    ramp: d.ramp?.tok,
    cadence: d.cadence?.tok,
    note: d.note?.tok,
    stroke: d.stroke?.tok,
    sport: d.sport?.tok,
  };
  return (typeof key === 'string' ? byKey[key] : undefined) ?? d.first;
}

function finish(d: Draft, sport: WorkoutSport): WorkoutStep {
  const leg = d.sport?.value ?? sport;
  const len = d.length!.value;
  if (typeof len === 'object' && 'sec' in len && len.bareMinutes && leg === 'swim')
    throw new LineError(d.length!.tok, `In a swim "m" could be minutes or metres: write ${len.sec / 60}min or ${len.sec / 60}mtr`);
  const t = target(d, leg);
  if (d.ramp && (t === null || !('low' in t))) throw new LineError(d.ramp.tok, 'A ramp goes between two values: ramp 10m 50-75%');
  if (t && 'low' in t && !d.ramp && t.low > t.high)
    throw new LineError((d.absolute ?? d.percent ?? d.rpe)!.tok, 'The lower value comes first (or make it a ramp)');
  if (d.stroke && leg !== 'swim') throw new LineError(d.stroke.tok, 'A stroke is for swim steps');
  if (d.sport && sport !== 'brick') throw new LineError(d.sport.tok, "A step's own sport is for bricks");
  const step: WorkoutStep = {
    kind: d.kind?.value ?? 'work',
    durationSec: typeof len === 'object' && 'sec' in len ? len.sec : null,
    distanceM: typeof len === 'object' && 'm' in len ? len.m : null,
    target: t,
  };
  if (d.ramp) step.ramp = true;
  if (d.cadence) step.cadence = d.cadence.value;
  if (d.note) step.note = d.note.value;
  if (d.sport) step.sport = d.sport.value;
  if (d.stroke) step.stroke = d.stroke.value;
  const checked = WorkoutStepSchema.safeParse(step);
  if (!checked.success) throw new LineError(tokenFor(d, checked.error.issues[0]!), checked.error.issues[0]!.message);
  return step;
}

/** The steps on one line's tokens (`many`: an inline repeat's; else exactly one). */
export function readStepTokens(tokens: Token[], sport: WorkoutSport, many: boolean, at: Token): WorkoutStep[] {
  const drafts: Draft[] = [];
  let d: Draft | undefined;
  const fresh = (tok: Token) => {
    if (d && !d.length) return d;
    if (d && !many) throw new LineError(tok, 'One step per line: start the next one on a new line with "-"');
    d = { first: tok };
    drafts.push(d);
    return d;
  };
  for (let i = 0; i < tokens.length; i += 1) {
    const tok = tokens[i]!;
    const lower = tok.text.toLowerCase();
    if (Object.hasOwn(KIND_WORDS, lower) || lower === 'ramp') {
      const cur = fresh(tok);
      const slot = lower === 'ramp' ? 'ramp' : 'kind';
      if (cur[slot] || (slot === 'kind' && cur.ramp))
        throw new LineError(tok, 'Write the kind, then ramp, then the length: - warmup ramp 10m 50-75%');
      if (slot === 'ramp') cur.ramp = { tok, value: true };
      else cur.kind = { tok, value: KIND_WORDS[lower]! };
      continue;
    }
    const length = readLength(tok);
    if (length) {
      fresh(tok).length = { tok, value: length };
      continue;
    }
    if (!d?.length) throw new LineError(tok, 'A step starts with its length: 10m, 30s, 400mtr, 1km or lap');
    const item = readItem(tok, tokens[i + 1]);
    if (!item) throw new LineError(tok, `Expected ${TARGET_HELP}`);
    if (d[item.slot]) throw new LineError(tok, `This step already has a ${SLOT_NAME[item.slot] ?? item.slot}`);
    (d as unknown as Record<string, Slot<unknown>>)[item.slot] = { tok, value: item.value };
    i += item.used - 1;
  }
  if (!drafts.length) throw new LineError(at, 'Expected a step: - 10m Z2');
  const open = drafts.at(-1)!;
  if (!open.length) throw new LineError(open.first, 'This step has no length: 10m, 30s, 400mtr, 1km or lap');
  return drafts.map((x) => finish(x, sport));
}

/** "* Back squat 3x8 60kg rest 2m" (a name with a NxM in it is quoted). `line` is the raw line. */
export function readExercise(line: string, tokens: Token[], at: Token): Exercise {
  const sets = tokens.findIndex((t) => /^\d+x\d+$/i.test(t.text));
  const help = 'An exercise is: * name setsxreps [load kg] [rest time], e.g. * Squat 3x8 60kg rest 2m';
  if (sets < 1) throw new LineError(tokens[0] ?? at, help);
  const first = tokens[0]!;
  const quoted = sets === 1 && first.text.startsWith('"');
  const name = quoted ? readQuoted(first) : line.slice(first.column - 1, tokens[sets]!.column - 1).trimEnd();
  const [s, r] = tokens[sets]!.text.toLowerCase().split('x').map(Number) as [number, number];
  const e: Exercise = { name, sets: s, reps: r };
  const toks: Record<string, Token> = { name: first, sets: tokens[sets]!, reps: tokens[sets]! };
  let i = sets + 1;
  const kg = tokens[i] && /^(\d+(?:\.\d+)?)kg$/i.exec(tokens[i]!.text);
  if (kg) {
    e.loadKg = Number(kg[1]);
    toks.loadKg = tokens[i]!;
    i += 1;
  }
  if (tokens[i]?.text.toLowerCase() === 'rest') {
    const time = tokens[i + 1] && readTime(tokens[i + 1]!.text);
    if (!time) throw new LineError(tokens[i + 1] ?? tokens[i]!, 'Rest is a time: rest 90s, rest 2m');
    e.restSec = time.sec;
    toks.restSec = tokens[i + 1]!;
    i += 2;
  }
  if (i < tokens.length) throw new LineError(tokens[i]!, help);
  const checked = ExerciseSchema.safeParse(e);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new LineError(toks[String(issue.path[0])] ?? first, issue.message);
  }
  return e;
}
