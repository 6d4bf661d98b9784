import { describe, expect, it } from 'vitest';
import type { DerivedFacts } from '../analytics.types';
import { clockTime, historyTimeFactor, intrinsicExclusion } from './plausibility.calc';
import { estimateThresholds } from './thresholds.calc';

const plain = { sportInferred: false, implausibleEffort: false };

describe('intrinsicExclusion', () => {
  it('rules out run bests faster than the world record, and nothing slower', () => {
    expect(intrinsicExclusion('run', 400, 24.7, plain)).toEqual({ reason: 'world_record', ref: 43.03 });
    expect(intrinsicExclusion('run', 42195, 7234, plain)).toEqual({ reason: 'world_record', ref: 7235 });
    expect(intrinsicExclusion('run', 42195, 7235, plain)).toBeNull();
    expect(intrinsicExclusion('run', 5000, 1100, plain)).toBeNull();
  });

  it('keeps inferred-sport and flagged activities out of run bests, the record reason first', () => {
    expect(intrinsicExclusion('run', 5000, 1100, { ...plain, sportInferred: true })).toEqual({ reason: 'sport_inferred', ref: null });
    expect(intrinsicExclusion('run', 5000, 1100, { sportInferred: true, implausibleEffort: true })).toEqual({
      reason: 'implausible_effort',
      ref: null,
    });
    expect(intrinsicExclusion('run', 400, 30, { ...plain, sportInferred: true })).toMatchObject({ reason: 'world_record' });
    // Power is measured, not inferred: an inferred sport keeps its power bests.
    expect(intrinsicExclusion('power', 1200, 300, { ...plain, sportInferred: true })).toBeNull();
  });

  it('rules out power above the ceiling for its duration', () => {
    expect(intrinsicExclusion('power', 5, 2501, plain)).toEqual({ reason: 'power_ceiling', ref: 2500 });
    expect(intrinsicExclusion('power', 5, 2500, plain)).toBeNull();
    expect(intrinsicExclusion('power', 3600, 650, plain)).toEqual({ reason: 'power_ceiling', ref: 600 });
  });
});

it('history limits: speed 1.8× up to the mile, 1.5× from 5 km', () => {
  expect(historyTimeFactor(400)).toBeCloseTo(1 / 1.8, 12);
  expect(historyTimeFactor(1609)).toBeCloseTo(1 / 1.8, 12);
  expect(historyTimeFactor(5000)).toBeCloseTo(1 / 1.5, 12);
});

it('clockTime reads like a race clock', () => {
  expect([24.7, 43.03, 131.96, 245.3, 755.36, 3402, 7235].map(clockTime)).toEqual([
    '24.7 s',
    '43.03 s',
    '2:11.96',
    '4:05.3',
    '12:35',
    '56:42',
    '2:00:35',
  ]);
});

describe('threshold estimates skip implausible inputs', () => {
  const facts = (over: Partial<DerivedFacts>): DerivedFacts => ({
    normalizedPower: null,
    ngpMps: null,
    decouplingPct: null,
    speedAtFixedHrMps: null,
    powerBests: {},
    runBests: {},
    best30MinSpeedMps: null,
    peakHr: null,
    ...over,
  });
  const base = { localDate: '2026-11-01', distanceM: 10000, movingTimeS: 3000, maxHr: null };

  it('no FTP from a 20-min best above 700 W, no threshold pace faster than the 10 km record or from an inferred run', () => {
    const kinds = (c: Parameters<typeof estimateThresholds>[0]) => estimateThresholds(c).map((e) => [e.kind, e.value, e.activityId]);
    expect(kinds([{ ...base, activityId: 'spike', sport: 'ride', facts: facts({ powerBests: { 1200: 900 } }) }])).toEqual([]);
    expect(kinds([{ ...base, activityId: 'car', sport: 'run', facts: facts({ best30MinSpeedMps: 9 }) }])).toEqual([]);
    expect(kinds([{ ...base, activityId: 'guess', sport: 'run', sportInferred: true, facts: facts({ best30MinSpeedMps: 4 }) }])).toEqual(
      [],
    );
    expect(kinds([{ ...base, activityId: 'ok', sport: 'run', facts: facts({ best30MinSpeedMps: 4 }) }])).toEqual([
      ['threshold_pace', 4, 'ok'],
    ]);
  });
});
