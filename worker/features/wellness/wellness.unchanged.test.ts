// unchangedDevice: which of an importer's summaries are stored already exactly as given (ADR 073: a re-imported
// Garmin export says "already here" and writes nothing). A changed value, a moved day, a field more or less, or
// another source is not "the same"; values the range check drops are compared as stored.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../lib/dates';
import { Harness } from '../../testing/harness';
import { createWellnessService } from './wellness.service';

const today = () => todayIn('UTC', new Date());

describe('unchangedDevice', () => {
  it('answers the summaries stored as given, and only those', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const svc = createWellnessService({ db: h.db, clock: { now: () => new Date() } });
    const [d1, d2] = [addDays(today(), -2), addDays(today(), -1)];
    const stored = [
      { externalId: 'sleep:1', day: d1, values: { sleepS: 25_500, sleepScore: 82 } },
      // restingHr 300 is out of range: stored without it.
      { externalId: 'uds:1', day: d1, values: { steps: 9876, restingHr: 300 } },
      { externalId: 'weight:1', day: d1, values: { weightKg: 61.853 } },
    ];
    await svc.recordDevice(a.user.id, 'garmin_export', stored);

    const same = await svc.unchangedDevice(a.user.id, 'garmin_export', [
      ...stored, // all three as they were sent (the dropped value and the rounding compare as stored)
      { externalId: 'sleep:2', day: d2, values: { sleepS: 25_000 } }, // never stored
    ]);
    expect([...same].sort()).toEqual(['sleep:1', 'uds:1', 'weight:1']);

    const changed = await svc.unchangedDevice(a.user.id, 'garmin_export', [
      { externalId: 'sleep:1', day: d1, values: { sleepS: 25_501, sleepScore: 82 } }, // a value changed
      { externalId: 'uds:1', day: d2, values: { steps: 9876 } }, // moved to another day
      { externalId: 'weight:1', day: d1, values: { weightKg: 61.85, bodyFatPct: 18 } }, // a field more
    ]);
    expect([...changed]).toEqual([]);
    // Another source's summaries with the same ids are not these.
    expect([...(await svc.unchangedDevice(a.user.id, 'garmin', stored))]).toEqual([]);
    // Nor another athlete's.
    const b = await h.signup();
    expect([...(await svc.unchangedDevice(b.user.id, 'garmin_export', stored))]).toEqual([]);
  });
});
