import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { ExportUnsupportedError } from './export.types.ts';
import { buildWorkout, intervalSteps, measured, target, timed } from './exports.testing.ts';
import { zwiftWorkout } from './zwo.ts';

interface Node {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: Node[];
}

/** Parses with saxes (a conforming, non-validating XML parser) into a small element tree. */
function parseXml(xml: string): Node {
  const parser = new SaxesParser();
  const root: Node = { name: '#document', attrs: {}, text: '', children: [] };
  const stack: Node[] = [root];
  parser.on('opentag', (tag) => {
    const node: Node = { name: tag.name, attrs: tag.attributes as Record<string, string>, text: '', children: [] };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('text', (t) => {
    stack.at(-1)!.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  return root.children[0]!;
}

const child = (n: Node, name: string) => n.children.find((c) => c.name === name);
const blocks = (xml: string) => child(parseXml(xml), 'workout')!.children;

describe('zwiftWorkout', () => {
  it('writes the header and the blocks in order with FTP fractions', () => {
    const ride = buildWorkout({
      sport: 'bike',
      title: 'Over <unders> & "sweet" spot',
      description: "Rider's notes: 2 × 20 < 30 & more",
      steps: [
        timed('warmup', 600, target('power', 1, 0.5, 0.75)),
        timed('steady', 1200, target('power', 3, 0.86, 0.9)),
        {
          kind: 'repeat',
          count: 5,
          steps: [timed('work', 240, target('power', 5, 1.05, 1.15)), timed('recovery', 120, target('power', 1, 0.5, 0.6))],
        },
        timed('steady', 300, target('hr', 2, 0.8, 0.85), 'Spin easy'),
        timed('cooldown', 600, target('power', 1, 0.45, 0.65)),
      ],
    });
    const xml = zwiftWorkout(ride);
    const file = parseXml(xml);
    expect(file.name).toBe('workout_file');
    expect(file.children.map((c) => c.name)).toEqual(['author', 'name', 'description', 'sportType', 'workout']);
    expect(child(file, 'author')!.text).toBe('Cadence');
    expect(child(file, 'name')!.text).toBe('Over <unders> & "sweet" spot');
    expect(child(file, 'description')!.text).toBe("Rider's notes: 2 × 20 < 30 & more");
    expect(child(file, 'sportType')!.text).toBe('bike');
    const w = child(file, 'workout')!.children;
    expect(w.map((b) => b.name)).toEqual(['Warmup', 'SteadyState', 'IntervalsT', 'FreeRide', 'Cooldown']);
    expect(w[0]!.attrs).toEqual({ Duration: '600', PowerLow: '0.5', PowerHigh: '0.75' });
    expect(w[1]!.attrs).toEqual({ Duration: '1200', Power: '0.88' });
    expect(w[2]!.attrs).toEqual({ Repeat: '5', OnDuration: '240', OffDuration: '120', OnPower: '1.1', OffPower: '0.55' });
    expect(w[3]!.attrs).toEqual({ Duration: '300' });
    expect(w[3]!.children.map((c) => c.attrs)).toEqual([{ timeoffset: '0', message: 'Z2 heart rate · Spin easy' }]);
    // The cool-down ramps down: Zwift goes from PowerLow to PowerHigh.
    expect(w[4]!.attrs).toEqual({ Duration: '600', PowerLow: '0.65', PowerHigh: '0.45' });
  });

  it('unrolls repeat blocks that are not an on/off pair with power', () => {
    const ride = buildWorkout({
      sport: 'bike',
      steps: [
        {
          kind: 'repeat',
          count: 2,
          steps: [timed('work', 60, target('power', 5, 1.2, 1.3)), timed('recovery', 60, target('power', 1, 0.5, 0.5)), timed('work', 30)],
        },
      ],
    });
    expect(blocks(zwiftWorkout(ride)).map((b) => `${b.name}:${b.attrs.Duration}`)).toEqual([
      'SteadyState:60',
      'SteadyState:60',
      'FreeRide:30',
      'SteadyState:60',
      'SteadyState:60',
      'FreeRide:30',
    ]);
  });

  it('writes runs against a pace reference, by time or by distance', () => {
    const run = zwiftWorkout(buildWorkout({ sport: 'run', steps: intervalSteps('pace') }));
    expect(child(parseXml(run), 'sportType')!.text).toBe('run');
    const b = blocks(run);
    expect(b.map((x) => x.name)).toEqual(['Warmup', 'IntervalsT', 'Cooldown']);
    expect(b[1]!.attrs).toMatchObject({ Repeat: '5', OnDuration: '240', OffDuration: '120', OnPower: '1', OffPower: '0.6', pace: '2' });

    const byDistance = zwiftWorkout(
      buildWorkout({ sport: 'run', steps: [measured('warmup', 2000, target('pace', 1, 0.7, 0.8)), measured('steady', 5000)] }),
    );
    expect(child(parseXml(byDistance), 'durationType')!.text).toBe('distance');
    expect(blocks(byDistance).map((x) => `${x.name}:${x.attrs.Duration}`)).toEqual(['Warmup:2000', 'FreeRide:5000']);
  });

  it('refuses what Zwift cannot express with a typed error', () => {
    const cases = [
      { w: buildWorkout({ sport: 'swim' }), reason: 'sport' },
      { w: buildWorkout({ sport: 'strength' }), reason: 'sport' },
      { w: buildWorkout({ sport: 'bike', steps: [measured('steady', 20000)] }), reason: 'distance_steps' },
      { w: buildWorkout({ sport: 'run', steps: [timed('warmup', 600), measured('steady', 5000)] }), reason: 'distance_steps' },
      {
        w: buildWorkout({ sport: 'run', steps: [{ kind: 'steady', durationSec: null, distanceM: null, target: null }] }),
        reason: 'open_steps',
      },
    ];
    for (const { w, reason } of cases) {
      expect(() => zwiftWorkout(w)).toThrow(ExportUnsupportedError);
      expect(() => zwiftWorkout(w)).toThrow(expect.objectContaining({ format: 'zwo', reason }));
    }
  });

  it('writes a workout without steps as one block of its length', () => {
    const ride = buildWorkout({ sport: 'bike', steps: [], durationSec: 3600, intensity: target('power', 2, 0.65, 0.75) });
    expect(blocks(zwiftWorkout(ride)).map((b) => b.attrs)).toEqual([{ Duration: '3600', Power: '0.7' }]);
  });
});
