import { Decoder, Stream } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import { ExportUnsupportedError } from './export.types.ts';
import { buildWorkout, intervalSteps, measured, target, timed } from './exports.testing.ts';
import { fitWorkout } from './fit-workout.ts';

/** Decodes with the SDK's Decoder (the reading side, independent of the encoder's code path). */
function decode(bytes: Uint8Array) {
  const stream = Stream.fromByteArray(Array.from(bytes));
  expect(Decoder.isFIT(stream)).toBe(true);
  const decoder = new Decoder(stream);
  expect(decoder.checkIntegrity()).toBe(true);
  const { messages, errors } = decoder.read();
  expect(errors).toEqual([]);
  return { fileId: messages.fileIdMesgs?.[0], workout: messages.workoutMesgs?.[0], steps: messages.workoutStepMesgs ?? [] };
}

describe('fitWorkout', () => {
  it('writes a run with a 5 × (4 min / 2 min) block as workout steps with a repeat step', () => {
    const { fileId, workout, steps } = decode(fitWorkout(buildWorkout({ title: 'VO2 intervals', steps: intervalSteps('pace') })));
    expect(fileId).toMatchObject({ type: 'workout', manufacturer: 'development' });
    expect(fileId?.timeCreated).toEqual(new Date('2026-03-01T09:30:00Z'));
    expect(workout).toMatchObject({ sport: 'running', wktName: 'VO2 intervals', numValidSteps: 5 });
    expect(steps.map((s) => s.messageIndex)).toEqual([0, 1, 2, 3, 4]);
    // No absolute threshold pace: speed targets name the zone.
    expect(steps[0]).toMatchObject({
      durationType: 'time',
      durationTime: 900,
      intensity: 'warmup',
      targetType: 'speed',
      targetSpeedZone: 1,
    });
    expect(steps[1]).toMatchObject({
      durationType: 'time',
      durationTime: 240,
      intensity: 'active',
      targetType: 'speed',
      targetSpeedZone: 4,
    });
    expect(steps[2]).toMatchObject({ durationType: 'time', durationTime: 120, intensity: 'recovery', targetSpeedZone: 1 });
    expect(steps[3]).toMatchObject({ durationType: 'repeatUntilStepsCmplt', durationStep: 1, repeatSteps: 5 });
    expect(steps[4]).toMatchObject({ durationType: 'time', durationTime: 600, intensity: 'cooldown' });
  });

  it('turns fractions into custom ranges when absolute thresholds are given', () => {
    const bytes = fitWorkout(buildWorkout({ steps: intervalSteps('pace') }), { thresholds: { thresholdSpeedMps: 4 } });
    const { steps } = decode(bytes);
    expect(steps[1]).toMatchObject({ targetType: 'speed', targetValue: 0 });
    expect(steps[1]?.customTargetSpeedLow).toBeCloseTo(3.92, 3);
    expect(steps[1]?.customTargetSpeedHigh).toBeCloseTo(4.08, 3);

    const hr = decode(fitWorkout(buildWorkout({ steps: intervalSteps('hr') }), { thresholds: { lthrBpm: 170 } })).steps[1];
    // workout_hr above 100 is bpm + 100.
    expect(hr).toMatchObject({ targetType: 'heartRate', customTargetHeartRateLow: 167 + 100, customTargetHeartRateHigh: 173 + 100 });
    const hrZone = decode(fitWorkout(buildWorkout({ steps: intervalSteps('hr') }))).steps[1];
    expect(hrZone).toMatchObject({ targetType: 'heartRate', targetHrZone: 4 });
  });

  it('writes power as % of FTP, or watts + 1000 with an FTP', () => {
    const ride = buildWorkout({ sport: 'bike', steps: intervalSteps('power') });
    const pct = decode(fitWorkout(ride)).steps[1];
    expect(pct).toMatchObject({ targetType: 'power', targetValue: 0, customTargetPowerLow: 98, customTargetPowerHigh: 102 });
    const watts = decode(fitWorkout(ride, { thresholds: { ftpW: 250 } })).steps[1];
    expect(watts).toMatchObject({ customTargetPowerLow: 1245, customTargetPowerHigh: 1255 });
    expect(decode(fitWorkout(ride)).workout?.sport).toBe('cycling');
  });

  it('measures steps by distance or leaves them open, and keeps RPE as a note', () => {
    const swim = buildWorkout({
      sport: 'swim',
      steps: [
        measured('warmup', 400),
        { kind: 'steady', durationSec: null, distanceM: null, target: target('rpe', 3, 5, 6), note: 'Drills' },
      ],
    });
    const { workout, steps } = decode(fitWorkout(swim));
    expect(workout?.sport).toBe('swimming');
    expect(steps[0]).toMatchObject({ durationType: 'distance', durationDistance: 400, targetType: 'open' });
    expect(steps[1]).toMatchObject({ durationType: 'open', targetType: 'open', notes: 'Drills · RPE 5–6' });
  });

  it('writes a workout without steps as one step of its length', () => {
    const { steps, workout } = decode(fitWorkout(buildWorkout({ steps: [], durationSec: 2700, intensity: target('hr', 2, 0.8, 0.88) })));
    expect(workout?.numValidSteps).toBe(1);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ durationTime: 2700, targetType: 'heartRate', targetHrZone: 2 });
  });

  it('cuts a long name at the FIT string limit without splitting a character', () => {
    // 4 + 31 × 8 + 1 = 253 bytes end just before a two-byte "ü" that would pass 254.
    const title = `Run ${'Zürich '.repeat(60)}`;
    const { workout } = decode(fitWorkout(buildWorkout({ title, steps: [timed('steady', 600)] })));
    const name = String(workout?.wktName);
    expect(new TextEncoder().encode(name).byteLength).toBe(253);
    expect(name.endsWith(' Z')).toBe(true);
    expect(title.startsWith(name)).toBe(true);
  });

  it('refuses sports a FIT workout cannot carry with a typed error', () => {
    for (const sport of ['strength', 'brick', 'rest'] as const) {
      const call = () => fitWorkout(buildWorkout({ sport }));
      expect(call).toThrow(ExportUnsupportedError);
      try {
        call();
      } catch (e) {
        expect(e).toMatchObject({ format: 'fit', reason: 'sport', sport });
      }
    }
  });
});
