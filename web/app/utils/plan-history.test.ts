// The change history's words, from the change log's before → after as the API presents it: moves with the
// app's dates, lengths as the page writes them, types, skips, matches, a week's adjustment, a rebuild.
import { describe, expect, it } from 'vitest';
import { changeDetails } from '../../../worker/features/plans/change-diff';
import type { ChangeRow } from '../../../worker/features/plans/plans.repo';
import { changeLines, nameOf } from './plan-history';

const ID = ['6f1c7c1e-0000-4000-8000-000000000001', '6f1c7c1e-0000-4000-8000-000000000002', '6f1c7c1e-0000-4000-8000-000000000003'];
const steady = (sec: number, zone: number) => [
  { kind: 'steady', durationSec: sec, distanceM: null, target: { metric: 'pace', zone, low: 0.75, high: 0.85 } },
];
const state = (over: Record<string, unknown> = {}) => ({
  date: '2029-12-11',
  sport: 'run',
  type: 'easy',
  title: 'Easy run 50 min',
  description: '50 min steady at Z2.',
  durationSec: 3000,
  distanceM: null,
  targetLoad: 53.3,
  intensity: { metric: 'pace', zone: 2, low: 0.75, high: 0.85 },
  steps: steady(3000, 2),
  phase: 'base',
  week: 2,
  skipped: false,
  linkMode: null,
  linkedActivityId: null,
  ...over,
});
const row = (action: string, before: Record<string, unknown>, after: Record<string, unknown>, extra: Partial<ChangeRow> = {}) =>
  ({ action, before, after, ...extra }) as ChangeRow;
const words = (ch: ChangeRow, units: 'km' | 'mi' = 'km') => changeLines({ action: ch.action, ...changeDetails(ch) }, units);

describe('the change history in words', () => {
  it('a move names the workout and both days as the app writes dates', () => {
    expect(words(row('move', { [ID[0]!]: state() }, { [ID[0]!]: state({ date: '2029-12-12', week: 2 }) }))).toEqual([
      'Moved Easy run from Tue 11 Dec to Wed 12 Dec',
    ]);
  });

  it('a length alone is shortened or lengthened; a new type says from what to what, with the rest it brought', () => {
    const long = state({ type: 'long', title: 'Long run 1 h 30 min', durationSec: 5400, steps: steady(5400, 2) });
    const shorter = { ...long, title: 'Long run 1 h 10 min', durationSec: 4200, steps: steady(4200, 2), targetLoad: 60 };
    expect(words(row('edit', { [ID[0]!]: long }, { [ID[0]!]: shorter }))).toEqual(['Shortened Long run 1 h 30 min → 1 h 10 min']);
    expect(words(row('edit', { [ID[0]!]: shorter }, { [ID[0]!]: long }))).toEqual(['Lengthened Long run 1 h 10 min → 1 h 30 min']);
    const recovery = state({
      type: 'recovery',
      title: 'Recovery run 30 min',
      durationSec: 1800,
      steps: steady(1800, 1),
      intensity: { metric: 'pace', zone: 1, low: 0.65, high: 0.75 },
      targetLoad: 24.5,
    });
    expect(words(row('edit', { [ID[0]!]: state() }, { [ID[0]!]: recovery }))).toEqual([
      'Changed Easy run: type easy → recovery, 50 min → 30 min, intensity Z2 → Z1, renamed “Recovery run 30 min”, load 53 → 25',
    ]);
    // The athlete's own words and distance, in their units.
    expect(words(row('edit', { [ID[0]!]: state() }, { [ID[0]!]: state({ title: 'Hills', distanceM: 8046.72 }) }), 'mi')).toEqual([
      'Changed Easy run: distance none → 5.0 mi, renamed “Hills”',
    ]);
  });

  it('skips, restores, removals, adds and their undo; matches by hand, never, or automatically', () => {
    const skipped = state({ skipped: true });
    expect(words(row('skip', { [ID[0]!]: state() }, { [ID[0]!]: skipped }))).toEqual(['Skipped Easy run on Tue 11 Dec']);
    expect(words(row('delete', { [ID[0]!]: state() }, { [ID[0]!]: skipped }))).toEqual(['Removed Easy run on Tue 11 Dec']);
    expect(words(row('undo', { [ID[0]!]: skipped }, { [ID[0]!]: state() }))).toEqual(['Restored Easy run on Tue 11 Dec']);
    const spin = state({ sport: 'bike', title: 'Easy spin', durationSec: 2700 });
    expect(words(row('add', { [ID[1]!]: null }, { [ID[1]!]: spin }))).toEqual(['Added Easy spin on Tue 11 Dec (45 min)']);
    expect(words(row('undo', { [ID[1]!]: spin }, { [ID[1]!]: null }))).toEqual(['Removed Easy spin from Tue 11 Dec']);
    const linked = state({ linkMode: 'manual', linkedActivityId: ID[2] });
    expect(words(row('link', { [ID[0]!]: state() }, { [ID[0]!]: linked }))).toEqual(['Linked Easy run (Tue 11 Dec) to an activity']);
    expect(words(row('unlink', { [ID[0]!]: linked }, { [ID[0]!]: state({ linkMode: 'unlinked' }) }))).toEqual([
      'Unlinked Easy run (Tue 11 Dec): no activity completes it',
    ]);
    expect(words(row('auto', { [ID[0]!]: state({ linkMode: 'unlinked' }) }, { [ID[0]!]: state() }))).toEqual([
      'Easy run (Tue 11 Dec) is matched automatically again',
    ]);
  });

  it('a swap is two moves in date order; many workouts stop at four lines', () => {
    const a = state();
    const b = state({ date: '2029-12-13', title: 'Tempo run: 20 min at Z3', type: 'tempo' });
    expect(
      words(row('swap', { [ID[0]!]: a, [ID[1]!]: b }, { [ID[0]!]: { ...a, date: b.date }, [ID[1]!]: { ...b, date: a.date } })),
    ).toEqual(['Moved Tempo run from Thu 13 Dec to Tue 11 Dec', 'Moved Easy run from Tue 11 Dec to Thu 13 Dec']);
    const many = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`${ID[0]!.slice(0, -1)}${i}`, state({ date: `2029-12-1${i}` })]));
    const skippedAll = Object.fromEntries(Object.entries(many).map(([id, s]) => [id, { ...s, skipped: true }]));
    const lines = words(row('batch', many, skippedAll));
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toBe('and 3 more');
  });

  it('a week’s adjustment and a rebuild are one line each, from their summary', () => {
    const was = { [ID[0]!]: state(), [ID[1]!]: state({ date: '2029-12-13', durationSec: 2400, targetLoad: 40 }) };
    const now = {
      [ID[0]!]: state({ durationSec: 2700, targetLoad: 48 }),
      [ID[1]!]: state({ date: '2029-12-13', durationSec: 2160, targetLoad: 36 }),
    };
    expect(words(row('adjust', was, now))).toEqual(['Week 2: 2 workouts 1 h 30 min → 1 h 21 min (−10\u00a0%), load 93 → 84']);
    const rebuild = {
      previous: { id: ID[2]!, weeks: [{ plannedHours: 4 }, { plannedHours: 5.5 }, { plannedHours: 3 }], startDate: '2029-11-05' },
      current: { weeks: [{ plannedHours: 6 }, { plannedHours: 6.5 }], startDate: '2029-12-11' },
    };
    expect(words(row('rebuild', {}, {}, { rebuild }))).toEqual([
      'From your history, starting Tue 11 Dec: 3 → 2 weeks, heaviest week 5.5 h → 6.5 h',
    ]);
    expect(words(row('pause', {}, {}))).toEqual([]);
  });

  it('a name leaves out the lengths a title states', () => {
    expect(
      ['Long run 1 h 30 min', 'Easy run 40 min with 6 strides', 'Threshold run: 4 × 8 min at Z4', 'Hills', '6 × 400 m'].map(nameOf),
    ).toEqual(['Long run', 'Easy run', 'Threshold run', 'Hills', '6 × 400 m']);
  });
});
