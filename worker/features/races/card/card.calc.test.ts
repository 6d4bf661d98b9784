// The card's pure sections: race morning counted back from the start (and across midnight), the taper's numbers
// from a plan's weeks, race week from the plan, and contingencies whose paces come from the range.
import { describe, expect, it } from 'vitest';
import { planPacing } from '../pacing.calc';
import {
  type CardWorkout,
  clockBefore,
  contingencies,
  fuelCheckpoints,
  morningTimeline,
  raceWeekChecklist,
  splitRows,
  taperSummary,
  transitionsChecklist,
} from './card.calc';

const w = (date: string, week: number, phase: string, load: number, over: Partial<CardWorkout> = {}): CardWorkout => ({
  date,
  title: `W${week} ${phase}`,
  sport: 'run',
  type: 'easy',
  durationSec: load * 60,
  targetLoad: load,
  phase,
  week,
  skipped: false,
  ...over,
});

describe('morningTimeline', () => {
  it('counts back from a 09:00 start: wake 05:30, breakfast 06:00 (3 h, 1–4 g/kg cited), last drink 07:00, warm-up, start', () => {
    const t = morningTimeline('09:00', 10000);
    expect(t.map((i) => [i.clock, i.beforeStartMin])).toEqual([
      ['05:30', 210],
      ['06:00', 180],
      ['07:00', 120],
      ['08:30', 30],
      ['08:50', 10],
      ['09:00', 0],
    ]);
    expect(t[1]!.what).toContain('1–4 g carbohydrate per kg');
    expect(t[1]!.basis).toMatch(/Thomas, Erdman & Burke 2016/);
    expect(t[2]!.basis).toMatch(/Sawka et al\. 2007/);
    expect(t.every((i) => !i.dayBefore)).toBe(true);
  });

  it('with the athlete’s body mass, says the amounts in grams and millilitres for them, and where the mass came from', () => {
    const t = morningTimeline('09:00', 10000, { kg: 70, date: 'Thu 26 Nov 2026' });
    expect(t[1]!.what).toMatch(/^Breakfast: 70–280 g carbohydrate \(1–4 g\/kg at your 70 kg, from your sweat test of Thu 26 Nov 2026\)/);
    expect(t[1]!.what).toContain('drink 350–500 mL slowly');
    expect(t[2]!.what).toMatch(/^Last big drink: 200–350 mL/);
  });

  it('a marathon warms up shorter; an early start wraps to the evening before', () => {
    const m = morningTimeline('07:00', 42195);
    expect(m.find((i) => i.what.startsWith('Warm-up'))).toMatchObject({ clock: '06:40', beforeStartMin: 20 });
    const early = morningTimeline('02:00', 5000);
    expect(early[0]).toMatchObject({ clock: '22:30', dayBefore: true });
    expect(clockBefore('00:10', 20)).toEqual({ clock: '23:50', dayBefore: true });
    expect(clockBefore('23:59', 0)).toEqual({ clock: '23:59', dayBefore: false });
  });
});

describe('taperSummary', () => {
  // Weeks 1–3 build at 300, 320, 340; the taper 2 weeks at 240 and 170; the race on day 36.
  const plan: CardWorkout[] = [
    ...[300, 320, 340].flatMap((load, i) => [
      w(`2026-05-${String(4 + 7 * i).padStart(2, '0')}`, i + 1, 'peak', load / 2),
      w(`2026-05-${String(6 + 7 * i).padStart(2, '0')}`, i + 1, 'peak', load / 2),
    ]),
    w('2026-05-25', 4, 'taper', 140),
    w('2026-05-27', 4, 'taper', 100),
    w('2026-05-28', 4, 'taper', 60, { skipped: true }),
    w('2026-06-01', 5, 'taper', 120),
    w('2026-06-04', 5, 'taper', 50),
    w('2026-06-07', 5, 'taper', 400, { type: 'race', title: 'The race' }),
  ];

  it('the taper weeks against the three before: loads, the cut, skipped and race day left out', () => {
    const t = taperSummary(plan, '2026-06-07');
    expect(t.weeks.map((x) => [x.week, x.load, x.taper])).toEqual([
      [1, 300, false],
      [2, 320, false],
      [3, 340, false],
      [4, 240, true],
      [5, 170, true],
    ]);
    expect(t.taperWeeks).toBe(2);
    expect(t.beforeLoad).toBe(320);
    expect(t.taperLoad).toBe(205);
    expect(t.dropFraction).toBeCloseTo(115 / 320, 10);
    expect(t.weeks[3]).toMatchObject({ from: '2026-05-25', to: '2026-05-28', timeS: 240 * 60 });
  });

  it('no taper phase: no cut to show', () => {
    const t = taperSummary(plan.slice(0, 6), '2026-06-07');
    expect(t).toMatchObject({ taperWeeks: 0, taperLoad: 0, dropFraction: null });
  });
});

describe('raceWeekChecklist', () => {
  it('the plan’s workouts of the six days before, in order, then kit, logistics, bib and course', () => {
    const items = raceWeekChecklist(
      [
        w('2026-06-04', 5, 'taper', 50, { title: 'Opener' }),
        w('2026-06-01', 5, 'taper', 120, { title: 'Easy 40' }),
        w('2026-05-31', 4, 'taper', 60, { title: 'Too early' }),
        w('2026-06-05', 5, 'taper', 0, { sport: 'rest', type: 'rest', title: 'Rest' }),
        w('2026-06-06', 5, 'taper', 20, { title: 'Shakeout', skipped: true }),
      ],
      '2026-06-07',
    );
    expect(items.filter((i) => i.kind === 'workout').map((i) => i.text)).toEqual([
      'Mon 1 Jun: Easy 40 (120 min)',
      'Thu 4 Jun: Opener (50 min)',
    ]);
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['workout', 'kit', 'logistics', 'bib', 'course', 'fuel']));
    expect(items.find((i) => i.kind === 'kit' && i.text.startsWith('Sat 6 Jun'))).toBeDefined();
  });
});

describe('contingencies and splits', () => {
  it('each rule’s pace is the range’s: a 50:00 10 km (48:00–53:00) gives 4:48, 5:00 and 5:18 /km', () => {
    const c = contingencies(10000, { lowS: 2880, midS: 3000, highS: 3180 }, 'km');
    expect(c.map((x) => x.situation)).toEqual(['tooFastEarly', 'fallingBehind', 'heat', 'giTrouble', 'cramp', 'wall']);
    expect(c[0]!.rule).toContain('4:48 /km');
    expect(c[0]!.rule).toContain('5:00 /km');
    expect(c[1]!.rule).toContain('26:30');
    expect(c[1]!.rule).toContain('5:18 /km');
    expect(c[5]!.title).toBe('The last third');
    expect(contingencies(42195, { lowS: 12000, midS: 12600, highS: 13500 }, 'mile')[5]!.rule).toMatch(/\/mi/);
  });

  it('splits from planPacing over a flat course sum to the target', () => {
    const paced = planPacing({ distanceM: 21097.5, targetS: 6000, unit: 'km', course: null, today: '2026-05-01' });
    if (!paced.ok) throw new Error(paced.error.reason);
    const rows = splitRows(paced.plan);
    expect(rows).toHaveLength(22);
    expect(rows.at(-1)!.clockS).toBeCloseTo(6000, 6);
    expect(rows.at(-1)!.toM).toBeCloseTo(21097.5, 6);
  });
});

describe('transitionsChecklist', () => {
  it('a triathlon’s T1 then T2, the helmet buckled before the bike and off only once it is racked', () => {
    const items = transitionsChecklist().map((i) => i.text);
    expect(items.findIndex((t) => t.startsWith('T1'))).toBeLessThan(items.findIndex((t) => t.startsWith('T2')));
    expect(items.join(' ')).toMatch(/helmet on and buckled before touching the bike/);
    expect(items.join(' ')).toMatch(/rack the bike, then the helmet off/);
  });
});

describe('fuelCheckpoints', () => {
  it('a fuelling stop becomes a checkpoint: where, when, and what to take in grams, litres and milligrams', () => {
    const rows = fuelCheckpoints([
      {
        n: 1,
        distanceM: 5000,
        clockS: 1500,
        stretchS: 1500,
        carbsG: 22.6,
        fluidL: { low: 0.15, high: 0.2 },
        sodiumMg: { low: 80.4, high: 310.2 },
      },
    ]);
    expect(rows).toEqual([{ atM: 5000, clockS: 1500, take: '23 g carbohydrate, 0.15–0.20 L fluid, 80–310 mg sodium' }]);
  });

  it('says a range whose ends round alike as one figure', () => {
    const [row] = fuelCheckpoints([
      {
        n: 1,
        distanceM: 5000,
        clockS: 1500,
        stretchS: 1500,
        carbsG: 10,
        fluidL: { low: 0.211, high: 0.214 },
        sodiumMg: { low: 90, high: 90.2 },
      },
    ]);
    expect(row!.take).toBe('10 g carbohydrate, 0.21 L fluid, 90 mg sodium');
  });
});
