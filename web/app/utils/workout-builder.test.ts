// The step builder's model: the list's actions and a step's length and target fields go through the
// feature's parser and serializer, so the text and the list always say the same workout.
import { describe, expect, it } from 'vitest';
import {
  append,
  edit,
  isStructured,
  lengthText,
  NEW_STEP,
  parseText,
  targetText,
  textOf,
  type Workout,
  withLengthAndTarget,
} from './workout-builder';

const read = (text: string): Workout => {
  const r = parseText(text, 'run');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.workout;
};
const W = read('- warmup 15m Z2\n3x 10m 95-105% 5m Z1\n- cooldown 10m Z1');

describe('workout builder model', () => {
  it('moves, duplicates and deletes nodes, inside repeats too; a repeat left empty goes', () => {
    expect(textOf(edit(W, [2], 'up'))).toBe('- warmup 15m Z2\n- cooldown 10m Z1\n3x\n  - 10m 95-105%\n  - 5m Z1');
    expect(textOf(edit(W, [1, 0], 'down'))).toBe('- warmup 15m Z2\n3x\n  - 5m Z1\n  - 10m 95-105%\n- cooldown 10m Z1');
    expect(
      textOf(edit(W, [0], 'duplicate'))
        .split('\n')
        .slice(0, 2),
    ).toEqual(['- warmup 15m Z2', '- warmup 15m Z2']);
    expect(textOf(edit(edit(W, [1, 0], 'delete'), [1, 0], 'delete'))).toBe('- warmup 15m Z2\n- cooldown 10m Z1');
    expect(textOf(append(W, NEW_STEP)).endsWith('- 10m Z2')).toBe(true);
    // The original is untouched (each action answers a new tree).
    expect(textOf(W)).toBe('- warmup 15m Z2\n3x\n  - 10m 95-105%\n  - 5m Z1\n- cooldown 10m Z1');
  });

  it('a step’s length and target fields read and write the text’s words; a bad word is the parser’s message', () => {
    const step = (W.steps[1] as { steps: Workout['steps'] }).steps[0] as Parameters<typeof lengthText>[1];
    expect([lengthText('run', step), targetText('run', step)]).toEqual(['10m', '95-105%']);
    const next = withLengthAndTarget('run', step, '1km', '4:10-4:20/km');
    expect(next).toMatchObject({ kind: 'work', durationSec: null, distanceM: 1000, target: { unit: 's/km', low: 250, high: 260 } });
    expect(targetText('run', withLengthAndTarget('run', step, '10m', 'ramp 50-75%') as typeof step)).toBe('ramp 50-75%');
    expect(typeof withLengthAndTarget('run', step, '5q', 'Z1')).toBe('string');
  });

  it('tells a tree the flat steps cannot hold', () => {
    expect(isStructured(W.steps)).toBe(true);
    expect(
      isStructured([{ kind: 'work', durationSec: 600, distanceM: null, target: { metric: 'pace', zone: 2, low: 0.75, high: 0.85 } }]),
    ).toBe(false);
  });
});
