// The text form by example (ADR 055): what each kind of line reads as, what is written back, and the
// errors, each at the line, column and token it is about.
import { describe, expect, it } from 'vitest';
import { parseWorkoutText } from './workout-text.parse';
import { serializeWorkoutText } from './workout-text.serialize';
import { oversized, workoutSize } from './workout-size';
import type { Workout, WorkoutSport } from './workout.types';

const read = (text: string, sport: WorkoutSport = 'bike'): Workout => {
  const r = parseWorkoutText(text, sport);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.workout;
};
const errors = (text: string, sport: WorkoutSport = 'bike') => {
  const r = parseWorkoutText(text, sport);
  return r.ok ? [] : r.errors;
};
const step = (extra: object) => ({ kind: 'work', durationSec: null, distanceM: null, target: null, ...extra });

describe('reading', () => {
  it('the threshold session: warm-up, a repeat by indentation, cool-down', () => {
    const w = read(['- warmup 15m Z2', '3x', '  - 10m 95-105%', '  - recovery 5m Z1', '- cooldown 10m Z1'].join('\n'));
    expect(w).toStrictEqual({
      sport: 'bike',
      steps: [
        step({ kind: 'warmup', durationSec: 900, target: { metric: 'power', zone: 2 } }),
        {
          kind: 'repeat',
          count: 3,
          steps: [
            step({ durationSec: 600, target: { metric: 'power', low: 0.95, high: 1.05 } }),
            step({ kind: 'recovery', durationSec: 300, target: { metric: 'power', zone: 1 } }),
          ],
        },
        step({ kind: 'cooldown', durationSec: 600, target: { metric: 'power', zone: 1 } }),
      ],
    });
  });

  it('the one-line repeat of intervals.icu: each length starts the next step', () => {
    expect(read('3x 5m 95-105% 2m Z1').steps).toStrictEqual([
      {
        kind: 'repeat',
        count: 3,
        steps: [
          step({ durationSec: 300, target: { metric: 'power', low: 0.95, high: 1.05 } }),
          step({ durationSec: 120, target: { metric: 'power', zone: 1 } }),
        ],
      },
    ]);
  });

  it('every target, length and extra of the brief', () => {
    const [pace, watts, ramp, lap, hr, rpe] = read(
      ['- 1km 4:10-4:20/km', '- 30s 300w', '- ramp 10m 50-75%', '- lap Z1', '- 5m 140-150bpm 90rpm', '- 1h30m RPE 6-7 "easy talk"'].join(
        '\n',
      ),
      'run',
    ).steps;
    expect(pace).toStrictEqual(step({ distanceM: 1000, target: { metric: 'pace', unit: 's/km', low: 250, high: 260 } }));
    expect(watts).toStrictEqual(step({ durationSec: 30, target: { metric: 'power', unit: 'W', low: 300, high: 300 } }));
    expect(ramp).toStrictEqual(step({ durationSec: 600, ramp: true, target: { metric: 'pace', low: 0.5, high: 0.75 } }));
    expect(lap).toStrictEqual(step({ target: { metric: 'pace', zone: 1 } }));
    expect(hr).toStrictEqual(
      step({ durationSec: 300, target: { metric: 'hr', unit: 'bpm', low: 140, high: 150 }, cadence: { low: 90, high: 90 } }),
    );
    expect(rpe).toStrictEqual(step({ durationSec: 5400, target: { metric: 'rpe', low: 6, high: 7 }, note: 'easy talk' }));
  });

  it('a metric other than the sport’s own, a zone label beside a range, 400mtr and 1.5km', () => {
    const [a, b, c, d] = read(['- 20m Z2 HR', '- 10m Z4 91-105%', '- 400mtr 110% pace', '- 1.5km 75% HR'].join('\n')).steps;
    expect(a).toMatchObject({ target: { metric: 'hr', zone: 2 } });
    expect(b).toMatchObject({ target: { metric: 'power', zone: 4, low: 0.91, high: 1.05 } });
    expect(c).toMatchObject({ distanceM: 400, target: { metric: 'pace', low: 1.1, high: 1.1 } });
    expect(d).toMatchObject({ distanceM: 1500, target: { metric: 'hr', low: 0.75 } });
  });

  it('nested repeats, a swim with its pool and strokes, a brick’s legs, a strength step’s exercises', () => {
    expect(read(['2x', '  3x', '    - 1m 120%', '    - 1m 50%', '  - rest 3m'].join('\n')).steps[0]).toMatchObject({
      count: 2,
      steps: [
        { count: 3, steps: [{ durationSec: 60 }, { durationSec: 60 }] },
        { kind: 'rest', durationSec: 180 },
      ],
    });
    expect(read(['pool 25m', '- 400mtr Z2 free', '- 4min 1:45-1:50/100m back'].join('\n'), 'swim')).toMatchObject({
      poolLengthM: 25,
      steps: [
        { distanceM: 400, stroke: 'free' },
        { durationSec: 240, stroke: 'back', target: { unit: 's/100m', low: 105, high: 110 } },
      ],
    });
    expect(read(['- 1h Z2 bike', '- 20m Z3 run'].join('\n'), 'brick').steps).toMatchObject([
      { sport: 'bike', target: { metric: 'power' } },
      { sport: 'run', target: { metric: 'pace' } },
    ]);
    expect(read(['- lap RPE 7', '  * Back squat 3x8 60kg rest 2m', '  * "Plank 3x30" 2x1'].join('\n'), 'strength').steps[0]).toMatchObject({
      exercises: [
        { name: 'Back squat', sets: 3, reps: 8, loadKg: 60, restSec: 120 },
        { name: 'Plank 3x30', sets: 2, reps: 1 },
      ],
    });
  });

  it('is forgiving about case, blank lines and Windows line ends', () => {
    expect(read('- Warmup 10M z2\r\n\r\n- 5m 200W')).toStrictEqual(read('- warmup 10m Z2\n- 5m 200w'));
    expect(read('')).toStrictEqual({ sport: 'bike', steps: [] });
  });
});

describe('writing', () => {
  it('writes the canonical form: kinds but "work", the sport’s metric left out, minutes as "min" in a swim', () => {
    const text = ['- warmup 15m Z2', '3x', '  - 10m 95-105%', '  - recovery 5m Z1 HR', '- cooldown ramp 10m 75-50%'].join('\n');
    expect(serializeWorkoutText(read(text))).toBe(text);
    expect(serializeWorkoutText(read('3x 5m 95-105% 2m Z1'))).toBe('3x\n  - 5m 95-105%\n  - 2m Z1');
    expect(serializeWorkoutText(read('pool 25mtr\n- 10min 1:45/100m\n- 1000mtr Z2', 'swim'))).toBe('pool 25m\n- 10min 1:45/100m\n- 1km Z2');
    expect(serializeWorkoutText(read('- 1h30m 140bpm "a \\"quoted\\" note"', 'run'))).toBe('- 1h30m 140bpm "a \\"quoted\\" note"');
  });
});

describe('errors point at the bad token', () => {
  it('one per bad line, with its line, column and token, reading on past it', () => {
    expect(errors(['- warmup 15m Z2', '- 10m 95-105', '- 5m Z9', '- 2m Z1 banana'].join('\n'))).toStrictEqual([
      { line: 2, column: 7, token: '95-105', message: expect.stringContaining('Expected a target') },
      { line: 3, column: 6, token: 'Z9', message: 'Zones are Z1 to Z7' },
      { line: 4, column: 9, token: 'banana', message: expect.stringContaining('Expected a target') },
    ]);
  });

  it('lengths, targets and the order of words', () => {
    const one = (text: string, sport: WorkoutSport = 'bike') => errors(text, sport)[0];
    expect(one('- Z2 10m')).toMatchObject({ column: 3, token: 'Z2', message: expect.stringContaining('starts with its length') });
    expect(one('- 10m')).toBeUndefined();
    expect(one('- 0s Z2')).toMatchObject({ token: '0s' });
    expect(one('- 10m 300w Z2')).toMatchObject({ token: 'Z2', message: expect.stringContaining('needs no zone') });
    expect(one('- 10m 95% 300w')).toMatchObject({ token: '300w', message: 'One target per step' });
    expect(one('- 10m 105-95%')).toMatchObject({ token: '105-95%', message: expect.stringContaining('make it a ramp') });
    expect(one('- ramp 10m Z2')).toMatchObject({ token: 'ramp', message: expect.stringContaining('two values') });
    expect(one('- 10m 4:10-4:7/km', 'run')).toMatchObject({ token: '4:10-4:7/km' });
    expect(one('- 10m Z2 HR HR')).toMatchObject({ column: 13, token: 'HR', message: expect.stringContaining('already has') });
    expect(one('- 10m HR')).toMatchObject({ token: 'HR', message: expect.stringContaining('follows a zone') });
    expect(one('- 10m Z2 "unclosed')).toMatchObject({ column: 10, token: '"unclosed', message: 'This quote is never closed' });
    expect(one('- 10m 5m')).toMatchObject({ column: 7, token: '5m', message: expect.stringContaining('One step per line') });
    expect(one('- 10m 5000w')).toMatchObject({ token: '5000w', message: expect.stringContaining('3000') });
    expect(one('- 10m 90-200rpm 1rpm')).toMatchObject({ token: '1rpm' });
  });

  it('sport rules: minutes or metres in a pool, strokes, pool lengths, legs', () => {
    const one = (text: string, sport: WorkoutSport) => errors(text, sport)[0];
    expect(one('- 400m free', 'swim')).toMatchObject({ token: '400m', message: expect.stringContaining('400min or 400mtr') });
    expect(one('- 10m Z2 free', 'run')).toMatchObject({ token: 'free', message: 'A stroke is for swim steps' });
    expect(one('pool 25m', 'run')).toMatchObject({ token: 'pool' });
    expect(one('pool 5m', 'swim')).toMatchObject({ token: '5m', message: expect.stringContaining('10 to 100') });
    expect(one('- 10min Z2\npool 25m', 'swim')).toMatchObject({ line: 2, message: expect.stringContaining('comes first') });
    expect(one('- 10m Z2 run', 'run')).toMatchObject({ token: 'run', message: expect.stringContaining('bricks') });
  });

  it('structure: repeats without steps, stray indentation, tabs, exercises out of place', () => {
    expect(errors('3x\n- 10m Z4')).toMatchObject([{ line: 1, token: '3x', message: expect.stringContaining('indent them') }]);
    expect(errors('0x 1m')).toMatchObject([{ token: '0x', message: expect.stringContaining('1 to 99') }]);
    expect(errors('3x\n    - 1m\n  - 1m')).toMatchObject([
      { line: 3, column: 3, token: '-', message: expect.stringContaining('indented unlike') },
    ]);
    expect(errors('3x 1m Z4\n  - 1m')).toMatchObject([{ line: 2, message: expect.stringContaining('on its line already') }]);
    expect(errors('\t- 1m')).toMatchObject([{ line: 1, column: 1, message: 'Indent with spaces, not tabs' }]);
    expect(errors('-10m Z2')).toMatchObject([{ token: '-10m', message: expect.stringContaining('a space after') }]);
    expect(errors('* Squat 3x8', 'strength')).toMatchObject([{ token: '*', message: expect.stringContaining('under its step') }]);
    expect(errors('- lap\n  * Squat', 'strength')).toMatchObject([
      { line: 2, token: 'Squat', message: expect.stringContaining('setsxreps') },
    ]);
    expect(errors('- lap\n  * Squat 3x8 60kg', 'run')).toMatchObject([
      { line: 2, column: 3, message: 'Exercises are for strength workouts' },
    ]);
    expect(errors('- 1m\n  - 1m')).toMatchObject([{ line: 2, message: expect.stringContaining('Only exercises') }]);
  });

  it('a bad repeat line does not bury its steps in more errors', () => {
    expect(errors('3y\n  - 1m Z2\n  - 1m Z9')).toMatchObject([
      { line: 1, token: '3y' },
      { line: 3, token: 'Z9' },
    ]);
  });

  it('a repeat tree reads as written, and is sized without unrolling it (issue 55: the whole is bounded where it is sent)', () => {
    expect(oversized(read('99x\n  - 24h Z1'))).toBe('The steps add up to more than 12 hours');
    const deep = read('99x\n  99x\n    99x\n      - 1h Z1');
    expect(workoutSize(deep.steps)).toStrictEqual({ sec: 99 ** 3 * 3600, m: 0, steps: 99 ** 3 });
    expect(oversized(deep)).toBe('The steps add up to more than 12 hours');
    expect(oversized(read('99x\n  99x\n    - 1s'))).toBe('At most 2,000 steps with the repeats counted');
    expect(oversized(read('99x\n  - 1km\n  - 4km'))).toBe('The steps add up to more than 400 km');
    expect(oversized(read('12x\n  - 1h Z1'))).toBeNull();
    expect(oversized(read('2x\n  72x\n    - 5m Z1'))).toBeNull(); // 12 h exactly
    // Counted, never unrolled: 99⁴ steps done are as quick to size as one.
    const started = performance.now();
    expect(workoutSize(read('99x\n  99x\n    99x\n      99x\n        - 1s').steps).steps).toBe(99 ** 4);
    expect(performance.now() - started).toBeLessThan(50);
    // Lap steps count as the totals take them, 5 minutes each.
    expect(oversized(read('99x\n  2x\n    - lap Z1'))).toBe('The steps add up to more than 12 hours');
  });

  it('nesting past four repeats deep is named at the repeat', () => {
    const text = ['2x', '  2x', '    2x', '      2x', '        2x', '          - 1m'].join('\n');
    expect(errors(text)).toStrictEqual([{ line: 5, column: 9, token: '2x', message: 'Repeats nest at most 4 deep' }]);
  });
});
