// Plan-step alignment: a planned workout's reps paired with detected work, judged by length and target
// with the calendar's bands.
import { describe, expect, it } from 'vitest';
import type { StepNode, Target } from '../plans';
import { detectIntervals, type IntervalDetection, type IntervalSegment } from './detect.calc';
import { generateSet } from './intervals.testing';
import { parseWorkoutText } from '../workouts';
import { planVsDone, plannedReps, repsOf, targetRange } from './plan-vs-done.calc';

const THRESHOLD_PACE = 4.5; // m/s: 3:42 per km
const pace = (low: number, high: number): Target => ({ metric: 'pace', zone: 5, low, high });
const warm: StepNode = { kind: 'warmup', durationSec: 900, distanceM: null, target: null };
const cool: StepNode = { kind: 'cooldown', durationSec: 600, distanceM: null, target: null };
const repeat = (
  count: number,
  work: Partial<StepNode> & { durationSec: number | null; distanceM: number | null },
  target: Target | null,
  recoverySec = 90,
): StepNode => ({
  kind: 'repeat',
  count,
  steps: [
    { kind: 'work', durationSec: work.durationSec, distanceM: work.distanceM, target },
    { kind: 'recovery', durationSec: recoverySec, distanceM: null, target: null },
  ],
});

/** Detected segments: a warm-up, then reps of the given seconds and speeds with 90-s recoveries, a cool-down. */
function detection(reps: { seconds: number; mps: number }[], gap = 90): IntervalDetection {
  const seg = (kind: IntervalSegment['kind'], startS: number, seconds: number, mps: number): IntervalSegment => ({
    kind,
    startS,
    endS: startS + seconds,
    durationS: seconds,
    movingS: seconds,
    distanceM: seconds * mps,
    avgSpeedMps: mps,
    avgPower: null,
    avgHr: kind === 'work' ? 170 : 140,
    maxHr: null,
  });
  const segments: IntervalSegment[] = [seg('warmup', 0, 900, 2.8)];
  let t = 900;
  reps.forEach((r, k) => {
    segments.push(seg('work', t, r.seconds, r.mps));
    t += r.seconds;
    if (k < reps.length - 1) {
      segments.push(seg('recovery', t, gap, 2.5));
      t += gap;
    }
  });
  segments.push(seg('cooldown', t, 600, 2.7));
  return { basis: 'speed', segments, reps: reps.length };
}

describe('plan vs done', () => {
  it('six timed reps on target: each green, "rep 3 of 6" with its pace against the range', () => {
    const steps = [warm, repeat(6, { durationSec: 180, distanceM: null }, pace(1.05, 1.12)), cool];
    const d = detection(Array.from({ length: 6 }, () => ({ seconds: 178, mps: 4.9 })));
    const r = planVsDone(steps, 'run', d, { threshold_pace: THRESHOLD_PACE })!;
    expect(r.reps).toHaveLength(6);
    expect(r.found).toBe(6);
    const third = r.reps[2]!;
    expect(third.rep).toBe(3);
    expect(third.done!.durationS).toBe(178);
    expect(third.ratio).toBe(0.99);
    expect(third.planned.range).toEqual({ metric: 'pace', low: 1.05 * THRESHOLD_PACE, high: 1.12 * THRESHOLD_PACE });
    expect(third.target).toEqual({ value: 4.9, verdict: 'within' });
    expect(third.band).toBe('green');
    expect(third.recovery?.durationS).toBe(90);
    expect(r.band).toBe('green');
    expect(r.extra).toEqual([]);
  });

  it('a distance rep is judged by its distance, and its target read as the time for it', () => {
    const steps = [warm, repeat(6, { durationSec: null, distanceM: 800 }, pace(1.05, 1.12)), cool];
    const d = detection(Array.from({ length: 6 }, (_, k) => ({ seconds: 170 + k, mps: 800 / (170 + k) })));
    const r = planVsDone(steps, 'run', d, { threshold_pace: THRESHOLD_PACE })!;
    expect(r.reps.map((x) => x.ratio)).toEqual([1, 1, 1, 1, 1, 1]);
    // 800 m in 2:52 is 4.65 m/s against 4.73–5.04 m/s (2:39–2:49): under 2 % slow, so partly.
    expect(r.reps[2]!.target!.verdict).toBe('below');
    expect(r.reps[2]!.band).toBe('yellow');
  });

  it('too slow by more than 5 % is off target; a rep far too short is off target; the whole follows the reps', () => {
    const steps = [warm, repeat(4, { durationSec: 240, distanceM: null }, pace(1.0, 1.05)), cool];
    const d = detection([
      { seconds: 240, mps: 4.6 }, // within
      { seconds: 240, mps: 4.3 }, // 4.4 % slow: partly
      { seconds: 240, mps: 4.0 }, // 11 % slow: off
      { seconds: 100, mps: 4.6 }, // 42 % of the time: off
    ]);
    const r = planVsDone(steps, 'run', d, { threshold_pace: THRESHOLD_PACE })!;
    expect(r.reps.map((x) => x.band)).toEqual(['green', 'yellow', 'red', 'red']);
    // (1 + ½ + 0 + 0) / 4 = 0.375: off target as a whole.
    expect(r.band).toBe('red');
  });

  it('the athlete stopped after five of six: the sixth is missing (red), the set mostly done', () => {
    const steps = [warm, repeat(6, { durationSec: 180, distanceM: null }, null), cool];
    const r = planVsDone(steps, 'run', detection(Array.from({ length: 5 }, () => ({ seconds: 181, mps: 4.9 }))), {})!;
    expect(r.found).toBe(5);
    expect(r.reps[5]).toMatchObject({ done: null, band: 'red', ratio: null });
    // 5 of 6 green reads 83 %, but a missing rep is off: the set is partly done, never on target (issue 55).
    expect(r.band).toBe('yellow');
  });

  it('a rep split by a stop is one rep; a detected extra effort is left over, not forced onto a step', () => {
    const steps = [warm, repeat(3, { durationSec: 300, distanceM: null }, null), cool];
    const d = detection(
      [
        { seconds: 300, mps: 4.9 },
        { seconds: 140, mps: 4.9 },
        { seconds: 140, mps: 4.9 },
        { seconds: 300, mps: 4.9 },
        { seconds: 40, mps: 5.5 },
      ],
      20,
    );
    const r = planVsDone(steps, 'run', d, {})!;
    expect(r.found).toBe(3);
    expect(r.reps[1]!.done!.durationS).toBe(300);
    expect(r.reps[1]!.ratio).toBe(1);
    expect(r.extra.map((e) => e.durationS)).toEqual([40]);
  });

  it('without the threshold the target cannot be read: judged by length only', () => {
    const steps = [warm, repeat(2, { durationSec: 600, distanceM: null }, pace(0.88, 0.94)), cool];
    const r = planVsDone(
      steps,
      'run',
      detection([
        { seconds: 590, mps: 2 },
        { seconds: 610, mps: 2 },
      ]),
      {},
    )!;
    expect(r.reps.every((x) => x.planned.range === null && x.target === null && x.band === 'green')).toBe(true);
  });

  it('reads power targets from FTP and heart-rate targets from LTHR; RPE has no range', () => {
    const power: Target = { metric: 'power', zone: 3, low: 0.88, high: 0.94 };
    expect(targetRange(power, 'bike', { ftp: 250 })).toEqual({ metric: 'power', low: 220, high: 235 });
    expect(targetRange({ metric: 'hr', zone: 4, low: 0.95, high: 1 }, 'run', { lthr: 170 })).toEqual({
      metric: 'hr',
      low: 161.5,
      high: 170,
    });
    expect(targetRange({ metric: 'pace', zone: 4, low: 1, high: 1.05 }, 'swim', { threshold_pace: 4, css: 1.4 })).toEqual({
      metric: 'pace',
      low: 1.4,
      high: 1.47,
    });
    expect(targetRange({ metric: 'rpe', zone: 3, low: 6, high: 7 }, 'strength', { ftp: 250 })).toBeNull();
  });

  it('an easy run with strides plans no reps to judge: nothing to show step by step', () => {
    const strides: StepNode[] = [
      { kind: 'steady', durationSec: 2400, distanceM: null, target: pace(0.75, 0.85) },
      repeat(6, { durationSec: 20, distanceM: null }, pace(1.01, 1.12), 40),
    ];
    expect(plannedReps(strides, 'run')).toEqual([]);
    expect(planVsDone(strides, 'run', null, {})).toBeNull();
  });

  it('end to end: a generated 5 × 1000 m session read from its streams against a plan of 5 × 1000 m', () => {
    const { streams } = generateSet(
      {
        sport: 'run',
        reps: 5,
        rep: { metres: 1000 },
        recoveryS: 120,
        standing: false,
        warmupS: 900,
        cooldownS: 600,
        workLevel: 4.9,
        easyShare: 0.55,
        noise: 0.04,
        stops: 1,
        maxStep: 1,
      },
      42,
    );
    const d = detectIntervals(streams, 'run', { speedMps: THRESHOLD_PACE });
    const r = planVsDone([warm, repeat(5, { durationSec: null, distanceM: 1000 }, pace(1.05, 1.12)), cool], 'run', d, {
      threshold_pace: THRESHOLD_PACE,
    })!;
    expect(r.found).toBe(5);
    for (const rep of r.reps) {
      expect(rep.ratio!).toBeGreaterThanOrEqual(0.97);
      expect(rep.ratio!).toBeLessThanOrEqual(1.03);
      expect(rep.target!.verdict).toBe('within');
    }
    expect(r.band).toBe('green');
  });

  it("a structured workout (nested repeats, watts) is paired rep by rep in the day's numbers", () => {
    const parsed = parseWorkoutText(
      ['- warmup 10m Z2', '2x', '  2x', '    - 5m 250-270w', '    - recovery 2m Z1', '- cooldown 10m Z1'].join('\n'),
      'bike',
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const reps = plannedReps(repsOf(parsed.workout.steps as StepNode[], 'bike', { ftp: 250 }), 'bike');
    expect(reps).toHaveLength(4);
    for (const r of reps) {
      expect(r.durationSec).toBe(300);
      expect(targetRange(r.target, 'bike', { ftp: 250 })).toEqual({ metric: 'power', low: 250, high: 270 });
    }
  });
});
