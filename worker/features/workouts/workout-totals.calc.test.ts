// Totals against hand-worked cases (ADR 055): load = Σ seconds · IF² / 36 (swims IF³), IF the middle of
// the target, a ramp the mean of IF² over its climb, distances timed by their pace.
import { describe, expect, it } from 'vitest';
import { parseWorkoutText } from './workout-text.parse';
import { workoutTotals } from './workout-totals.calc';
import type { Workout, WorkoutSport } from './workout.types';

const workout = (sport: WorkoutSport, text: string): Workout => {
  const r = parseWorkoutText(text, sport);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.workout;
};
const none = { lapSteps: 0, assumedPaceSteps: 0, untimedSteps: 0, missing: [] };

describe('workoutTotals', () => {
  it('3 × 10 min at 95–105 % FTP with 5 min Z1 between, 15 min warm-up, 10 min cool-down', () => {
    const w = workout('bike', ['- warmup 15m 50-70%', '3x', '  - 10m 95-105%', '  - recovery 5m Z1', '- cooldown 10m Z1'].join('\n'));
    // 900·0.6²/36 = 9 · 3·600·1²/36 = 50 · 3·300·0.5²/36 = 6.25 (Z1 = 45–55 %) · 600·0.5²/36 = 4.1667
    expect(workoutTotals(w, { ftpW: 250 })).toStrictEqual({ ...none, durationSec: 70 * 60, distanceM: 0, load: 69.4 });
    // The same in FTP-free form gives the same: the targets are fractions.
    expect(workoutTotals(w).load).toBe(69.4);
  });

  it('a ramp counts the mean of IF² over its climb, not IF² of its middle', () => {
    // (0.5² + 0.5·0.75 + 0.75²)/3 = 0.395833 → 600 · 0.395833 / 36 = 6.5972; the middle would give 6.5104.
    expect(workoutTotals(workout('bike', '- warmup ramp 10m 50-75%')).load).toBe(6.6);
    // Down or up, the same area.
    expect(workoutTotals(workout('bike', '- cooldown ramp 10m 75-50%')).load).toBe(6.6);
    // In watts, with FTP 200: 100 → 150 W is 0.5 → 0.75.
    expect(workoutTotals(workout('bike', '- ramp 10m 100-150w'), { ftpW: 200 }).load).toBe(6.6);
  });

  it('a run in paces, zones, heart rate and a lap step, with threshold pace 4:10/km and LTHR 170', () => {
    const w = workout('run', ['- 1km 4:10-4:20/km', '- 2km Z2', '- 5m 140-150bpm', '- lap Z1'].join('\n'));
    const t = workoutTotals(w, { thresholdPaceSecPerKm: 250, lthrBpm: 170 });
    // 1 km at 4:15 = 255 s, IF 250/255: 255·(250/255)²/36 = 6.8083
    // 2 km at Z2 (75–85 % of threshold speed, 0.8): 312.5 s/km → 625 s, 625·0.64/36 = 11.1111
    // 5 min at 145 bpm: IF 145/170, 300·0.727509/36 = 6.0626
    // lap at Z1 (0.7), taken as 5 min: 300·0.49/36 = 4.0833, and no distance (its end is the athlete's)
    expect(t).toStrictEqual({ ...none, lapSteps: 1, durationSec: 255 + 625 + 300 + 300, distanceM: 3000, load: 28.1 });
  });

  it('repeats multiply, nested ones too', () => {
    const w = workout('run', ['2x', '  3x', '    - 1m 100%', '    - 1m 50%', '  - 2m 50%'].join('\n'));
    // time: 2·(3·2 + 2) = 16 min; load: 6 min at IF 1 (6·60/36 = 10) + 10 min at 0.5 (600·0.25/36 = 4.1667)
    expect(workoutTotals(w)).toMatchObject({ durationSec: 960, load: 14.2 });
  });

  it('thresholds change the totals: a higher FTP makes the same watts easier', () => {
    const w = workout('bike', '- 1h 200w');
    expect(workoutTotals(w, { ftpW: 200 }).load).toBe(100);
    expect(workoutTotals(w, { ftpW: 250 }).load).toBe(64);
  });

  it('says what it had to assume: thresholds not given, distances without a pace', () => {
    // No FTP: 30 s at the ride's hourly rate (50/h).
    expect(workoutTotals(workout('bike', '- 30s 300w'))).toStrictEqual({
      ...none,
      durationSec: 30,
      distanceM: 0,
      load: 0.4,
      missing: ['ftpW'],
    });
    // A run's distance at an HR target: threshold pace by its intensity (IF 0.8 → 312.5 s/km), flagged.
    const hr = workoutTotals(workout('run', '- 1km 80% HR'), { thresholdPaceSecPerKm: 250 });
    expect(hr).toMatchObject({ durationSec: 313, distanceM: 1000, assumedPaceSteps: 1 });
    // A ride's distance has no pace to time it.
    expect(workoutTotals(workout('bike', '- 20km Z2'))).toMatchObject({ durationSec: 0, distanceM: 20000, untimedSteps: 1 });
    // A run's distance at a relative pace with no threshold pace.
    expect(workoutTotals(workout('run', '- 1km Z3'))).toMatchObject({ untimedSteps: 1, missing: ['thresholdPaceSecPerKm'] });
  });

  it('swims cube IF (analytics’ swim load) and time distances by CSS', () => {
    const w = workout('swim', ['pool 25m', '- 400mtr Z2 free'].join('\n'));
    // Z2 = 85–92 % of CSS speed (0.885); CSS 1:40/100m → 1129.94 s/km → 451.98 s; 451.98/3600 · 0.885³ · 100 = 8.70
    expect(workoutTotals(w, { cssSecPer100m: 100 })).toStrictEqual({ ...none, durationSec: 452, distanceM: 400, load: 8.7 });
    expect(workoutTotals(workout('swim', '- 2min 1:40/100m'), { cssSecPer100m: 100 })).toMatchObject({ distanceM: 120, load: 3.3 });
  });

  it('strength at its hourly rate, rest days at none', () => {
    const gym = workout('strength', ['- lap RPE 7', '  * Back squat 3x8 60kg rest 2m', '- 10m RPE 2'].join('\n'));
    expect(workoutTotals(gym)).toStrictEqual({ ...none, lapSteps: 1, durationSec: 900, distanceM: 0, load: 10 });
    expect(workoutTotals(workout('rest', '- 20m'))).toMatchObject({ durationSec: 1200, load: 0 });
  });
});
