// A structured ride (a ramp up and down, a nested repeat, watt and zone targets, cadence) written as
// .zwo and read back with saxes, an independent XML parser: the blocks equal the tree, the inner
// on/off pair an IntervalsT, the outer repeat unrolled (Zwift cannot nest).
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { WorkoutNode } from '../../workouts';
import { ExportUnsupportedError } from './export.types.ts';
import { buildWorkout } from './exports.testing.ts';
import { zwiftWorkout } from './zwo.ts';

/** The children of <workout>, each as its name and attributes (plus its message, if any). */
function blocks(xml: string): Record<string, string>[] {
  const parser = new SaxesParser();
  const out: Record<string, string>[] = [];
  let inWorkout = false;
  parser.on('opentag', (tag) => {
    const attrs = tag.attributes as Record<string, string>;
    if (tag.name === 'workout') inWorkout = true;
    else if (inWorkout && tag.name === 'textevent') out.at(-1)!.message = attrs.message!;
    else if (inWorkout) out.push({ name: tag.name, ...attrs });
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'workout') inWorkout = false;
  });
  parser.write(xml).close();
  return out;
}

const tree: WorkoutNode[] = [
  {
    kind: 'warmup',
    durationSec: 900,
    distanceM: null,
    target: { metric: 'power', low: 0.5, high: 0.75 },
    ramp: true,
    cadence: { low: 85, high: 95 },
  },
  {
    kind: 'repeat',
    count: 2,
    steps: [
      {
        kind: 'repeat',
        count: 3,
        steps: [
          {
            kind: 'work',
            durationSec: 60,
            distanceM: null,
            target: { metric: 'power', unit: 'W', low: 300, high: 300 },
            cadence: { low: 100, high: 100 },
          },
          { kind: 'recovery', durationSec: 60, distanceM: null, target: { metric: 'power', zone: 1 } },
        ],
      },
      { kind: 'rest', durationSec: 120, distanceM: null, target: { metric: 'power', low: 0.5, high: 0.5 } },
    ],
  },
  { kind: 'work', durationSec: 300, distanceM: null, target: { metric: 'power', low: 0.8, high: 1 }, ramp: true },
  { kind: 'steady', durationSec: 600, distanceM: null, target: { metric: 'hr', unit: 'bpm', low: 140, high: 150 } },
  { kind: 'cooldown', durationSec: 600, distanceM: null, target: { metric: 'power', low: 0.7, high: 0.4 }, ramp: true },
];

describe('zwiftWorkout from the structured tree', () => {
  it('ramps as Warmup/Ramp/Cooldown from start to end, the inner pair as IntervalsT, the outer repeat unrolled', () => {
    const xml = zwiftWorkout({ ...buildWorkout({ sport: 'bike' }), steps: tree }, { ftpW: 250 });
    const intervals = {
      name: 'IntervalsT',
      Repeat: '3',
      OnDuration: '60',
      OffDuration: '60',
      OnPower: '1.2',
      OffPower: '0.5',
      Cadence: '100',
    };
    const rest = { name: 'SteadyState', Duration: '120', Power: '0.5' };
    expect(blocks(xml)).toEqual([
      { name: 'Warmup', Duration: '900', PowerLow: '0.5', PowerHigh: '0.75', Cadence: '90' },
      intervals,
      rest,
      intervals,
      rest,
      { name: 'Ramp', Duration: '300', PowerLow: '0.8', PowerHigh: '1' },
      { name: 'FreeRide', Duration: '600', message: '140–150 bpm heart rate' },
      { name: 'Cooldown', Duration: '600', PowerLow: '0.7', PowerHigh: '0.4' },
    ]);
  });

  it('watt targets need an FTP; lap steps cannot be written', () => {
    const noFtp = () => zwiftWorkout({ ...buildWorkout({ sport: 'bike' }), steps: tree });
    expect(noFtp).toThrow(ExportUnsupportedError);
    const lap: WorkoutNode = { kind: 'work', durationSec: null, distanceM: null, target: null };
    expect(() => zwiftWorkout({ ...buildWorkout({ sport: 'bike' }), steps: [lap] })).toThrow(/open steps/);
  });
});
