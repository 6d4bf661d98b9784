// How the activity page words a rep against its plan.
import { describe, expect, it } from 'vitest';
import { doneText, type Rep, repDistance, repSentence, targetText } from './intervals';

const seg = (durationS: number, distanceM: number | null, extra: Partial<NonNullable<Rep['done']>> = {}): NonNullable<Rep['done']> => ({
  kind: 'work',
  startS: 0,
  endS: durationS,
  durationS,
  movingS: durationS,
  distanceM,
  avgSpeedMps: distanceM === null ? null : distanceM / durationS,
  avgPower: null,
  avgHr: 170,
  maxHr: 176,
  ...extra,
});

const pace = (low: number, high: number) => ({ metric: 'pace' as const, low, high });

describe('intervals wording', () => {
  it('a distance rep: its time for the distance against the target read as times for it', () => {
    // 800 m at 4.44–4.6 m/s takes 2:54–3:00.
    const rep: Rep = {
      rep: 3,
      planned: { durationSec: null, distanceM: 800, target: { metric: 'pace', zone: 5, low: 1, high: 1.04 }, range: pace(4.44, 4.6) },
      done: seg(178, 801),
      recovery: null,
      ratio: 1,
      target: { value: 4.5, verdict: 'within' },
      band: 'green',
    };
    expect(repSentence(rep, 6, 'km', 'run')).toBe('Rep 3 of 6: 800 m in 2:58 · target 2:54–3:00 ✓');
  });

  it('a timed rep: its time and distance at its pace against a pace range, fastest first, and the miss in words', () => {
    const rep: Rep = {
      rep: 2,
      planned: { durationSec: 180, distanceM: null, target: { metric: 'pace', zone: 5, low: 1.05, high: 1.12 }, range: pace(4.725, 5.04) },
      done: seg(181, 800),
      recovery: null,
      ratio: 1.01,
      target: { value: 4.42, verdict: 'below' },
      band: 'red',
    };
    expect(doneText(rep, 'km')).toBe('3:01 · 800 m');
    expect(repSentence(rep, 6, 'km', 'run')).toBe('Rep 2 of 6: 3:01 · 800 m at 3:46\u00a0/km · target 3:18–3:32\u00a0/km (slower)');
    expect(repSentence({ ...rep, done: null, ratio: null, target: null }, 6, 'km', 'run')).toBe(
      'Rep 2 of 6: not found in the recording (planned 3:00)',
    );
  });

  it('power and heart-rate targets in W and bpm; long reps in the athlete’s unit', () => {
    const planned = { durationSec: 600, distanceM: null, target: null };
    expect(targetText({ metric: 'power', low: 219.6, high: 235.1 }, { ...planned, range: null }, 'km', 'ride')).toBe('220–235 W');
    expect(targetText({ metric: 'hr', low: 161.5, high: 170 }, { ...planned, range: null }, 'km', 'run')).toBe('162–170 bpm');
    expect(repDistance(1609, 'mi')).toBe('1610 m');
    expect(repDistance(3218.7, 'mi')).toBe('2.00 mi');
  });
});
